#!/usr/bin/env bash
# Links that do not break, through the binary: the storage folder moves to
# Archive with the mail; `links check` lists the broken links and exits 1,
# --repair re-points them, Show repairs the link it shows.
source "$(dirname "$0")/lib.sh"

standard_setup
queue "$REPO/demo/queue/01-outbound-quote.eml" "$REPO/demo/queue/02-inbound-reply.eml"
mt log-email
check "two messages logged" equals "$(count_files "$MAIL/.Storage")" 2

mt links check
check "nothing broken: exit 0" equals "$rc" 0
check "counts" contains "$out" "Checked 2 attachment(s): 0 broken link(s), 0 found, 0 repaired, 0 remaining."

# The administrator moves the storage folder: a new folder, the mail moved there
# (under new names, as a mail client's move gives), one message lost on the way.
maildir_create "$MAIL" Archive
maildir_deliver "$MAIL/.Archive" "$REPO/demo/queue/01-outbound-quote.eml"
rm -f "$MAIL/.Storage"/cur/* "$MAIL/.Storage"/new/*
mt setup set storage-folder Archive

mt links check
check "broken links: exit 1" equals "$rc" 1
check "remaining named on stderr" equals "$err" "mailtrail: 2 broken link(s) remain; run mailtrail links check --repair."
check "the table names the Message-ID" contains "$out" "$(grep -m1 -i '^Message-ID:' "$REPO/demo/queue/01-outbound-quote.eml" | sed 's/^[^<]*<//; s/>.*//')"
check "the found one" contains "$out" "found"
check "counts" contains "$out" "2 broken link(s), 1 found, 0 repaired, 2 remaining."

mt links check --format json
check "json report" equals "$(jq -c '[.checked, .broken, .found, .repaired, .remaining, [.links[].outcome]]' <<<"$out")" \
  '[2,2,1,0,2,["found","not found"]]'

mt show 1
check "Show finds the moved message" equals "$rc" 0
check "and shows it" contains "$out" "Subject: Quote for 20 ATHENS desks"
mt links check --format json
check "Show repaired its link" equals "$(jq -c '[.broken, .links[0].was_at.folder]' <<<"$out")" '[1,"Storage"]'

mt links check --repair
check "one remains after --repair: exit 1" equals "$rc:$err" "1:mailtrail: 1 broken link(s) remain."
mt show 2
check "the lost one: exact text" equals "$rc:$err" "1:mailtrail: The email message cannot be displayed or has been deleted."

mt links check --help
check "--help explains the exit status" contains "$out" "Exit status"

finish
