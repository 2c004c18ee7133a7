#!/usr/bin/env bash
# The ledger's benchmarks (cn.weineng.lti.bench.LedgerBench): the policy step of all six region policies over a
# million statement facts against a no-policy baseline in the same run, standings per second, and the delay from a
# statement's acknowledgement to the learner's standing showing it, against a scratch Weineng on H2 (and PostgreSQL
# when one answers at 127.0.0.1:5432). Replaces the "Ledger" section of docs/benchmarks.md.
# Needs `mvn -B -DskipTests install` first. STATEMENTS (default 1000000) and SAMPLES (default 200) tune the run.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${STATEMENTS:-1000000}
samples=${SAMPLES:-200}
port=${PORT:-18082}
root=$(pwd)
cp=$(mvn -q -B -pl lti-tool dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
run() { java -Xmx4g -cp "lti-tool/target/test-classes:$cp" cn.weineng.lti.bench.LedgerBench "$@"; }

steps=""
[ "${PARTS:-all}" = rebuild ] || steps=$(run "$n" | grep '^|')
acks=()
ack_one() { # label, extra env...
  local label=$1; shift
  local work; work=$(mktemp -d)
  local pw=bench-$RANDOM$RANDOM
  (cd "$work" && exec env "$@" WEINENG_ADMIN_PASSWORD=$pw WEINENG_PUBLIC_URL=http://127.0.0.1:$port \
    java -jar "$root/lti-tool/target/weineng-microbundle.jar" --port "$port" > server.log 2>&1) &
  local server=$!
  for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$port/xapi/about" && break; sleep 0.1; done
  while IFS= read -r line; do acks+=("${line/ack-to-standing/ack-to-standing, $label}"); done < <(run 1000 \
    "http://127.0.0.1:$port" "$pw" "$samples" | grep '^| ack')
  kill $server; wait $server 2>/dev/null || true
  for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null || break; sleep 0.2; done
  rm -rf "$work"
}
[ "${PARTS:-all}" = rebuild ] || ack_one H2
if [ "${PARTS:-all}" != rebuild ] && (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  db=weineng_bench_$(date +%s)
  psql -q -h 127.0.0.1 -U postgres -d test -c "create database $db"
  ack_one PostgreSQL WEINENG_DB_CLASS=org.postgresql.ds.PGSimpleDataSource WEINENG_DB_URL=jdbc:postgresql://127.0.0.1:5432/$db WEINENG_DB_USER=postgres WEINENG_DB_PASSWORD=
  psql -q -h 127.0.0.1 -U postgres -d test -c "drop database $db"
fi

# rebuilding a store of REBUILD_STATEMENTS statements, loaded straight into the statement table with raw JDBC
rn=${REBUILD_STATEMENTS:-1000000}
rebuilds=()
serve() { # work dir, env... ; starts Weineng in the background, sets $server
  local work=$1; shift
  (cd "$work" && exec env "$@" WEINENG_ADMIN_PASSWORD=bench-pw WEINENG_PUBLIC_URL=http://127.0.0.1:$port \
    java -jar "$root/lti-tool/target/weineng-microbundle.jar" --port "$port" >> server.log 2>&1) &
  server=$!
  for _ in $(seq 1 900); do curl -sf -o /dev/null "http://127.0.0.1:$port/xapi/about" && break; sleep 0.2; done
}
unserve() {
  kill $server; wait $server 2>/dev/null || true
  for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null || break; sleep 0.2; done
}
rebuild_row() { # step, the rebuild's JSON answer, wall seconds: one table row
  python3 -c "import json,sys; d=json.loads(sys.argv[2]); w=float(sys.argv[3]); print('| %s | %s statements | %.1f s | %s statements/s | %s |' % (sys.argv[1], format(d['statements'], ','), w, format(int(d['statements'] / w), ','), format(d['activities'], ',')))" "$1" "$2" "$3"
}
rebuild_one() { # label, jdbc url (WORK stands for the server's directory), user, password, env...
  local label=$1 url=$2 user=$3 pass=$4; shift 4
  local work; work=$(mktemp -d)
  url=${url//WORK/$work}
  serve "$work" "$@"
  curl -sf -u admin:bench-pw -H 'Content-Type: application/json' "http://127.0.0.1:$port/api/stores" \
    -d '{"id":"bench","name":"rebuild benchmark"}' > /dev/null
  unserve
  while IFS= read -r line; do rebuilds+=("$line"); done < <(run load "$url" "$user" "$pass" bench "$rn" "$label" | grep '^|')
  serve "$work" "$@"
  local t0; t0=$(date +%s.%N)
  local out; out=$(curl -sf -m 3600 -u admin:bench-pw -X POST "http://127.0.0.1:$port/api/stores/bench/ledger/rebuild")
  local wall; wall=$(echo "$(date +%s.%N) - $t0" | bc)
  rebuilds+=("$(rebuild_row "rebuild through Weineng, $label" "$out" "$wall")")
  # the same store again: nothing changed, so nothing is written
  t0=$(date +%s.%N)
  out=$(curl -sf -m 3600 -u admin:bench-pw -X POST "http://127.0.0.1:$port/api/stores/bench/ledger/rebuild")
  wall=$(echo "$(date +%s.%N) - $t0" | bc)
  rebuilds+=("$(rebuild_row "rebuild again, nothing changed, $label" "$out" "$wall")")
  unserve
  rm -rf "$work"
}
[ "${DBS:-all}" = postgresql ] || rebuild_one H2 "jdbc:h2:file:WORK/weineng-data/db/weineng" weineng weineng
if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  db=weineng_rebuild_$(date +%s)
  psql -q -h 127.0.0.1 -U postgres -d test -c "create database $db"
  rebuild_one PostgreSQL "jdbc:postgresql://127.0.0.1:5432/$db" postgres "" WEINENG_DB_CLASS=org.postgresql.ds.PGSimpleDataSource WEINENG_DB_URL=jdbc:postgresql://127.0.0.1:5432/$db WEINENG_DB_USER=postgres WEINENG_DB_PASSWORD=
  psql -q -h 127.0.0.1 -U postgres -d test -c "drop database $db"
fi

section=$(cat <<MD
## Ledger

Measured by \`scripts/ledger-benchmark.sh\` (\`cn.weineng.lti.bench.LedgerBench\`).

- date: $(date -u +%Y-%m-%dT%H:%MZ); load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)
- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB RAM; $(java -version 2>&1 | head -1)

The policy step is one thread crediting $n synthetic statement facts (six activity kinds, 80 % completions, one in
twenty with \`completion: false\`) under each installed policy. The baseline, in the same run, reads the same facts
without a policy. Goal (issue 5): at least 200,000 statements/s for the policy step.

| step | input | time | throughput | ledger lines |
|---|---|---|---|---|
$steps

The delay from acknowledgement to standing: a statement is posted (one at a time, HTTP on loopback), then the learner
is looked up and the standing read until it shows the statement's hours. The ledger is written in the storing
transaction, so the first read after the acknowledgement already shows it; the figure is the two round trips. Goal:
at most 1 s.

| measure | samples | acknowledgement | visible in the standing | |
|---|---|---|---|---|
$(printf '%s\n' "${acks[@]}")

Rebuilding a store (\`POST /api/stores/{id}/ledger/rebuild\`) of $rn statements (70 % completions of six activity
kinds and an LMS type, 20,000 learners), loaded straight into the statement table with raw JDBC batches: the baselines
are that load and a raw JDBC read of the store in stored order with each statement's JSON parsed, in the same run on
the same database. The rebuild reads the store through the LRS's cursor, offers every statement to the six policies
on the live path, and keeps one row per credited statement (ADR 0006), written in JDBC batches of multi-row inserts,
one transaction per page of 5,000 statements, with the store marked as rebuilding meanwhile; only rows that differ
from the ledger's are written, so the second rebuild of the same store (nothing changed) reads and compares only.
Goal: a 1 M-statement store within 60 s.

| step | input | time | throughput | credited activities kept |
|---|---|---|---|---|
$(printf '%s\n' "${rebuilds[@]}")
MD
)
python3 - "$section" <<'PY'
import sys, re
p = 'docs/benchmarks.md'
s = open(p, encoding='utf-8').read()
# the other scripts' sections (store-benchmark.sh, peer-benchmark.sh) stay, after this one
kept = [m.group(0) for m in re.finditer(r'<!-- ([a-z-]+) -->.*?<!-- /\1 -->', s, re.S)]
s = re.sub(r'\n?<!-- ([a-z-]+) -->.*?<!-- /\1 -->\n?', '\n', s, flags=re.S)
s = re.sub(r'\n## Ledger\n.*', '', s, flags=re.S).rstrip('\n') + '\n\n' + sys.argv[1] + '\n'
for block in kept:
    s += '\n' + block + '\n'
open(p, 'w', encoding='utf-8').write(s)
PY
echo "$section"
