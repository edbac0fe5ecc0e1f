# Shared helpers for the end-to-end tests: each test sources this file, runs the
# real binary in a fresh temporary folder, and ends with `finish`.
set -uo pipefail

: "${MAILTRAIL_BIN:?MAILTRAIL_BIN must name the mailtrail binary}"
: "${MAILTRAIL_TESTDATA:?MAILTRAIL_TESTDATA must name the testdata folder}"
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/mailtrail-e2e.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
DB="sqlite://$WORK/mailtrail.db"
MAIL="$WORK/mail"
failures=0
checks=0

# mt ARGS...: the binary on the test database; stdout in $out, stderr in $err, status in $rc.
mt() {
  out=$("$MAILTRAIL_BIN" --db "$DB" "$@" 2>"$WORK/stderr")
  rc=$?
  err=$(cat "$WORK/stderr")
}

check() {  # check DESCRIPTION COMMAND...: passes when COMMAND succeeds
  local description=$1
  shift
  checks=$((checks + 1))
  if "$@"; then
    echo "ok - $description"
  else
    failures=$((failures + 1))
    echo "not ok - $description"
    echo "  stdout: ${out:-}"
    echo "  stderr: ${err:-}"
  fi
}

equals() { [[ "$1" == "$2" ]] || { echo "  expected: $2"; echo "  actual:   $1"; return 1; }; }

# Maildir++ root with the given folders, as Dovecot lays it out.
make_maildir() {
  mkdir -p "$MAIL"/{cur,new,tmp}
  local folder
  for folder in "$@"; do
    mkdir -p "$MAIL/.$folder"/{cur,new,tmp}
    touch "$MAIL/.$folder/maildirfolder"
  done
}

# queue FILE...: deliver messages into .Queue/new, oldest first.
queue() {
  local file n=0
  for file in "$@"; do
    n=$((n + 1))
    local name="$((1767225600 + n)).M${n}.e2e"
    cp "$file" "$MAIL/.Queue/new/$name"
    touch -d "@$((1767225600 + n))" "$MAIL/.Queue/new/$name"
  done
}

# count_files FOLDER: messages in a maildir folder (cur/ and new/).
count_files() { find "$1/cur" "$1/new" -type f | wc -l; }

# A database with the demo directory and a Maildir setup.
standard_setup() {
  make_maildir Queue Storage
  mt init
  mt setup set mail-store "maildir://$MAIL"
  mt setup set queue-folder Queue
  mt setup set storage-folder Storage
  mt salesperson add JO --name "Jim Olivo" --email jim.olivo@cronus.example
  mt salesperson add AH --name "Annette Hill" --email annette.hill@cronus.example
  mt salesperson add RL --name "Robin Lee" --email robin.lee@cronus.example
  mt contact add --name "Adatum Corporation" --email info@adatum.example
  mt contact add --type person --company CT000001 --name "Ann Smith" --email ann.smith@adatum.example
  mt contact add --name "Fabrikam, Inc." --email sales@fabrikam.example
  mt contact add --type person --company CT000003 --name "David Hodgson"
  mt contact add --name "Trey Research"
  mt contact alt-address add CT000005 HOME --email trey.home@example.net
}

finish() {
  echo "$((checks - failures)) passed, $failures failed"
  [[ $failures -eq 0 ]]
}

contains() { [[ "$1" == *"$2"* ]] || { echo "  expected to contain: $2"; return 1; }; }
