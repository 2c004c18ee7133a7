#!/usr/bin/env bash
# Kill -9 during sustained ingest (cn.weineng.lti.bench.CrashTrials): TRIALS (default 20) kills of the bundle on H2
# and on PostgreSQL (when one answers at 127.0.0.1:5432), each followed by a restart on the same data and a check
# that every acknowledged statement is there and no batch is half there. Writes the "Crash trials" section of
# docs/reliability.md. Needs `mvn -B -DskipTests install` first. Fails when a statement is lost or a batch is halved.
set -euo pipefail
cd "$(dirname "$0")/.."
trials=${TRIALS:-20}
port=${PORT:-18083}
jar=lti-tool/target/weineng-microbundle.jar
cp=$(mvn -q -B -o -pl lti-tool dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test 2>/dev/null \
  || mvn -q -B -pl lti-tool dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
run() { java -cp "lti-tool/target/test-classes:$cp" cn.weineng.lti.bench.CrashTrials "$jar" "$@"; }
leftovers() { find "${TMPDIR:-/tmp}" -maxdepth 1 \( -name 'payaramicro-rt*' -o -name 'app[0-9]*tmp' \) 2>/dev/null | wc -l; }

before=$(leftovers)
h2=$(run H2 "$trials" "$port")
pg=""
if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  db=weineng_crash_$(date +%s)
  psql -q -h 127.0.0.1 -U postgres -d test -c "create database $db"
  pg=$(run PostgreSQL "$trials" "$port" WEINENG_DB_CLASS=org.postgresql.ds.PGSimpleDataSource \
    WEINENG_DB_URL=jdbc:postgresql://127.0.0.1:5432/$db WEINENG_DB_USER=postgres WEINENG_DB_PASSWORD=)
  psql -q -h 127.0.0.1 -U postgres -d test -c "drop database $db"
fi
after=$(leftovers)

section=$(cat <<MD
## Crash trials

\`scripts/crash-test.sh\` (TRIALS=$trials) on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(date -u +%Y-%m-%d),
load average $(cut -d' ' -f1-3 /proc/loadavg) at the end. Four clients post batches of 10 statements, single PUTs,
State documents (1–5 KB of random bytes) and statements with their attachment's content (multipart/mixed) without
pause; after 1–5 s the JVM gets SIGKILL; Weineng starts again on the same data and everything is read back through
the LRS. "In flight" are the requests sent that got no answer before the kill: each must be stored whole or not at
all (a document with exactly its bytes, or absent); every acknowledged statement, document and attachment must be
there with its exact bytes. Payara runtime directories left in the
temporary directory: $before before the run, $after after (a killed run's directory is removed at the next start).

### H2 (the embedded default)

$h2

MD
)
if [ -n "$pg" ]; then
  section+=$'\n\n### PostgreSQL\n\n'"$pg"$'\n'
fi
python3 - "$section" <<'PY'
import re, sys, pathlib
p = pathlib.Path("docs/reliability.md")
text = p.read_text() if p.exists() else "# Reliability\n"
new = sys.argv[1].rstrip() + "\n"
if "## Crash trials" in text:
    text = re.sub(r"## Crash trials\n.*?(?=\n## |\Z)", new, text, flags=re.S)
else:
    text = text.rstrip() + "\n\n" + new
p.write_text(text)
PY
echo "$h2" | tail -1
[ -z "$pg" ] || echo "$pg" | tail -1
