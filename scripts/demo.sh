#!/usr/bin/env bash
# The `make run` demo: a fresh SQLite database and Maildir under build/demo, demo
# salespersons and contacts, a queue with a mix of messages, one email logging pass,
# and the entries it logged; then `mailtrail serve` with the web UI on
# MAILTRAIL_DEMO_LISTEN (default 127.0.0.1:8080) until Ctrl-C, signed in as a demo
# user whose password is made up for the run and printed.
# Usage: scripts/demo.sh [MAILTRAIL_BINARY]
#   MAILTRAIL_DEMO_DIR moves the demo folder; MAILTRAIL_DEMO_SERVE=0 stops after the pass.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
source "$here/scripts/maildir.sh"
bin=${1:-$here/build/mailtrail}
demo=${MAILTRAIL_DEMO_DIR:-$here/build/demo}
mail=$demo/mail

rm -rf "$demo"
maildir_create "$mail" Queue Storage
maildir_deliver "$mail/.Queue" "$here"/demo/queue/*.eml

mt() { echo "\$ mailtrail $*" >&2; "$bin" --db "sqlite://$demo/mailtrail.db" "$@"; }

mt init
mt setup set mail-store "maildir://$mail"
mt setup set queue-folder Queue
mt setup set storage-folder Storage
demo_directory mt
mt contact list
echo
echo "Queue: $(find "$mail/.Queue/new" -type f | wc -l) messages in $mail/.Queue"
mt log-email
echo
mt entries
echo
mt show 1
echo
echo "The queue keeps $(find "$mail/.Queue/new" "$mail/.Queue/cur" -type f | wc -l) message(s) it could not parse;" \
     "the storage folder holds $(find "$mail/.Storage/cur" -type f | wc -l)."
echo "Try: $bin --db sqlite://$demo/mailtrail.db entries --format json"

[[ ${MAILTRAIL_DEMO_SERVE:-1} == 0 ]] && exit 0
password=$(head -c 12 /dev/urandom | base64 | tr -d '/+=')
mt user add demo --permission-set EMAIL-LOGGING-ADMIN <<<"$password"
listen=${MAILTRAIL_DEMO_LISTEN:-127.0.0.1:8080}
echo
echo "Open http://$listen/ and sign in as demo with the password $password"
echo "(mailtrail serve runs the job queue and the web UI; Ctrl-C stops it)"
exec "$bin" --db "sqlite://$demo/mailtrail.db" serve --listen "$listen"
