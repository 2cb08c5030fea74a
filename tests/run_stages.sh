#!/usr/bin/env bash
# Runs make targets as stages and prints each stage's wall time, then a summary.
set -uo pipefail
declare -a rows
status=0
for stage in "$@"; do
  echo "=== stage: $stage"
  start=$(date +%s%N)
  make --no-print-directory "$stage"; rc=$?
  tenths=$(( ($(date +%s%N) - start) / 100000000 ))
  secs="$((tenths / 10)).$((tenths % 10))"
  rows+=("$(printf '%-14s %8ss  %s' "$stage" "$secs" "$([ $rc -eq 0 ] && echo ok || echo FAILED)")")
  echo "=== stage: $stage took ${secs}s (exit $rc)"
  if [ $rc -ne 0 ]; then status=$rc; break; fi
done
echo "=== wall time per stage"
printf '%s\n' "${rows[@]}"
exit $status
