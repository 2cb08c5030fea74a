#!/usr/bin/env bash
# One fleet per test run: create, check mode on the bare fleet, converge, idempotence, check mode
# on the converged fleet (must report changed=0 and print no secret), verify, the ACL benchmark,
# the rotation proof, destroy - each timed. The test fleet is removed whatever happens (trap), and only the `test` fleet: a demo
# fleet that `make demo` left running is neither adopted nor touched.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export PATH="$root/.venv/bin:$PATH" KAFKASEC_FLEET=test
export KAFKASEC_FLEET_KEY=/run/kafkasec-fleet/test/id_ed25519 KAFKASEC_PKI_DIR=/run/kafkasec-fleet/test/pki
trap 'python tests/fleet/fleet.py down --fleet test >/dev/null 2>&1 || true' EXIT

check_converged() {
  local out
  out=$(mktemp)
  # -vvv: the grep below proves no secret reaches even the most verbose output of site.
  molecule converge -- --check --diff -vvv >"$out" 2>&1
  local rc=$?
  grep -E 'changed=|unreachable=' "$out"
  if [ "$rc" -ne 0 ]; then tail -60 "$out"; return "$rc"; fi
  if grep -E 'changed=[1-9]' "$out"; then
    echo "check mode on the converged fleet reported changes"; return 1
  fi
  if grep -F 'kafkasec-fleet-test-secret' "$out"; then
    echo "check/diff output printed a secret"; return 1
  fi
  rm -f "$out"
}

# kafkasec.platform.verify as a user runs it, with -vvv: no secret of the inventory (each a
# distinct value starting kafkasec-fleet-test-secret) may appear in its output.
verify_vvv() {
  local out rc
  out=$(mktemp)
  ansible-playbook -vvv -i inventories/fleet kafkasec.platform.verify >"$out" 2>&1
  rc=$?
  grep -E 'checks held|failed=' "$out" | tail -10
  if [ "$rc" -ne 0 ]; then tail -60 "$out"; return "$rc"; fi
  if grep -F 'kafkasec-fleet-test-secret' "$out" | head -3 | grep .; then
    echo "verify -vvv printed a secret"; return 1
  fi
  echo "verify -vvv: $(wc -l <"$out") lines, no secret of the inventory in them"
  rm -f "$out"
}

rows=()
status=0
declare -A seconds
logs=$(mktemp -d)
for action in destroy create check_bare converge idempotence check_converged verify verify_vvv bench_acls rotate destroy; do
  start=$(date +%s%N)
  case "$action" in
    # `molecule check` would destroy and recreate the fleet: run the converge playbook in check mode
    check_bare) molecule converge -- --check ;;
    check_converged) check_converged ;;
    verify_vvv) verify_vvv ;;
    # Figures only (tests/bench/bench_acls.py asserts nothing), on the same fleet, after verify.
    bench_acls) make --no-print-directory bench-acls FLEET=test SETS=2 ;;
    # Certificate renewal, key rotation and CA rollover under load, then their checks (issue 12).
    rotate) tests/rotation/prove.sh ;;
    converge|idempotence) molecule "$action" 2>&1 | tee "$logs/$action.log"; (exit "${PIPESTATUS[0]}") ;;
    *) molecule "$action" ;;
  esac
  rc=$?
  tenths=$(( ($(date +%s%N) - start) / 100000000 ))
  seconds[$action]="$((tenths / 10)).$((tenths % 10))"
  rows+=("$(printf 'molecule %-16s %6d.%ds  %s' "$action" $((tenths / 10)) $((tenths % 10)) "$([ $rc -eq 0 ] && echo ok || echo FAILED)")")
  if [ $rc -ne 0 ]; then status=$rc; break; fi
done
printf '%s\n' "${rows[@]}"
if [ -n "${seconds[idempotence]:-}" ]; then
  echo "=== site runs on the fleet (tests/bench/site_figures.py)"
  python tests/bench/site_figures.py "cold=${seconds[converge]}:$logs/converge.log" \
    "idempotent=${seconds[idempotence]}:$logs/idempotence.log"
fi
rm -rf "$logs"
exit $status
