#!/usr/bin/env bash
# The job queue from the command line, and `mailtrail serve`: the email logging
# job runs on new mail, its runs are logged, and SIGTERM stops the service cleanly.
source "$(dirname "$0")/lib.sh"

standard_setup
mt jobs list --format json
check "setting up email logging created its job, on hold" equals \
  "$(jq -c '.[0] | [.object_to_run, .category, .every_minutes, .max_attempts, .status]' <<<"$out")" \
  '["email-logging","LOGGING",10,3,"on hold"]'

queue "$REPO"/demo/queue/01-outbound-quote.eml
mt jobs run-now 1
check "run-now runs a held job once" equals "$(jq -c '[.status, .summary.logged]' <<<"$out")" '["succeeded",1]'
mt jobs list --format json
check "and leaves it on hold" equals "$(jq -r '.[0].status' <<<"$out")" "on hold"

mt setup set queue-folder Missing
mt jobs run-now 1
check "a failing run exits non-zero with its context" equals "$rc:$(tail -1 <<<"$err")" \
  "1:mailtrail: Opening queue folder: The queue folder 'Missing' does not exist in the mail store."
mt jobs list --format json
check "the job keeps the error and its context" equals "$(jq -c '.[0] | [.attempts, .last_error_context]' <<<"$out")" \
  '[1,"Opening queue folder"]'
mt setup set queue-folder Queue

mt jobs set 1 --every 5 --start 07:00 --end 19:00 --weekdays mon,fri
mt jobs list --format json
check "jobs set changes the recurrence" equals "$(jq -c '.[0] | [.every_minutes, .start_time, .end_time, .weekdays]' <<<"$out")" \
  '[5,"07:00","19:00","mon,fri"]'
mt jobs set 1 --start 25:00
check "a bad time of day is refused" equals "$rc" 1
mt jobs set 1 --every 10 --start "" --end "" --weekdays all
mt jobs resume 1
mt jobs list --format json
check "resume makes it ready" equals "$(jq -c '.[0] | [.status, .attempts]' <<<"$out")" '["ready",0]'

mt user add reader --permission-set BASIC <<<"correct horse battery"
mt user token reader
token=$out

queue "$REPO"/demo/queue/02-inbound-reply.eml
"$MAILTRAIL_BIN" --db "$DB" serve --worker e2e --listen 127.0.0.1:0 >"$WORK/serve.out" 2>"$WORK/serve.err" &
server=$!
check "serve runs the due job" wait_for_entries 2
queue "$REPO"/demo/queue/03-outbound-two-contacts.eml
check "serve logs new mail at once (push)" wait_for_entries 4

api=$(grep -o 'http://127.0.0.1:[0-9]*/api/v1' "$WORK/serve.err" | head -1)
check "serve --listen serves the REST API" contains "$api" "http://127.0.0.1:"
out=$(curl -s -H "Authorization: Bearer $token" "$api/entries?limit=3")
check "the API pages the entries" equals "$(jq -c '[(.entries | length), (.next_after != null)]' <<<"$out")" '[3,true]'
check "the API wants a token" equals "$(curl -s -o /dev/null -w '%{http_code}' "$api/entries")" 401
check "and a permission set that grants the route" equals \
  "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$api/setup")" 403
check "the token never reaches the log" bash -c "! grep -q '$token' '$WORK/serve.err'"
metrics=$(curl -s -H "Authorization: Bearer $token" "${api%/api/v1}/metrics")
check "/metrics counts this process's passes" bash -c \
  "grep -Eq '^mailtrail_passes_total [1-9]' <<<'$metrics' && grep -q 'mailtrail_entries_created_total' <<<'$metrics'"
kill -TERM "$server"
wait "$server"
rc=$?
err=$(cat "$WORK/serve.err")
check "SIGTERM stops serve cleanly" equals "$rc" 0
check "serve logs what it does" contains "$err" "Job 1 (Email logging) started by e2e"
mt jobs log 1 --format json
check "every run is in the job log" equals "$(jq -c '[.[] | .status] | unique' <<<"$out")" '["failed","succeeded"]'
check "the queue is empty" equals "$(count_files "$MAIL/.Queue")" 0 ||
  { find "$MAIL/.Queue" -type f; tail -20 "$WORK/serve.err"; }

finish
