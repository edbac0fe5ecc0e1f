#!/usr/bin/env bash
# The `make run` demo: a fresh SQLite database and Maildir under build/demo, demo
# salespersons and contacts, a queue with a mix of messages, one email logging pass,
# and the entries it logged.
# Usage: scripts/demo.sh [MAILTRAIL_BINARY]    (MAILTRAIL_DEMO_DIR moves the demo folder)
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
