#!/usr/bin/env bash
# One fleet per test run: create, converge, idempotence, verify, destroy - each timed. The
# test fleet is removed whatever happens (trap), and only the `test` fleet: a demo fleet that
# `make fleet-up` left running is neither adopted nor touched.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export PATH="$root/.venv/bin:$PATH" KAFKASEC_FLEET=test
export KAFKASEC_FLEET_KEY=/run/kafkasec-fleet/test/id_ed25519 KAFKASEC_PKI_DIR=/run/kafkasec-fleet/test/pki
trap 'python tests/fleet/fleet.py down --fleet test >/dev/null 2>&1 || true' EXIT
rows=()
status=0
for action in destroy create converge idempotence verify destroy; do
  start=$(date +%s%N)
  molecule "$action"; rc=$?
  tenths=$(( ($(date +%s%N) - start) / 100000000 ))
  rows+=("$(printf 'molecule %-12s %6d.%ds  %s' "$action" $((tenths / 10)) $((tenths % 10)) "$([ $rc -eq 0 ] && echo ok || echo FAILED)")")
  if [ $rc -ne 0 ]; then status=$rc; break; fi
done
printf '%s\n' "${rows[@]}"
exit $status
