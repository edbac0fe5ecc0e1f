#!/usr/bin/env bash
# Runs mailtrail as itself, except `log-email`, which runs under callgrind
# (valgrind --tool=callgrind) with its profile written to $CALLGRIND_OUT
# (default ./callgrind.out). Give it to a benchmark as --mailtrail to count the
# instructions of the pass instead of timing it (docs/benchmarks.md):
#   MAILTRAIL=build/mailtrail build/bench/maildir_bench --messages 2000 --mailtrail bench/callgrind_mailtrail.sh
# then `callgrind_annotate callgrind.out | head` gives the total ("PROGRAM TOTALS").
set -euo pipefail
mailtrail=${MAILTRAIL:?MAILTRAIL must name the mailtrail binary}
for argument in "$@"; do
  if [[ "$argument" == log-email ]]; then
    exec valgrind --tool=callgrind --quiet --callgrind-out-file="${CALLGRIND_OUT:-callgrind.out}" "$mailtrail" "$@"
  fi
done
exec "$mailtrail" "$@"
