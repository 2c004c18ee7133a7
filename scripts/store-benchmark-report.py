#!/usr/bin/env python3
"""Turns the store benchmark's output into the "Store size" section of docs/benchmarks.md and a plot.

Arguments: the rows file (Markdown rows and csv lines from StoreBench), the sizes file, the start time, the load
average before the run, seconds per ingest scenario, samples per query. Called by scripts/store-benchmark.sh.
"""
import os
import re
import subprocess
import sys

rows_file, sizes_file, started, load, secs, samples = sys.argv[1:7]
warmup = sys.argv[7] if len(sys.argv) > 7 else "0"
lines = open(rows_file, encoding='utf-8').read().splitlines()
sizes = open(sizes_file, encoding='utf-8').read().splitlines() if os.path.exists(sizes_file) else []

ingest = [l for l in lines if l.startswith('| Weineng POST') or l.startswith('| raw JDBC')]
queries = [l for l in lines if l.startswith('| GET ')]
csv = [l.split('\t') for l in lines if l.startswith('csv\t')]


def cells(row):
    return [c.strip() for c in row.strip('|').split('|')]


# ingest rows: what, label, threads, requests, statements/s, p50, p95, errors
baseline = {}
for r in ingest:
    c = cells(r)
    if c[0].startswith('raw JDBC'):
        baseline[(c[1], c[2])] = float(c[4])
ingest_table = []
for r in ingest:
    c = cells(r)
    base = baseline.get((c[1], c[2])) if 'batches of 100' in c[0] else baseline.get((c[1], '4'))
    share = f'{float(c[4]) / base:.2f}' if base and not c[0].startswith('raw') else ''
    ingest_table.append('| ' + ' | '.join(c[:5] + [share] + c[5:]) + ' |')

machine = subprocess.run(['bash', '-c', "echo \"$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), "
                          "$(free -g | awk '/Mem:/{print $2}') GiB RAM\""], capture_output=True, text=True).stdout.strip()
java = subprocess.run(['bash', '-c', 'java -version 2>&1 | head -1'], capture_output=True, text=True).stdout.strip()
end_load = open('/proc/loadavg').read().split()[:3]

section = f"""<!-- store-benchmark -->
## Store size: ingest and queries as the store grows

Measured by `scripts/store-benchmark.sh` (`cn.weineng.lti.bench.StoreBench`): for each database and size, the store
is grown with raw JDBC batches to that size (Weineng stopped; the rows Weineng writes for a statement: the statement
and its agent and activity mentions; stored times spread over a year; no `ANALYZE` afterwards on PostgreSQL, so the
plans are those of a freshly grown store), then Weineng is started and measured over loopback HTTP, then stopped and
the raw JDBC baseline measured on the same database at the same size: the same kind of statement rows inserted as JDBC
batches (one transaction and commit per 100 statements, positions from the same sequence). Weineng's figures include
validation, the mention index and the ledger step (completions with a duration are credited: about a quarter of the
statements). "Share of raw JDBC" compares with the baseline at the same number of threads for batches of 100, and
with the baseline's 4 threads for smaller batches. Generated statements: one teacher per 200 statements of the
store's size, 500 courses of 20 modules, five verbs plus one in a thousand that is rare, a registration per teacher and
course, the course as the parent context activity. Client and server share the machine's cores.

- date: {started}; load average before the run: {load}; after: {' '.join(end_load)}
- machine: {machine}
- java: {java}; Payara Micro 6.2025.10 bundle, default JVM options; H2 2.2.224 (file, `WRITE_DELAY=0`), PostgreSQL
  at 127.0.0.1 (default settings, `synchronous_commit` on)
- Weineng warmed up for {warmup} s at each size (the same requests, unmeasured, into a store of their own); the
  raw JDBC baseline for 5 s
- each ingest scenario: {secs} s after a 5 s warm-up; each query: {samples} requests after 20 unmeasured, one client

| what | store | threads | requests | statements/s | share of raw JDBC | p50 ms | p95 ms | errors |
|---|---|---|---|---|---|---|---|---|
{chr(10).join(ingest_table)}

| query (limit 100, newest first unless said) | store | requests | p50 ms | p95 ms | errors |
|---|---|---|---|---|---|
{chr(10).join(queries)}

Size on disk (H2: the `.mv.db` file; PostgreSQL: `pg_database_size`, tables and indexes of the whole database):

| database | statements | size |
|---|---|---|
{chr(10).join(sizes)}

![Ingest rate and query latency against store size](store-benchmark.svg)
<!-- /store-benchmark -->"""

p = 'docs/benchmarks.md'
s = open(p, encoding='utf-8').read()
s = re.sub(r'\n?<!-- store-benchmark -->.*?<!-- /store-benchmark -->\n?', '\n', s, flags=re.S).rstrip('\n')
open(p, 'w', encoding='utf-8').write(s + '\n\n' + section + '\n')
print(section)

# ---- the plot: statements/s (batches of 100, 4 threads; raw JDBC 4 threads) and query p95 against store size
points = {}
for c in csv:
    if c[1] == 'ingest':
        label, what, threads, rate = c[2], c[3], c[4], float(c[5])
        db, n = label.split(', ')[0], int(re.sub(r'[^0-9]', '', label.split(', ')[1]))
        if threads == '4' and ('batches of 100' in what):
            points.setdefault((db, 'raw JDBC' if what.startswith('raw') else 'Weineng'), []).append((n, rate))
    elif c[1] == 'query':
        label, name, p95 = c[2], c[3], float(c[5])
        db, n = label.split(', ')[0], int(re.sub(r'[^0-9]', '', label.split(', ')[1]))
        points.setdefault((db, 'q95'), []).append((n, p95))

W, H, M = 900, 380, 60
colors = {'H2': '#c0392b', 'PostgreSQL': '#2c6fbb'}


def panel(x0, title, series, ylabel, log_y=False):
    xs = [n for pts in series.values() for n, _ in pts]
    ys = [v for pts in series.values() for _, v in pts]
    if not xs:
        return ''
    import math
    lx = lambda n: math.log10(max(n, 1))
    xmin, xmax = lx(min(xs)) - 0.2, lx(max(xs)) + 0.2
    ymax = max(ys) * 1.15 or 1
    w, h = W / 2 - M - 20, H - 2 * M
    sx = lambda n: x0 + M + (lx(n) - xmin) / (xmax - xmin) * w
    sy = lambda v: M + h - v / ymax * h
    out = [f'<text x="{x0 + M + w / 2}" y="{M - 25}" text-anchor="middle" font-size="15">{title}</text>',
           f'<line x1="{x0 + M}" y1="{M + h}" x2="{x0 + M + w}" y2="{M + h}" stroke="#333"/>',
           f'<line x1="{x0 + M}" y1="{M}" x2="{x0 + M}" y2="{M + h}" stroke="#333"/>',
           f'<text x="{x0 + 14}" y="{M + h / 2}" transform="rotate(-90 {x0 + 14} {M + h / 2})" text-anchor="middle" font-size="12">{ylabel}</text>',
           f'<text x="{x0 + M + w / 2}" y="{H - 12}" text-anchor="middle" font-size="12">statements in the store (log scale)</text>']
    for k in range(5):
        v = ymax * k / 4
        out.append(f'<text x="{x0 + M - 6}" y="{sy(v) + 4}" text-anchor="end" font-size="11">{v:,.0f}</text>')
        out.append(f'<line x1="{x0 + M}" y1="{sy(v)}" x2="{x0 + M + w}" y2="{sy(v)}" stroke="#ddd"/>')
    for n in sorted(set(xs)):
        out.append(f'<text x="{sx(n)}" y="{M + h + 16}" text-anchor="middle" font-size="11">{n:,}</text>')
    legend_y = M + 4
    for (name, pts) in series.items():
        db, kind = name
        pts = sorted(pts)
        dash = ' stroke-dasharray="6 4"' if kind in ('raw JDBC',) else ''
        path = ' '.join(f'{sx(n):.1f},{sy(v):.1f}' for n, v in pts)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colors[db]}" stroke-width="2"{dash}/>')
        for n, v in pts:
            out.append(f'<circle cx="{sx(n):.1f}" cy="{sy(v):.1f}" r="3" fill="{colors[db]}"/>')
        out.append(f'<line x1="{x0 + M + w - 215}" y1="{legend_y}" x2="{x0 + M + w - 190}" y2="{legend_y}" stroke="{colors[db]}" stroke-width="2"{dash}/>')
        out.append(f'<text x="{x0 + M + w - 185}" y="{legend_y + 4}" font-size="11">{db}, {kind}</text>')
        legend_y += 16
    return '\n'.join(out)


rates = {k: v for k, v in points.items() if k[1] in ('Weineng', 'raw JDBC')}
q = {}
for (db, kind), pts in points.items():
    if kind == 'q95':
        by_n = {}
        for n, v in pts:
            by_n[n] = max(by_n.get(n, 0), v)
        q[(db, 'slowest filter p95')] = sorted(by_n.items())
svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif">'
       f'<rect width="100%" height="100%" fill="white"/>'
       + panel(0, 'Ingest, batches of 100, 4 clients', rates, 'statements per second')
       + panel(W / 2, 'GET /statements, slowest filter', q, 'p95 ms')
       + '</svg>')
open('docs/store-benchmark.svg', 'w', encoding='utf-8').write(svg)

