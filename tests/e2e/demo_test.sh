#!/usr/bin/env bash
# `make run` works with no manual step: the demo script on a fresh folder.
source "$(dirname "$0")/lib.sh"

out=$(MAILTRAIL_DEMO_SERVE=0 MAILTRAIL_DEMO_DIR="$WORK/demo" bash "$REPO/scripts/demo.sh" "$MAILTRAIL_BIN" 2>"$WORK/stderr"); rc=$?
err=$(cat "$WORK/stderr")
check "demo runs" equals "$rc" 0
check "demo logs the demo queue" contains "$out" "Logged 5 message(s) as 6 interaction log entries."
check "demo shows the entries" contains "$out" "Angebot für Büromöbel"
check "demo shows a stored message" contains "$out" "20 ATHENS desks at 649.00 each"
out=$(MAILTRAIL_DEMO_SERVE=0 MAILTRAIL_DEMO_DIR="$WORK/demo" bash "$REPO/scripts/demo.sh" "$MAILTRAIL_BIN" 2>"$WORK/stderr"); rc=$?
check "demo runs again from scratch" contains "$rc:$out" "0:"

finish
