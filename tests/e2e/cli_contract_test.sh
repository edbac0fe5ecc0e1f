#!/usr/bin/env bash
# The command-line contract: commands, JSON shapes, exit statuses, Show.
source "$(dirname "$0")/lib.sh"

standard_setup
check "init is idempotent" bash -c "'$MAILTRAIL_BIN' --db '$DB' init >/dev/null && '$MAILTRAIL_BIN' --db '$DB' init >/dev/null"

mt setup show --format json
check "setup show json" equals "$(jq -c '{t: .["email-template"], b: .["batch-size"], r: .recipients, i: .["inherit-communication-details"], u: .["unmatched-action"], q: .["queue-folder"]}' <<<"$out")" \
  '{"t":"EMAIL","b":0,"r":"to","i":true,"u":"delete","q":"Queue"}'

mt setup set batch-size lots
check "bad setup value is refused" equals "$rc" 1
check "with a one-line error naming the key" equals "$(wc -l <<<"$err"):$(grep -c batch-size <<<"$err")" "1:1"
mt setup set colour blue
check "unknown setup key is refused" equals "$rc" 1

mt contact add --name "Northwind" --email info@northwind.example
check "contact add prints the next no" equals "$out" "CT000006"
mt contact add --type person --company CT000006 --name "Nancy Davolio"
mt contact list --format json
check "contact list json keys" equals "$(jq -c '.[6] | keys' <<<"$out")" '["company_no","do_not_log","email","name","no","type"]'
check "a person without email inherits the company email" equals "$(jq -r '.[6] | "\(.no) \(.type) \(.email) \(.company_no)"' <<<"$out")" \
  "CT000007 person info@northwind.example CT000006"
mt contact set CT000006 --email hello@northwind.example
mt contact list --format json
check "a company's new email reaches its inheriting persons" equals "$(jq -r '.[6].email' <<<"$out")" "hello@northwind.example"
mt contact set CT000007 --do-not-log true
mt contact list --format json
check "a contact is marked do-not-log" equals "$(jq -c '[.[] | select(.do_not_log) | .no]' <<<"$out")" '["CT000007"]'
mt contact set CT000007 --do-not-log false
mt contact set CT000007
check "contact set with nothing to change is refused" equals "$rc:$err" "1:mailtrail: Nothing to change: give --email, --do-not-log or both."
mt never-log add " @Clinic.Example "
check "never-log add prints the entry as listed" equals "$rc:$out" "0:clinic.example"
mt never-log add "a b"
check "a bad never-log entry is refused" equals "$rc" 1
mt never-log add ceo@globex.example
mt never-log remove CLINIC.example
mt never-log list --format json
check "never-log list" equals "$(jq -c . <<<"$out")" '["ceo@globex.example"]'
mt never-log remove ceo@globex.example
mt salesperson add jo --name Again
check "duplicate salesperson refused" equals "$rc:$(grep -c JO <<<"$err")" "1:1"

mt group add CALLS --description Calls
mt template add PHONE --group CALLS --unit-cost 1.25 --unit-duration 10
check "template add" equals "$rc" 0
mt template add BAD --group NOPE
check "template with unknown group refused" equals "$rc" 1

queue "$REPO"/demo/queue/*.eml
mt log-email --format json
check "log-email exits 0" equals "$rc" 0
check "log-email json summary" equals "$(jq -c . <<<"$out")" \
  '{"logged":5,"entries":6,"sensitive":1,"never_logged":0,"address_too_long":1,"unregistered":2,"duplicate":1,"relinked":0,"invalid":1,"unauthenticated":0,"failed":1}'
check "only the unparseable message stays queued" equals "$(count_files "$MAIL/.Queue")" 1
check "one stored copy per logged message" equals "$(count_files "$MAIL/.Storage")" 5

mt entries --format json
check "entries json keys" equals "$(jq -c '.[0] | keys_unsorted' <<<"$out")" \
  '["entry_no","contact_no","contact_company_no","contact_alt_address_code","salesperson_code","interaction_template_code","interaction_group_code","information_flow","initiated_by","date","time","description","subject","message_id","attachment_no","cost","duration_min","email_logged","evaluation","canceled","postponed","file_name","sender_check","review"]'
check "first entry is the outbound quote" equals "$(jq -c '.[0] | [.contact_no, .contact_company_no, .salesperson_code, .information_flow, .initiated_by, .date, .time, .email_logged]' <<<"$out")" \
  '["CT000002","CT000001","JO","outbound","us","2026-11-02","09:15:00",true]'
check "inbound reply uses the received date, To only" equals "$(jq -c '[.[] | select(.message_id == "reply-77@adatum.example") | [.salesperson_code, .information_flow, .initiated_by, .time]]' <<<"$out")" \
  '[["JO","inbound","them","10:40:07"]]'
check "two contacts share one attachment" equals "$(jq -c '[.[] | select(.message_id == "prices-2026@cronus.example") | .contact_no] ' <<<"$out")" '["CT000001","CT000003"]'
check "alt address and decoded subject" equals "$(jq -c '.[] | select(.message_id == "angebot-5@trey.example") | [.contact_no, .contact_alt_address_code, .subject]' <<<"$out")" \
  '["CT000005","HOME","Angebot für Büromöbel"]'

mt entries --salesperson JO --format json
check "filter by salesperson" equals "$(jq -c '[.[].salesperson_code] | unique' <<<"$out")" '["JO"]'
mt entries --contact CT000003 --format json
check "filter by contact" equals "$(jq -c '[.[].contact_no] | unique' <<<"$out")" '["CT000003"]'
mt entries --format csv
check "csv has a header and one line per entry" equals "$(tr -d '\r' <<<"$out" | head -1 | cut -d, -f1-3)" "entry_no,contact_no,contact_company_no"
check "csv rows" equals "$(tr -d '\r' <<<"$out" | wc -l)" 7

mt show 1
check "show prints the headers" contains "$out" "Subject: Quote for 20 ATHENS desks"
check "show prints the text" contains "$out" "20 ATHENS desks at 649.00 each"
"$MAILTRAIL_BIN" --db "$DB" show 1 --raw >"$WORK/raw.eml"
check "show --raw is byte for byte" cmp -s "$WORK/raw.eml" "$REPO/demo/queue/01-outbound-quote.eml"
mt show 999
check "show of a missing entry fails" equals "$rc:$err" "1:mailtrail: Interaction log entry 999 does not exist."
rm -f "$MAIL"/.Storage/cur/*
mt show 1
check "show of a deleted message: exact text, non-zero" equals "$rc:$err" "1:mailtrail: The email message cannot be displayed or has been deleted."

mt setup set email-template ""
mt log-email
check "setup validation: exact text, non-zero" equals "$rc:$err" "1:mailtrail: The interaction template for email messages has not been specified."
mt setup set email-template EMAIL
mt setup set storage-folder Queue
mt log-email
check "queue and storage must differ" equals "$rc:$err" "1:mailtrail: The queue and storage folders cannot be the same."

# Users: the password comes from standard input and is stored as an argon2id hash only.
mt user add ann --permission-set rm-cont <<<"correct horse battery"
check "user add reads the password from standard input" equals "$rc" 0
mt user list --format json
check "user list json" equals "$(jq -c . <<<"$out")" '[{"name":"ann","permission_set":"RM-CONT"}]'
check "the password is not in the database, its argon2id hash is" bash -c \
  "! cat '${DB#sqlite://}'* | grep -aq 'correct horse battery' && cat '${DB#sqlite://}'* | grep -aq 'argon2id.v=19'"
mt user add bob <<<"short"
check "a short password is refused" equals "$rc:$err" "1:mailtrail: A password has at least 12 characters."
mt user add carl --permission-set SUPER </dev/null
check "an unknown permission set is refused" equals "$rc" 1
mt user add dan </dev/null
check "no password, no user" equals "$rc:$err" "1:mailtrail: No password was given on standard input."
mt user token ann --label reports
check "user token prints a bearer token once" bash -c "[[ '$out' =~ ^mt_[0-9a-f]{64}$ ]]"
mt user set-permission-set ann EMAIL-LOGGING-ADMIN
mt user list
check "set-permission-set" contains "$out" "EMAIL-LOGGING-ADMIN"
mt user remove ann
mt user remove ann
check "removing a missing user fails" equals "$rc:$err" "1:mailtrail: User 'ann' does not exist."

mt entries --format json --direction inbound --from 2026-11-01 --to 2026-11-30
check "entries filtered by direction and dates" equals "$(jq -r '[.[].information_flow] | unique | join(",")' <<<"$out")" "inbound"
mt entries --format json --subject "QUOTE"
check "entries filtered by subject text, any case" bash -c "[[ \$(jq length <<<'$out') -ge 1 ]] && ! jq -r '.[].subject' <<<'$out' | grep -viq quote"

# Interactions created by hand, postponed and resumed; the same rules as the API's.
printf 'Call notes\n' >"$WORK/notes.txt"
mt interaction create --template PHONE --contact CT000001 --salesperson JO --description "Called about desks" \
  --information-flow outbound --initiated-by us
check "interaction create prints the entry no" bash -c "[[ '$out' =~ ^[0-9]+$ ]]"
mt entries --format json --template PHONE
check "the created interaction is an entry of its template" equals "$(jq -c '[.[] | [.description, .cost, .email_logged, .attachment_no]]' <<<"$out")" \
  '[["Called about desks",1.25,false,null]]'
mt interaction create --template PHONE --contact CT000001 --information-flow outbound --initiated-by us
check "a missing salesperson is named" equals "$rc:$err" "1:mailtrail: You must fill in the Salesperson Code field."
mt interaction create --template PHONE --contact CT000001 --salesperson JO --description Call --information-flow outbound \
  --initiated-by us --file "$WORK/notes.txt" --file-type text/plain --postpone
check "interaction create --postpone" equals "$rc:$err" "0:"
postponed=$out
mt interaction postponed --format json
check "a postponed interaction is listed with its file" equals "$(jq -c '[.[] | [.entry_no, .file_name, .postponed]]' <<<"$out")" \
  "[[$postponed,\"notes.txt\",true]]"
mt entries --format json --template PHONE
check "and is not among the entries" equals "$(jq length <<<"$out")" 1
mt interaction resume "$postponed" --description "Follow-up call"
mt entries --format json --template PHONE
check "resumed, it is among the entries" equals "$(jq -c '[.[] | .description]' <<<"$out")" '["Called about desks","Follow-up call"]'
mt interaction delete "$postponed"
check "only a postponed interaction is deleted" equals "$rc:$err" "1:mailtrail: Postponed interaction $postponed does not exist."
mt show "$postponed"
check "show of a created interaction: no message" equals "$rc:$err" "1:mailtrail: The email message cannot be displayed or has been deleted."

mt --help
check "--help lists the commands" contains "$out" "log-email"
mt setup set --help
check "setup set --help lists the keys" contains "$out" "unmatched-action"

finish
