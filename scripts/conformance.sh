#!/usr/bin/env bash
# Runs ADL's LRS conformance test suite (github.com/adlnet/lrs-conformance-test-suite, a Node.js project kept OUTSIDE
# this repository) against a scratch Weineng built from this checkout, and prints its summary line.
# Usage: scripts/conformance.sh <path to a checkout of the suite, after `npm install` in it> [xAPI version, default 1.0.3]
# Needs `mvn -B -DskipTests install` first. Results are recorded by hand in docs/conformance.md.
set -euo pipefail
suite=$(cd "$1" && pwd)
version=${2:-1.0.3}
cd "$(dirname "$0")/.."
port=${PORT:-18090}
work=$(mktemp -d)
pw=conformance-$RANDOM$RANDOM
for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null || break; sleep 0.2; done  # a previous run still closing
(cd "$work" && exec env WEINENG_ADMIN_PASSWORD=$pw WEINENG_PUBLIC_URL=http://127.0.0.1:$port \
  java -jar "$OLDPWD/lti-tool/target/weineng-microbundle.jar" --port "$port" > server.log 2>&1) &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 240); do curl -sf -o /dev/null "http://127.0.0.1:$port/xapi/about" && break; sleep 0.5; done
cred=$(curl -sf -u "admin:$pw" -H 'Content-Type: application/json' -d '{"label":"conformance suite"}' "http://127.0.0.1:$port/api/lrs/credentials")
key=$(printf '%s' "$cred" | sed -E 's/.*"key":"([^"]+)".*/\1/')
secret=$(printf '%s' "$cred" | sed -E 's/.*"secret":"([^"]+)".*/\1/')
(cd "$suite" && node bin/console_runner.js -e "http://127.0.0.1:$port/xapi" -a -u "$key" -p "$secret" -x "$version" | grep -E '^\{"total"' | tail -1)
echo "full log: the newest file in $suite/logs/"
