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

steps=$(run "$n" | grep '^|')
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
ack_one H2
if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  db=weineng_bench_$(date +%s)
  psql -q -h 127.0.0.1 -U postgres -d test -c "create database $db"
  ack_one PostgreSQL WEINENG_DB_CLASS=org.postgresql.ds.PGSimpleDataSource WEINENG_DB_URL=jdbc:postgresql://127.0.0.1:5432/$db WEINENG_DB_USER=postgres WEINENG_DB_PASSWORD=
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

Not measured yet: rebuilding a 1 M-statement store (\`POST /api/stores/{id}/ledger/rebuild\`) on H2 and PostgreSQL.
MD
)
python3 - "$section" <<'PY'
import sys, re
p = 'docs/benchmarks.md'
s = open(p, encoding='utf-8').read()
s = re.sub(r'\n## Ledger\n.*', '', s, flags=re.S).rstrip('\n') + '\n\n' + sys.argv[1] + '\n'
open(p, 'w', encoding='utf-8').write(s)
PY
echo "$section"
