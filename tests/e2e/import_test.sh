#!/usr/bin/env bash
# Importing salespersons, contacts and Business Central's entries from the files
# in testdata/import, and exporting entries: whole files or nothing, errors by
# line and column.
source "$(dirname "$0")/lib.sh"

DATA="$MAILTRAIL_TESTDATA/import"
mt init

mt salesperson import "$DATA/salespersons.csv"
check "salespersons imported" equals "$rc:$out" "0:2 added, 0 updated"
mt salesperson list --format json
check "a quoted comma stays in the name" equals "$(jq -r '.[] | select(.code == "RL") | .name' <<<"$out")" "Lee, Robin"

mt salesperson import "$DATA/salespersons.csv"
check "existing codes refused" equals "$rc" 1
check "  naming line and column" contains "$err" 'Line 2, column "Code": salesperson '"'RL'"' exists already'
mt salesperson import --update "$DATA/salespersons.csv"
check "--update overwrites" equals "$rc:$out" "0:0 added, 2 updated"

mt salesperson import "$DATA/salespersons-broken.csv"
check "broken salespersons: refused" equals "$rc" 1
check "  every bad row named" equals "$err" "mailtrail: $DATA/salespersons-broken.csv:
Line 2: A salesperson name is required.
Line 3: 'bad.address' is not an email address."
mt salesperson list --format json
check "  nothing added" equals "$(jq length <<<"$out")" 2

mt contact import "$DATA/contacts.csv"
check "contacts imported" equals "$rc:$out" "0:4 added, 0 updated"
mt contact list --format json
check "a person without email inherits the company's" \
  equals "$(jq -r '.[] | select(.no == "FAB-P1") | .email' <<<"$out")" "info@fabrikam.example"
check "a doubled quote is one" equals "$(jq -r '.[] | select(.no == "FAB-P2") | .name' <<<"$out")" 'Kim "KJ" Jung'
check "an empty no takes the next of the series" \
  equals "$(jq -r '.[] | select(.no == "CT000001") | .name + "/" + (.do_not_log | tostring)' <<<"$out")" \
  "Litware, Inc./true"

mt contact import "$DATA/contacts-broken.csv"
check "broken contacts: refused, rows named" equals "$rc:$err" "1:mailtrail: $DATA/contacts-broken.csv:
Line 4, column \"Type\": 'robot' is neither company nor person.
Line 3: Contact 'NOSUCH' does not exist."
mt contact import "$DATA/contacts-unclosed-quote.csv"
check "an unclosed quote names its line" equals "$rc:$err" \
  "1:mailtrail: $DATA/contacts-unclosed-quote.csv: Line 2: a quoted field is not closed before the end of the file."
mt contact list --format json
check "  nothing added" equals "$(jq length <<<"$out")" 4
mt contact import "$WORK/missing.csv"
check "a missing file is named" equals "$rc:$err" "1:mailtrail: Cannot open '$WORK/missing.csv'."

# vCard: 4.0, 3.0 and 2.1 cards; a person's ORG is the company of that name.
mt contact import "$DATA/contacts.vcf"
check "vCard contacts imported (and the company Wingtip Traders)" equals "$rc:$out" "0:5 added, 0 updated"
mt contact list --format json
check "an ORG names an existing company" equals "$(jq -r '.[] | select(.name == "Lena Berg") | .company_no' <<<"$out")" FAB
check "  or one of the file" equals "$(jq -r '.[] | select(.name == "Noah Park") | .company_no' <<<"$out")" \
  "$(jq -r '.[] | select(.name == "Tailspin Toys") | .no' <<<"$out")"
check "  or one added for it" equals "$(jq -r '.[] | select(.name == "Wingtip Traders") | .type' <<<"$out")" company
check "2.1 quoted-printable Latin-1 read" \
  equals "$(jq -r '.[] | select(.email == "joerg.mueller@wingtip.example") | .name' <<<"$out")" "Jörg Müller"
check "the PREF email is the contact's" \
  equals "$(jq -r '.[] | select(.name == "Noah Park") | .email' <<<"$out")" "noah.park@tailspin.example"
mt contact import "$DATA/contacts.vcf"
check "cards of existing contacts refused" equals "$rc" 1
check "  naming the card and its email" contains "$err" \
  'Line 1, property "EMAIL": contact '"'CT000002'"' exists already (import with --update to overwrite it).'
mt contact import --update "$DATA/contacts.vcf"
check "  --update overwrites them" equals "$rc:$out" "0:0 added, 4 updated"
mt contact import "$DATA/contacts-broken.vcf"
check "broken cards: refused, each named" equals "$rc:$err" "1:mailtrail: $DATA/contacts-broken.vcf:
Line 6, property \"KIND\": 'group' is neither company nor person.
Line 11: 'bad.address' is not an email address."
mt contact import "$DATA/contacts-unended.vcf"
check "a card without END:VCARD names its line" equals "$rc:$err" \
  "1:mailtrail: $DATA/contacts-unended.vcf: Line 1: the vCard begun here has no END:VCARD."
mt contact list --format json
check "  nothing added" equals "$(jq length <<<"$out")" 9

mt entries import-bc "$DATA/bc-entries.csv"
check "Business Central entries imported" equals "$rc:$out" "0:3 imported, 0 imported before"
mt entries import-bc "$DATA/bc-entries.csv"
check "a second import adds nothing" equals "$rc:$out" "0:0 imported, 3 imported before"
mt entries --format json
check "three entries" equals "$(jq length <<<"$out")" 3
check "their data kept" equals "$(jq -c '.[0] | [.date, .time, .contact_no, .salesperson_code, .cost, .duration_min]' <<<"$out")" \
  '["2025-01-31","14:35:00","FAB-P1","RL",1234.5,90]'
mt entries import-bc "$DATA/bc-entries-broken.csv"
check "broken entries: refused, rows named" equals "$rc:$err" "1:mailtrail: $DATA/bc-entries-broken.csv:
Line 2, column \"Date\": '2025-02-30' is not a date (2025-01-31, 1/31/2025 or 31.01.2025).
Line 3, column \"Contact No.\": contact 'NOSUCH' does not exist.
Line 4, column \"Salesperson Code\": salesperson 'NOBODY' does not exist."
mt entries import-bc "$DATA/bc-entries-day-first.csv"
check "31/01/2025 needs --day-first" equals "$rc" 1
mt entries import-bc --day-first "$DATA/bc-entries-day-first.csv"
check "  and is read with it" equals "$rc:$out" "0:1 imported, 0 imported before"

# Export: the list's filters, as CSV or JSON.
mt entries --salesperson RL --format csv
check "CSV export of one salesperson's entries" equals "$(wc -l <<<"$out")" 3
check "  quoted where needed" contains "$out" '"Visit, with coffee"'
mt entries --from 2025-02-01 --to 2025-02-03 --format json
check "JSON export of some dates" equals "$(jq -r '[.[].date] | join(" ")' <<<"$out")" "2025-02-03"

finish
