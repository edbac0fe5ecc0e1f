#!/usr/bin/env bash
# mailtrail relog: a lost database is rebuilt from the storage folder, which is
# left as it is; progress goes to stderr as plain lines when it is not a terminal.
source "$(dirname "$0")/lib.sh"

standard_setup
queue "$REPO"/demo/queue/*.eml
mt log-email
check "the pass ran" equals "$rc" 0
entries_before=$(mt_print entries --format json | jq -c '[.[] | {contact_no, salesperson_code, subject, date}] | sort_by(.subject, .contact_no)')
stored=$(count_files "$MAIL/.Storage")
storage_names=$(find "$MAIL/.Storage" -type f | sort)

# The database is lost: a new one, set up the same way.
rm "$WORK/mailtrail.db"
mt init
mt setup set mail-store "maildir://$MAIL"
mt setup set queue-folder Queue
mt setup set storage-folder Storage
demo_directory mt_print >/dev/null

mt relog
check "relog runs" equals "$rc" 0
check "it says what it logged" contains "$out" "Logged $stored message(s)"
check "progress is a plain line on stderr" contains "$err" "Relog: $stored/$stored messages (100%)"
check "no terminal control characters" equals "$(printf '%s' "$err" | tr -d '\r\033' | wc -c)" "$(printf '%s' "$err" | wc -c)"
entries_after=$(mt_print entries --format json | jq -c '[.[] | {contact_no, salesperson_code, subject, date}] | sort_by(.subject, .contact_no)')
check "the same entries as before the loss" equals "$entries_after" "$entries_before"
check "the storage folder is left as it is" equals "$(find "$MAIL/.Storage" -type f | sort)" "$storage_names"
mt show 1
check "show finds the stored message" contains "$out" "Subject:"

mt relog --format json
check "relog twice creates nothing" equals "$(jq .logged <<<"$out")" 0
check "all were logged before" equals "$(jq .duplicate <<<"$out")" "$stored"

mt relog --folder Missing
check "a missing folder is an error" equals "$rc" 1
check "it names the folder" contains "$err" "The relogged folder 'Missing' does not exist in the mail store."

mt relog --help
check "--help says the folder is left as it is" contains "$out" "left as it is"

finish
