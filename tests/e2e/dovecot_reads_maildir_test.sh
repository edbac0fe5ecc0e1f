#!/usr/bin/env bash
# The folders mailtrail works on are Maildir++ as Dovecot lays them out: after a
# pass, Dovecot's own IMAP server (in pre-authenticated mode, no daemon) lists the
# queue and storage folders and reads the stored messages.
source "$(dirname "$0")/lib.sh"

standard_setup
queue "$REPO"/demo/queue/*.eml
mt log-email
check "pass ran" equals "$rc" 0

# Dovecot never opens mail as root: serve a copy owned by an unprivileged user.
served=$WORK/served
cp -a "$MAIL" "$served"
mkdir -p "$WORK/home"
if [[ $(id -u) -eq 0 ]]; then
  mail_user=nobody mail_group=nogroup
  chmod 755 "$WORK"
  chown -R nobody:nogroup "$served" "$WORK/home"
else
  mail_user=$(id -un) mail_group=$(id -gn)
fi
cat >"$WORK/dovecot.conf" <<CONF
base_dir = $WORK/run
state_dir = $WORK/state
log_path = /dev/stderr
ssl = no
mail_location = maildir:$served
mail_uid = $mail_user
mail_gid = $mail_group
first_valid_uid = 0
first_valid_gid = 0
CONF

imap() {
  printf '%s\r\n' "$@" | env -i USER=demo HOME="$WORK/home" \
    /usr/lib/dovecot/imap -c "$WORK/dovecot.conf" 2>"$WORK/imap.log"
}
out=$(imap 'a LIST "" "*"' 'b SELECT Storage' 'c FETCH 1:* (BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])' 'd LOGOUT')
err=$(cat "$WORK/imap.log")
check "Dovecot lists the queue folder" contains "$out" '"." Queue'
check "Dovecot lists the storage folder" contains "$out" '"." Storage'
check "Dovecot sees every stored message" contains "$out" "* 5 EXISTS"
check "and reads them" contains "$out" "Message-ID: <quote-1001@cronus.example>"
check "no Dovecot errors" equals "$(grep -ci 'error\|corrupt' <<<"$err")" 0

finish
