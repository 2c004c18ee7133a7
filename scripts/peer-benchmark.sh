#!/usr/bin/env bash
# Weineng next to another LRS with the same driver in the same run: Learning Locker's xapi-service (3.6.0) in its
# in-memory mode (MODELS_REPO=memory: statements in the process's memory, nothing durable), then Weineng on H2 and,
# when one answers at 127.0.0.1:5432, on PostgreSQL (durable: each acknowledged batch committed). Each starts empty,
# is warmed up for WARMUP_SECONDS (default 45) with the same requests, then measured by the store benchmark's
# driver (cn.weineng.lti.bench.StoreBench ingest: POSTs of 100, 10 and 1 statements by 1, 4 and 8 clients,
# SECONDS_PER_SCENARIO each, default 10). Writes the "Next to Learning Locker" section of docs/benchmarks.md.
#
# LL_DIR: a built checkout of github.com/LearningLocker/xapi-service at v3.6.0, never part of this repository:
#   git clone <the repository> "$LL_DIR" && cd "$LL_DIR" && git checkout v3.6.0
#   npm i -g yarn@1.22.22 && yarn install --frozen-lockfile --ignore-engines && yarn build
# (Node 20 runs it; an optional native module of New Relic's fails to build offline and is not needed.)
# Needs `mvn -B -DskipTests install` first.
set -euo pipefail
cd "$(dirname "$0")/.."
ll=${LL_DIR:?LL_DIR: a built checkout of LearningLocker/xapi-service v3.6.0}
secs=${SECONDS_PER_SCENARIO:-10}
warm=${WARMUP_SECONDS:-45}
port=${PORT:-18085}
llport=${LL_PORT:-18090}
root=$(pwd)
load=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u +%Y-%m-%dT%H:%MZ)
cp=$(mvn -q -B -pl lti-tool dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
bench() { java -Xmx2g -cp "lti-tool/target/test-classes:$cp" cn.weineng.lti.bench.StoreBench "$@"; }
out=$(mktemp)
scratch=$(mktemp -d)
server=
wait_for() { # url
  for _ in $(seq 1 900); do curl -sf -o /dev/null -H "X-Experience-API-Version: 1.0.3" "$1" && return 0; sleep 0.1; done
  echo "no answer from $1" >&2; exit 1
}
stop() {
  kill "$server"; wait "$server" 2>/dev/null || true
}
measure() { # base url, key, secret, what it is
  INGEST_PLAN=1x4,10x4,100x8 TARGET=warm-up bench ingest "$1" "$2" "$3" $((warm / 3)) "warm-up" > /dev/null
  TARGET="$4" bench ingest "$1" "$2" "$3" "$secs" "from an empty store" | tee -a "$out"
}

# Learning Locker's xapi-service: it listens on every interface unless told otherwise, and it has no setting for
# that, so a preload binds its server to the loopback address
cat > "$scratch/loopback.js" <<'JS'
const net = require('net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (port, ...rest) {
  if (typeof port === 'number' || /^\d+$/.test(String(port))) {
    return listen.call(this, port, '127.0.0.1', ...rest.filter((a) => typeof a === 'function'));
  }
  return listen.call(this, port, ...rest);
};
JS
mkdir -p "$scratch/storage" "$scratch/logs"
(cd "$ll" && exec env NODE_ENV=production EXPRESS_PORT=$llport MODELS_REPO=memory STORAGE_REPO=local \
  FS_LOCAL_STORAGE_DIR="$scratch/storage" EXPRESS_MORGAN_DIRECTORY="$scratch/logs" AUTH_REPO=test EVENTS_REPO=test \
  node -r "$scratch/loopback.js" dist/server.js > "$scratch/ll.log" 2>&1) &
server=$!
wait_for "http://127.0.0.1:$llport/data/xAPI/about"
llversion=$(cd "$ll" && git describe --tags 2>/dev/null || echo unknown)
# AUTH_REPO=test: every request is one built-in client, whatever its credentials
measure "http://127.0.0.1:$llport/data" any any "Learning Locker xapi-service $llversion, in memory"
stop

pw=bench-$RANDOM$RANDOM
for db in h2 postgresql; do
  env=()
  if [ "$db" = postgresql ]; then
    (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null || continue
    name=weineng_peer_$(date +%s)
    psql -q -h 127.0.0.1 -U postgres -d test -c "create database $name"
    env=(WEINENG_DB_CLASS=org.postgresql.ds.PGSimpleDataSource WEINENG_DB_URL=jdbc:postgresql://127.0.0.1:5432/$name
         WEINENG_DB_USER=postgres WEINENG_DB_PASSWORD=)
    label="Weineng, PostgreSQL"
  else
    label="Weineng, H2"
  fi
  work=$(mktemp -d)
  (cd "$work" && exec env "${env[@]}" WEINENG_ADMIN_PASSWORD=$pw WEINENG_PUBLIC_URL=http://127.0.0.1:$port \
    java -jar "$root/lti-tool/target/weineng-microbundle.jar" --port "$port" >> server.log 2>&1) &
  server=$!
  wait_for "http://127.0.0.1:$port/xapi/about"
  cred=$(curl -sf -u "admin:$pw" -H 'Content-Type: application/json' -d '{"label":"peer benchmark"}' \
    "http://127.0.0.1:$port/api/lrs/credentials")
  key=$(echo "$cred" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
  secret=$(echo "$cred" | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
  measure "http://127.0.0.1:$port" "$key" "$secret" "$label"
  stop
  if [ "$db" = postgresql ]; then psql -q -h 127.0.0.1 -U postgres -d test -c "drop database $name"; fi
  rm -rf "$work"
done
rm -rf "$scratch"

python3 - "$out" "$started" "$load" "$secs" "$warm" <<'PY'
import re, sys, subprocess
rows_file, started, load, secs, warm = sys.argv[1:6]
rates = {}  # (target, batch, clients) -> statements/s
order = []
for line in open(rows_file, encoding='utf-8'):
    if not line.startswith('csv\tingest'):
        continue
    _, _, _label, what, clients, rate, _p95 = line.rstrip('\n').split('\t')
    target, batch = re.match(r'(.*) POST /xapi/statements, batches of (\d+)', what).groups()
    rates[(target, batch, clients)] = float(rate)
    if target not in order:
        order.append(target)
peer = order[0]
scenarios = sorted({(b, c) for (_, b, c) in rates}, key=lambda x: (-int(x[0]), int(x[1])))
head = '| batch | clients | ' + ' | '.join(f'{t} (statements/s)' for t in order) + ' | ' + ' | '.join(
    f'{t} ÷ Learning Locker' for t in order[1:]) + ' |'
lines = [head, '|' + '---|' * (2 + 2 * len(order) - 1)]
for b, c in scenarios:
    base = rates.get((peer, b, c))
    cells = [f'{rates[(t, b, c)]:,.0f}' if (t, b, c) in rates else '' for t in order]
    ratios = [f'{rates[(t, b, c)] / base:.1f}' if base and (t, b, c) in rates else '' for t in order[1:]]
    lines.append(f'| {b} | {c} | ' + ' | '.join(cells) + ' | ' + ' | '.join(ratios) + ' |')
cpu = subprocess.run(['sh', '-c', "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], capture_output=True,
                     text=True).stdout.strip()
node = subprocess.run(['node', '--version'], capture_output=True, text=True).stdout.strip()
section = f"""<!-- peer-benchmark -->
## Next to Learning Locker: the same driver, the same run

Measured by `scripts/peer-benchmark.sh`: Learning Locker's xapi-service in its in-memory mode (statements in the
process's memory, lost when it stops), then Weineng on H2 and on PostgreSQL, each durable (an acknowledged batch is
committed; `synchronous_commit` on). Each starts from an empty store, is warmed up for {warm} s with the same
requests (batches of 1, 10 and 100), then measured for {secs} s per row with the store benchmark's driver
(`StoreBench ingest`: generated statements, loopback HTTP, client and server on the same 2 cores). Learning Locker
runs on one Node.js process, as it ships; Weineng on one JVM.

- date: {started}; load average before the run: {load}
- machine: {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores ({cpu})
- Node.js {node}; Learning Locker xapi-service built from its repository (`yarn build`), `MODELS_REPO=memory`,
  `AUTH_REPO=test` (no credential check), `EVENTS_REPO=test`

{chr(10).join(lines)}
<!-- /peer-benchmark -->"""
p = 'docs/benchmarks.md'
s = open(p, encoding='utf-8').read()
s = re.sub(r'\n?<!-- peer-benchmark -->.*?<!-- /peer-benchmark -->\n?', '\n', s, flags=re.S).rstrip('\n')
open(p, 'w', encoding='utf-8').write(s + '\n\n' + section + '\n')
print(section)
PY
rm -f "$out"
