#!/usr/bin/env bash
# Ingest and queries against the size of the store (cn.weineng.lti.bench.StoreBench), on H2 and, when one answers at
# 127.0.0.1:5432, on PostgreSQL. For each database it starts Weineng once to create the schema and an LRS
# credential, then for each size: grows the store to that size with raw JDBC (Weineng stopped), starts Weineng and
# measures every GET /statements filter and POSTs of 1, 10 and 100 statements by 1, 4 and 8 clients, stops it, and
# measures the raw JDBC baseline (the same rows, batches of 100, 1/4/8 threads) on the same database at that size.
# Each size is a fresh store. Writes the "Store size" section of docs/benchmarks.md and docs/store-benchmark.svg (+ .png).
# Before measuring, Weineng is warmed up for WARMUP_SECONDS (default 90) with the same requests into a store of its
# own ("warmup"; its statements share the tables, not the measured store): a freshly started server spends most of
# a core for minutes compiling, which the figures would otherwise count. The baseline is warmed up for 5 s.
# Needs `mvn -B -DskipTests install` first. SIZES (default "10000 1000000"), SECONDS_PER_SCENARIO (default 10),
# SAMPLES (queries per filter, default 200), DATABASES (default "h2 postgresql") tune the run.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${SIZES:-10000 1000000}
secs=${SECONDS_PER_SCENARIO:-10}
samples=${SAMPLES:-200}
warmup=${WARMUP_SECONDS:-90}
databases=${DATABASES:-h2 postgresql}
port=${PORT:-18083}
root=$(pwd)
load=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u +%Y-%m-%dT%H:%MZ)
cp=$(mvn -q -B -pl lti-tool dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
bench() { java -Xmx2g -cp "lti-tool/target/test-classes:$cp" cn.weineng.lti.bench.StoreBench "$@"; }
out=$(mktemp)
pw=bench-$RANDOM$RANDOM
server=

start() { # work dir, extra env...
  local work=$1; shift
  (cd "$work" && exec env "$@" WEINENG_ADMIN_PASSWORD=$pw WEINENG_PUBLIC_URL=http://127.0.0.1:$port \
    java -jar "$root/lti-tool/target/weineng-microbundle.jar" --port "$port" >> server.log 2>&1) &
  server=$!
  for _ in $(seq 1 900); do curl -sf -o /dev/null "http://127.0.0.1:$port/xapi/about" && return 0; sleep 0.1; done
  echo "Weineng did not start: see $work/server.log" >&2; exit 1
}
stop() {
  kill "$server"; wait "$server" 2>/dev/null || true
  for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null || break; sleep 0.2; done
}

for db in $databases; do
  for size in $sizes; do
    # a fresh store per size: a store grown by the loader (stored times spread over the past year) on top of one
    # Weineng wrote today would hold positions whose stored times run backwards, which Weineng never writes
    work=$(mktemp -d)
    if [ "$db" = postgresql ]; then
      (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null || continue
      name=weineng_store_$(date +%s)
      psql -q -h 127.0.0.1 -U postgres -d test -c "create database $name"
      env=(WEINENG_DB_CLASS=org.postgresql.ds.PGSimpleDataSource WEINENG_DB_URL=jdbc:postgresql://127.0.0.1:5432/$name
           WEINENG_DB_USER=postgres WEINENG_DB_PASSWORD=)
      url=jdbc:postgresql://127.0.0.1:5432/$name; user=postgres; pass=; loadurl=$url
      label=PostgreSQL
      bytes() { psql -tA -h 127.0.0.1 -U postgres -d test -c "select pg_database_size('$name')"; }
    else
      env=()
      url="jdbc:h2:file:$work/weineng-data/db/weineng;WRITE_DELAY=0"; user=weineng; pass=weineng
      # the bulk load need not survive a kill; it is compacted at its end (StoreBench load)
      loadurl="jdbc:h2:file:$work/weineng-data/db/weineng"
      label=H2
      bytes() { stat -c %s "$work/weineng-data/db/weineng.mv.db"; }
    fi
    start "$work" "${env[@]}"
    cred=$(curl -sf -u "admin:$pw" -H 'Content-Type: application/json' -d '{"label":"store benchmark"}' \
      "http://127.0.0.1:$port/api/lrs/credentials")
    key=$(echo "$cred" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
    secret=$(echo "$cred" | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
    curl -sf -o /dev/null -u "admin:$pw" -H 'Content-Type: application/json' \
      -d '{"id":"warmup","name":"store benchmark warm-up"}' "http://127.0.0.1:$port/api/stores"
    wcred=$(curl -sf -u "admin:$pw" -H 'Content-Type: application/json' \
      -d '{"label":"store benchmark warm-up","storeId":"warmup"}' "http://127.0.0.1:$port/api/lrs/credentials")
    wkey=$(echo "$wcred" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
    wsecret=$(echo "$wcred" | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
    stop
    bench load "$loadurl" "$user" "$pass" "$size"
    count=$(bench count "$url" "$user" "$pass")
    b=$(bytes)
    printf "csv\tsize\t%s\t%s\t%s\n" "$label" "$count" "$b" >> "$out"
    echo "| $label | $count | $(python3 -c "print(f'{$b/1e6:,.0f} MB, {$b/$count*1e6/1e9:,.2f} GB per million statements')") |" | tee -a "$out.sizes"
    tag="$label, $count statements"
    start "$work" "${env[@]}"
    bench warmup "http://127.0.0.1:$port" "$wkey" "$wsecret" "$warmup"
    bench query "http://127.0.0.1:$port" "$key" "$secret" "$samples" "$tag" | tee -a "$out"
    bench ingest "http://127.0.0.1:$port" "$key" "$secret" "$secs" "$tag" | tee -a "$out"
    stop
    after=$(bench count "$url" "$user" "$pass")
    b2=$(bytes)
    echo "| $label, after Weineng's ingest at this size | $after | $(python3 -c "print(f'{$b2/1e6:,.0f} MB, {$b2/$after*1e6/1e9:,.2f} GB per million statements')") |" | tee -a "$out.sizes"
    bench baseline "$url" "$user" "$pass" "$secs" "$tag" | tee -a "$out"
    if [ "$db" = postgresql ]; then psql -q -h 127.0.0.1 -U postgres -d test -c "drop database $name"; fi
    rm -rf "$work"
  done
done

# RESULTS_FROM: the rows of an earlier run to report with this one's (e.g. one database measured again)
if [ -n "${RESULTS_FROM:-}" ]; then cat "$RESULTS_FROM" >> "$out"; cat "$RESULTS_FROM.sizes" >> "$out.sizes" 2>/dev/null || true; fi
if [ -n "${RESULTS_TO:-}" ]; then cp "$out" "$RESULTS_TO"; cp "$out.sizes" "$RESULTS_TO.sizes"; fi
python3 scripts/store-benchmark-report.py "$out" "$out.sizes" "$started" "$load" "$secs" "$samples" "$warmup"
rm -f "$out" "$out.sizes"
