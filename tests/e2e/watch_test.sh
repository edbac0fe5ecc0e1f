#!/usr/bin/env bash
# mailtrail watch logs mail as it arrives and stops cleanly on SIGTERM.
source "$(dirname "$0")/lib.sh"

standard_setup
queue "$REPO"/demo/queue/01-outbound-quote.eml
"$MAILTRAIL_BIN" --db "$DB" watch --interval 3600 >"$WORK/watch.out" 2>"$WORK/watch.err" &
watcher=$!

check "the first pass runs at once" wait_for_entries 1
maildir_deliver "$MAIL/.Queue" "$REPO"/demo/queue/03-outbound-two-contacts.eml
check "new mail is logged without waiting for the interval" wait_for_entries 3

kill -TERM "$watcher"
wait "$watcher"
rc=$?
out=$(cat "$WORK/watch.out")
err=$(cat "$WORK/watch.err")
check "SIGTERM stops it cleanly" equals "$rc" 0
check "it reported the passes" contains "$out" "Logged 1 message(s)"
check "the queue is empty" equals "$(count_files "$MAIL/.Queue")" 0

finish
