#!/usr/bin/env bash
# Writes the manual pages into OUTDIR, gzipped: mailtrail.1, and mailtrail-CMD.1 for
# every command that `mailtrail --help` lists, each holding the --help of the
# command and of its subcommands at every level (mailtrail-contact.1 holds
# `contact add`, `contact alt-address add` ...). The --help texts are the one source: a new command
# gets its page without a change here.
# Usage: packaging/man-pages.sh BINARY OUTDIR
set -euo pipefail

binary=$1
outdir=$2
version=$("$binary" --version)
mkdir -p "$outdir"
rm -f "$outdir"/*.1.gz

# The "NAME  DESCRIPTION" lines of a help text's Subcommands section: those
# indented by two spaces (a description's further lines are indented more).
subcommands() { awk '/^Subcommands:/ { on = 1; next } on && /^$/ { exit } on && /^  [^ ]/' <<<"$1"; }

# Roff for a help text: section titles ("Options:") as subsections, the rest as
# it is printed, with roff's control characters escaped.
render_help() {
  sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/" <<<"$1" |
    awk '/^[A-Z][A-Za-z ]*:$/ { print ".fi"; print ".SS " substr($0, 1, length($0) - 1); print ".nf"; next } { print }'
}

# nested_sections WORDS...: a section for each subcommand of `mailtrail WORDS...`,
# and for theirs in turn.
nested_sections() {
  local nested
  while read -r nested _; do
    echo ".SH \"mailtrail $* $nested\""
    echo ".nf"
    render_help "$("$binary" "$@" "$nested" --help)"
    echo ".fi"
    nested_sections "$@" "$nested"
  done < <(subcommands "$("$binary" "$@" --help)")
}

# page NAME DESCRIPTION WORDS...: the page of `mailtrail WORDS...`; the top-level
# page (no WORDS) sends its commands to their own pages.
page() {
  local name=$1 description=$2
  shift 2
  local help
  help=$("$binary" "$@" --help)
  {
    echo ".TH ${name^^} 1 \"\" \"$version\" \"mailtrail manual\""
    echo ".SH NAME"
    echo "$name \\- $description"
    echo ".SH DESCRIPTION"
    echo ".nf"
    render_help "$help"
    echo ".fi"
    [[ $# -eq 0 ]] || nested_sections "$@"
    echo ".SH SEE ALSO"
    if [[ $# -eq 0 ]]; then
      subcommands "$help" | awk '{ printf "%s\\fBmailtrail-%s\\fR(1)", sep, $1; sep = ",\n" } END { print "" }'
    else
      echo "\\fBmailtrail\\fR(1)"
    fi
  } | gzip -9n >"$outdir/$name.1.gz"
}

top=$("$binary" --help)
page mailtrail "log email interactions between salespersons and contacts"
while read -r command description; do
  page "mailtrail-$command" "$description" "$command"
done < <(subcommands "$top")
