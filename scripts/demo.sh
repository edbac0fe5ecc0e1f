#!/usr/bin/env bash
# The `make run` demo: a fresh SQLite database and Maildir under build/demo, demo
# salespersons and contacts, a queue with a mix of messages, one email logging pass,
# and the entries it logged.
# Usage: scripts/demo.sh [MAILTRAIL_BINARY]
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$here/build/mailtrail}
demo=${MAILTRAIL_DEMO_DIR:-$here/build/demo}
mail=$demo/mail

rm -rf "$demo"
# Maildir++ as Dovecot lays it out: the root is INBOX, folder F is .F
for folder in "" .Queue .Storage; do
  mkdir -p "$mail/$folder"/{cur,new,tmp}
  [[ -n "$folder" ]] && touch "$mail/$folder/maildirfolder"
done
# Queue the demo messages oldest first, as if delivered a minute apart.
n=0
for message in "$here"/demo/queue/*.eml; do
  n=$((n + 1))
  name="$((1767225600 + n * 60)).M${n}P$$.demo"
  cp "$message" "$mail/.Queue/new/$name"
  touch -d "@$((1767225600 + n * 60))" "$mail/.Queue/new/$name"
done

mt() { echo "\$ mailtrail $*" >&2; "$bin" --db "sqlite://$demo/mailtrail.db" "$@"; }

mt init
mt setup set mail-store "maildir://$mail"
mt setup set queue-folder Queue
mt setup set storage-folder Storage
mt salesperson add JO --name "Jim Olivo" --email jim.olivo@cronus.example
mt salesperson add AH --name "Annette Hill" --email annette.hill@cronus.example
mt salesperson add RL --name "Robin Lee" --email robin.lee@cronus.example
adatum=$(mt contact add --name "Adatum Corporation" --email info@adatum.example)
mt contact add --type person --company "$adatum" --name "Ann Smith" --email ann.smith@adatum.example
fabrikam=$(mt contact add --name "Fabrikam, Inc." --email sales@fabrikam.example)
mt contact add --type person --company "$fabrikam" --name "David Hodgson"  # inherits the company email
trey=$(mt contact add --name "Trey Research")
mt contact alt-address add "$trey" HOME --email trey.home@example.net
mt contact list
echo
echo "Queue: $(ls "$mail/.Queue/new" | wc -l) messages in $mail/.Queue"
mt log-email
echo
mt entries
echo
mt show 1
echo
echo "The queue keeps $(find "$mail/.Queue/new" "$mail/.Queue/cur" -type f | wc -l) message(s) it could not parse;" \
     "the storage folder holds $(find "$mail/.Storage/cur" -type f | wc -l)."
echo "Try: $bin --db sqlite://$demo/mailtrail.db entries --format json"
