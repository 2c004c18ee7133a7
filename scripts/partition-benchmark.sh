#!/usr/bin/env bash
# PostgreSQL partitioning of the statement tables against the plain layout, on one generated store, with the
# product's own query and lookup code (cn.weineng.lti.bench.PartitionBench): a scratch database is grown to
# STATEMENTS (default 2000000) with raw JDBC, a copy of the statement and mention tables partitioned by range of
# storage position into PARTITIONS ranges (default 8) is built beside them, and every GET /statements filter (SAMPLES
# pages each, default 200), the ingest lookup of a batch's ids and raw JDBC inserts run against each layout.
# Writes the "Partitioning, measured" section of docs/scaling.md. Needs a PostgreSQL server at 127.0.0.1:5432 and
# `mvn -B -DskipTests install` first. LOAD_THREADS=4 grows the store faster.
set -euo pipefail
cd "$(dirname "$0")/.."
size=${STATEMENTS:-2000000}
partitions=${PARTITIONS:-8}
samples=${SAMPLES:-200}
load=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u +%Y-%m-%dT%H:%MZ)
cp=$(mvn -q -B -pl lti-tool dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
name=weineng_partition_$(date +%s)
psql -q -h 127.0.0.1 -U postgres -d test -c "create database $name"
trap 'psql -q -h 127.0.0.1 -U postgres -d test -c "drop database if exists $name"' EXIT
out=$(java -Xmx2g -cp "lti-tool/target/test-classes:lti-tool/target/classes:$cp" cn.weineng.lti.bench.PartitionBench \
  "jdbc:postgresql://127.0.0.1:5432/$name?user=postgres" "$size" "$partitions" "$samples")
echo "$out"
python3 - "$out" "$started" "$load" "$size" "$partitions" "$samples" <<'PY'
import re, subprocess, sys
out, started, load, size, partitions, samples = sys.argv[1:7]
cpu = subprocess.run(['sh', '-c', "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], capture_output=True,
                     text=True).stdout.strip()
pg = subprocess.run(['psql', '-tA', '-h', '127.0.0.1', '-U', 'postgres', '-d', 'test', '-c', 'show server_version'],
                    capture_output=True, text=True).stdout.strip()
section = f"""<!-- partition-benchmark -->
### Partitioning, measured

Measured by `scripts/partition-benchmark.sh` (`PartitionBench`): one generated store of {int(size):,} statements
(as the store benchmark generates them), and beside it a copy of the statement table and its two mention tables
partitioned by range of storage position into {partitions} equal ranges and one open range for what comes next, with
the same indexes (the unique `(store_id, statement_id)` index becomes a plain one: a unique index of a partitioned
table must hold the partition key). The product's own code runs against each layout, chosen by the connection's
`search_path`: every filter of the query path ({samples} pages of 100 each, in-process, without HTTP), the ingest
path's lookup of a batch's 100 ids, and raw JDBC inserts of batches of 100 by 4 threads for 10 s. Both layouts
analysed.

- date: {started}; load average before: {load}; {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores ({cpu}); PostgreSQL {pg}

{out.strip()}
<!-- /partition-benchmark -->"""
p = 'docs/scaling.md'
s = open(p, encoding='utf-8').read()
if '<!-- partition-benchmark -->' in s:
    s = re.sub(r'<!-- partition-benchmark -->.*?<!-- /partition-benchmark -->', lambda m: section, s, flags=re.S)
else:
    s = s.rstrip('\n') + '\n\n' + section + '\n'
open(p, 'w', encoding='utf-8').write(s)
PY
