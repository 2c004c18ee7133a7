#!/usr/bin/env bash
# Looks at the launch page in a real browser: starts Weineng (the built bundle) on a scratch data directory, a demo
# LMS with a course page that frames Weineng, and takes headless-Chromium screenshots of that course page after the
# full LTI launch has run inside the frame. Needs: `mvn -B -DskipTests install` done, and Debian's chromium
# (apt-get install chromium). Writes docs/screenshots/launch-<locale>.png.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-18080}
work=$(mktemp -d)
pw=screenshot-$RANDOM$RANDOM
(cd "$work" && exec env WEINENG_ADMIN_PASSWORD=$pw WEINENG_PUBLIC_URL=http://127.0.0.1:$port \
  java -jar "$OLDPWD/lti-tool/target/weineng-microbundle.jar" --port "$port" > server.log 2>&1) &
server=$!
trap 'kill $server 2>/dev/null; [ -n "${demo:-}" ] && kill $demo 2>/dev/null; true' EXIT
for _ in $(seq 1 240); do curl -sf -o /dev/null "http://127.0.0.1:$port/xapi/about" && break; sleep 0.5; done
cp=$(mvn -q -B -pl lti-tool dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
mkdir -p docs/screenshots
for locale in zh-CN en; do
  java -cp "lti-tool/target/test-classes:$cp" cn.weineng.lti.support.DemoPlatform "http://127.0.0.1:$port" "$pw" "$locale" > "$work/demo-$locale.log" 2>&1 &
  demo=$!
  for _ in $(seq 1 60); do grep -q '^COURSE ' "$work/demo-$locale.log" && break; sleep 0.5; done
  course=$(grep '^COURSE ' "$work/demo-$locale.log" | cut -d' ' -f2)
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$work/chrome-$locale" --hide-scrollbars \
    --window-size=1000,700 --virtual-time-budget=8000 --screenshot="docs/screenshots/launch-$locale.png" "$course"
  kill $demo; demo=
done
echo "screenshots in docs/screenshots/"
