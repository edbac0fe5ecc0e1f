#!/usr/bin/env bash
# mailtrail backup and restore: an online copy, restored with the service stopped;
# a running service or a bad backup makes restore refuse and change nothing.
source "$(dirname "$0")/lib.sh"

standard_setup
queue "$REPO"/demo/queue/01-outbound-quote.eml "$REPO"/demo/queue/02-inbound-reply.eml
mt log-email
mt entries --format json
entries_at_backup=$(jq length <<<"$out")
check "the pass logged entries" test "$entries_at_backup" -ge 2

# serve holds the database open while the backup is taken.
"$MAILTRAIL_BIN" --db "$DB" serve --worker e2e >"$WORK/serve.out" 2>"$WORK/serve.err" &
server=$!
for _ in $(seq 1 200); do grep -q "serve started" "$WORK/serve.err" && break; sleep 0.1; done
check "serve logs its version" grep -Eq "started as e2e, version [0-9]+\.[0-9]+\.[0-9]+" "$WORK/serve.err"
mt backup "$WORK/backup.db"
check "backup while serve runs" equals "$rc:$out" "0:Backed up $DB to $WORK/backup.db ($(stat -c %s "$WORK/backup.db") bytes)"
check "leaves no partial file" test ! -e "$WORK/backup.db.partial"

queue "$REPO"/demo/queue/03-outbound-two-contacts.eml
mt log-email
mt entries --format json
entries_after=$(jq length <<<"$out")
check "later entries" test "$entries_after" -gt "$entries_at_backup"

mt restore "$WORK/backup.db"
check "restore refuses while serve runs" equals "$rc" 1
check "and says to stop it" contains "$err" "stop 'mailtrail serve'"
mt entries --format json
check "and changes nothing" equals "$(jq length <<<"$out")" "$entries_after"

kill -TERM "$server"
wait "$server"
mt restore "$WORK/backup.db"
check "restore with the service stopped" equals "$rc:$out" "0:Restored $DB from $WORK/backup.db"
mt entries --format json
check "brings the backed-up entries back" equals "$(jq length <<<"$out")" "$entries_at_backup"

head -c $(($(stat -c %s "$WORK/backup.db") / 2)) "$WORK/backup.db" >"$WORK/cut.db"
mt restore "$WORK/cut.db"
check "a backup cut short is refused" equals "$rc" 1
mt entries --format json
check "and nothing is lost" equals "$(jq length <<<"$out")" "$entries_at_backup"

out=$("$MAILTRAIL_BIN" --db postgresql://mailtrail@127.0.0.1:1/mailtrail backup "$WORK/pg.db" 2>&1)
check "a PostgreSQL database is sent to pg_dump" contains "$out" "use pg_dump"
check "backup --help names pg_dump" contains "$("$MAILTRAIL_BIN" backup --help)" "pg_dump"

finish
