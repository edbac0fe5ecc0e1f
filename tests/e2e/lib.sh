# Shared helpers for the end-to-end tests: each test sources this file, runs the
# real binary in a fresh temporary folder, and ends with `finish`.
set -uo pipefail

: "${MAILTRAIL_BIN:?MAILTRAIL_BIN must name the mailtrail binary}"
: "${MAILTRAIL_TESTDATA:?MAILTRAIL_TESTDATA must name the testdata folder}"
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/mailtrail-e2e.XXXXXX")
# KEEP_WORK=1 keeps the folder for a look after a failure.
[[ -n "${KEEP_WORK:-}" ]] || trap 'rm -rf "$WORK"' EXIT
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

check() {  # check DESCRIPTION COMMAND...: passes when COMMAND succeeds; returns its verdict
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
    return 1
  fi
}

equals() { [[ "$1" == "$2" ]] || { echo "  expected: $2"; echo "  actual:   $1"; return 1; }; }

source "$REPO/scripts/maildir.sh"

# queue FILE...: deliver messages into the queue folder, oldest first.
queue() { maildir_deliver "$MAIL/.Queue" "$@"; }

# count_files FOLDER: messages in a maildir folder (cur/ and new/).
count_files() { find "$1/cur" "$1/new" -type f | wc -l; }

# A database with the demo directory and a Maildir setup.
standard_setup() {
  maildir_create "$MAIL" Queue Storage
  mt init
  mt setup set mail-store "maildir://$MAIL"
  mt setup set queue-folder Queue
  mt setup set storage-folder Storage
  demo_directory mt_print >/dev/null
}

# mt_print ARGS...: the binary on the test database, output as it comes.
mt_print() { "$MAILTRAIL_BIN" --db "$DB" "$@"; }

finish() {
  echo "$((checks - failures)) passed, $failures failed"
  [[ $failures -eq 0 ]]
}

# wait_for_entries N: polls the entry count until it reaches N, up to 20 s (a
# job's or watch's own interval never passes in that time).
wait_for_entries() {
  local i
  for i in $(seq 1 200); do
    [[ $("$MAILTRAIL_BIN" --db "$DB" entries --format json | jq length) -ge $1 ]] && return 0
    sleep 0.1
  done
  return 1
}

contains() { [[ "$1" == *"$2"* ]] || { echo "  expected to contain: $2"; return 1; }; }
