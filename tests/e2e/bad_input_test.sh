#!/usr/bin/env bash
# Bad input gets a clear one-line error and loses nothing.
source "$(dirname "$0")/lib.sh"

# A database file that is not SQLite is refused and left as it was.
printf 'these are my notes, not a database\n' >"$WORK/notes.db"
cp "$WORK/notes.db" "$WORK/notes.orig"
out=$("$MAILTRAIL_BIN" --db "$WORK/notes.db" init 2>"$WORK/stderr"); rc=$?; err=$(cat "$WORK/stderr")
check "non-SQLite database: non-zero" equals "$rc" 1
check "non-SQLite database: says so" contains "$err" "is not an SQLite database"
check "non-SQLite database: file unchanged" cmp -s "$WORK/notes.db" "$WORK/notes.orig"

# A database nobody initialised.
out=$("$MAILTRAIL_BIN" --db "$WORK/fresh.db" entries 2>"$WORK/stderr"); rc=$?; err=$(cat "$WORK/stderr")
check "uninitialised database: tells to run init" equals "$rc:$err" \
  "1:mailtrail: The database has not been initialized. Run 'mailtrail init'."
out=$("$MAILTRAIL_BIN" --db "$WORK/no/such/folder/x.db" init 2>"$WORK/stderr"); rc=$?; err=$(cat "$WORK/stderr")
check "database in a missing folder: non-zero, names it" equals "$rc:$(grep -c 'no/such/folder' <<<"$err")" "1:1"

# A missing configuration file, and a broken one.
out=$("$MAILTRAIL_BIN" --config "$WORK/none.toml" entries 2>"$WORK/stderr"); rc=$?; err=$(cat "$WORK/stderr")
check "missing config file" equals "$rc:$err" "1:mailtrail: The configuration file '$WORK/none.toml' does not exist."
printf 'database = [\n' >"$WORK/broken.toml"
out=$("$MAILTRAIL_BIN" --config "$WORK/broken.toml" entries 2>"$WORK/stderr"); rc=$?; err=$(cat "$WORK/stderr")
check "broken config file names the line" equals "$rc:$(grep -c 'broken.toml.*line' <<<"$err")" "1:1"

standard_setup
queue "$REPO"/demo/queue/01-outbound-quote.eml

# Mail store URLs and folders that do not work touch no message.
mt setup set mail-store "maildir://relative/path"
check "relative maildir URL refused" equals "$rc:$(grep -c 'ABSOLUTE' <<<"$err")" "1:1"
mkdir -p "$WORK/plain-folder"
mt setup set mail-store "maildir://$WORK/plain-folder"
mt log-email
check "a directory that is not a maildir" equals "$rc:$err" \
  "1:mailtrail: '$WORK/plain-folder' is not a maildir (it has no cur, new and tmp folders)."
mt setup set mail-store "maildir://$WORK/gone"
mt log-email
check "a maildir that does not exist" equals "$rc:$err" "1:mailtrail: The maildir '$WORK/gone' does not exist."
mt setup set mail-store "maildir://$MAIL"
mt setup set queue-folder Missing
mt log-email
check "a missing queue folder" equals "$rc:$err" "1:mailtrail: The queue folder 'Missing' does not exist in the mail store."
mt setup set queue-folder Queue
check "nothing was touched" equals "$(count_files "$MAIL/.Queue"):$(count_files "$MAIL/.Storage")" "1:0"

# Real-world and malformed mail written by others: every message ends in a definite
# outcome, the pass never stops, and what cannot be parsed stays queued.
rm -f "$MAIL"/.Queue/new/*
corpus=("$MAILTRAIL_TESTDATA"/mime/corpus/*.{msg,eml,txt})
queue "${corpus[@]}"
mt log-email --format json
check "corpus pass runs" equals "$rc" 0
total=$(jq '.logged + .sensitive + .address_too_long + .unregistered + .duplicate + .invalid + .failed' <<<"$out")
check "every corpus message has an outcome" equals "$total" "${#corpus[@]}"
check "only failed messages stay queued" equals "$(count_files "$MAIL/.Queue")" "$(jq .failed <<<"$out")"

finish
