#!/usr/bin/env bash
# Runs every libFuzzer harness built in BUILD_DIR/fuzz for SECONDS each.
# Usage: scripts/fuzz.sh BUILD_DIR SECONDS
#
# A harness's corpus grows in BUILD_DIR/fuzz/corpus/NAME, seeded from
# fuzz/corpus/NAME (the envelope reader's also from testdata/mime/corpus); its
# dictionary is fuzz/NAME.dict when there is one. A crash, leak, timeout or broken
# invariant is written to BUILD_DIR/fuzz/artifacts/NAME/ (libFuzzer names the
# file), and the script then fails after running the remaining harnesses.
set -uo pipefail

build_dir=${1:?usage: scripts/fuzz.sh BUILD_DIR SECONDS}
seconds=${2:?usage: scripts/fuzz.sh BUILD_DIR SECONDS}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

failed=()
for harness in "$repo"/fuzz/*_fuzz.cc; do
  name=$(basename "$harness" .cc)
  corpus=$build_dir/fuzz/corpus/$name
  artifacts=$build_dir/fuzz/artifacts/$name
  mkdir -p "$corpus" "$artifacts"
  seeds=("$repo/fuzz/corpus/$name")
  [[ $name == envelope_reader_fuzz ]] && seeds+=("$repo/testdata/mime/corpus")
  options=(-max_total_time="$seconds" -timeout=30 -max_len=65536 -print_final_stats=1
           -artifact_prefix="$artifacts/")
  [[ -f $repo/fuzz/$name.dict ]] && options+=(-dict="$repo/fuzz/$name.dict")
  echo "== $name: ${seconds}s, corpus $corpus, crashes in $artifacts/"
  if ! "$build_dir/fuzz/$name" "${options[@]}" "$corpus" "${seeds[@]}"; then
    failed+=("$name")
  fi
done

if [[ ${#failed[@]} -gt 0 ]]; then
  echo "Failed: ${failed[*]}; the inputs are in $build_dir/fuzz/artifacts/NAME/" >&2
  exit 1
fi
echo "No finding."
