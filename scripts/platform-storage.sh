#!/usr/bin/env bash
# Tries a launch through LTI platform storage in a real browser: starts Weineng (the built bundle) on a scratch data
# directory and the demo LMS, whose course page frames Weineng and offers platform storage (lti_storage_target), then
# opens that page in headless Chromium with every cookie of Weineng's dropped (as Safari or a browser with
# third-party cookies blocked does). Passes when the frame shows the teacher's page and the course page's storage was
# asked for the state. Needs `mvn -B -DskipTests install`, Debian's chromium, and npm (it installs playwright-core
# into a scratch directory). Writes docs/screenshots/platform-storage.png.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-18082}
work=$(mktemp -d)
pw=storage-$RANDOM$RANDOM
(cd "$work" && exec env WEINENG_ADMIN_PASSWORD=$pw WEINENG_PUBLIC_URL=http://127.0.0.1:$port \
  java -jar "$OLDPWD/lti-tool/target/weineng-microbundle.jar" --port "$port" > server.log 2>&1) &
server=$!
trap 'kill $server 2>/dev/null; [ -n "${demo:-}" ] && kill $demo 2>/dev/null; rm -rf "$work"; true' EXIT
(cd "$work" && npm install --silent --no-audit --no-fund playwright-core@1 > npm.log 2>&1) &
npm_pid=$!
for _ in $(seq 1 240); do curl -sf -o /dev/null "http://127.0.0.1:$port/xapi/about" && break; sleep 0.5; done
cp=$(mvn -q -B -pl lti-tool dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
java -cp "lti-tool/target/test-classes:$cp" cn.weineng.lti.support.DemoPlatform "http://127.0.0.1:$port" "$pw" zh-CN storage > "$work/demo.log" 2>&1 &
demo=$!
for _ in $(seq 1 60); do grep -q '^COURSE ' "$work/demo.log" && break; sleep 0.5; done
course=$(grep '^COURSE ' "$work/demo.log" | cut -d' ' -f2)
wait $npm_pid
mkdir -p docs/screenshots
NODE_PATH="$work/node_modules" node scripts/browser/platform-storage.js "$course" "http://127.0.0.1:$port" docs/screenshots/platform-storage.png
