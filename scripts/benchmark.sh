#!/usr/bin/env bash
# Measures a running Weineng with the load driver (lti-tool/src/test/java/cn/weineng/lti/bench/LoadDriver.java):
# xAPI ingest at batch sizes 1, 10, 100 and whole LTI launches, on H2 and, when one answers at 127.0.0.1:5432, on
# PostgreSQL. Also measures start-to-ready. Rewrites docs/benchmarks.md.
# Needs `mvn -B -DskipTests install` first. SECONDS_PER_SCENARIO (default 20) and THREADS (default 4) tune the run.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${SECONDS_PER_SCENARIO:-20}
threads=${THREADS:-4}
port=${PORT:-18081}
root=$(pwd)
load=$(cut -d' ' -f1-3 /proc/loadavg)
cp=$(mvn -q -B -pl lti-tool dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
rows=()
ready=()

run_one() { # label, extra env...
  local label=$1; shift
  local work; work=$(mktemp -d)
  local pw=bench-$RANDOM$RANDOM
  local t0; t0=$(date +%s.%N)
  # one client address starts every launch here: the per-address login limit is lifted for the run
  (cd "$work" && exec env "$@" WEINENG_LIMITS_LOGINS_PER_ADDRESS=100000000 WEINENG_ADMIN_PASSWORD=$pw WEINENG_PUBLIC_URL=http://127.0.0.1:$port \
    java -jar "$root/lti-tool/target/weineng-microbundle.jar" --port "$port" > server.log 2>&1) &
  local server=$!
  for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$port/xapi/about" && break; sleep 0.1; done
  ready+=("| $label | $(echo "$(date +%s.%N) - $t0" | bc | cut -c1-5) s |")
  while IFS= read -r line; do rows+=("$line"); done < <(java -cp "lti-tool/target/test-classes:$cp" \
    -Dserver.pid=$server -Dwarmup=${LAUNCH_WARMUP:-30} cn.weineng.lti.bench.LoadDriver \
    "http://127.0.0.1:$port" "$pw" "$secs" "$threads" "$label" | grep '^|')
  kill $server; wait $server 2>/dev/null || true
  for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null || break; sleep 0.2; done
  rm -rf "$work"
}

run_one H2
if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  db=weineng_bench_$(date +%s)
  psql -q -h 127.0.0.1 -U postgres -d test -c "create database $db"
  run_one PostgreSQL WEINENG_DB_CLASS=org.postgresql.ds.PGSimpleDataSource WEINENG_DB_URL=jdbc:postgresql://127.0.0.1:5432/$db WEINENG_DB_USER=postgres WEINENG_DB_PASSWORD=
  psql -q -h 127.0.0.1 -U postgres -d test -c "drop database $db"
fi

# keep the ledger's section (scripts/ledger-benchmark.sh writes it)
ledger=$(python3 -c "import re,sys;s=open('docs/benchmarks.md',encoding='utf-8').read();m=re.search(r'\n## Ledger\n.*',s,re.S);print(m.group(0) if m else '')")
{
  echo "# Benchmarks"
  echo
  echo "Measured by \`scripts/benchmark.sh\` (load driver: \`cn.weineng.lti.bench.LoadDriver\`, over loopback HTTP, client and"
  echo "server on the same machine). Figures are from one run; they are noisy on a shared 2-core machine. No test asserts them."
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%MZ); load average before the run: $load"
  echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB RAM"
  echo "- java: $(java -version 2>&1 | head -1); Payara Micro 6.2025.10 bundle, default JVM options"
  echo "- each scenario: ${secs} s, ${threads} client threads; warm-up: 5 s of xAPI POSTs, ${LAUNCH_WARMUP:-30} s of launches"
  echo
  echo "## Start to ready (process start to first 200 from /xapi/about, empty database, migrations included)"
  echo
  echo "| database | time |"
  echo "|---|---|"
  printf '%s\n' "${ready[@]}"
  echo
  echo "## Throughput and latency"
  echo
  echo "xAPI statements are \`completed\` course statements with a duration, for 1,000 learners, so every one is validated,"
  echo "stored, and credited in the hour ledger in the same transaction. A launch is the whole LTI flow: login initiation,"
  echo "the platform's authorisation (test platform, RS256 signing), the launch (state checked, id_token verified with the"
  echo "platform's cached keys, nonce recorded, person/course/enrolment recorded, a launched statement stored) and the page"
  echo "with the learner's progress and points. Two kinds: a *returning teacher* (1,000 teachers in 20 courses, launched at"
  echo "random after a ${LAUNCH_WARMUP:-30} s warm-up that launches most of them once) and a *first launch* (a new teacher in a new"
  echo "course every time). \"The tool's part\" times only the requests the tool answers (login initiation, launch with page)"
  echo "at the client; its throughput is count ÷ (tool seconds ÷ threads). \"Server CPU per launch\" is the server process's"
  echo "CPU time (from /proc) over the scenario divided by its launches, and the capacity is what that CPU time allows on"
  echo "this machine's cores: the test platform's signing and the client run on the same two cores, so the whole flow's"
  echo "rate is lower than either."
  echo
  echo "| scenario | database | threads | requests | throughput | p50 ms | p95 ms | p99 ms | errors |"
  echo "|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo "$ledger"
} > docs/benchmarks.md
cat docs/benchmarks.md
