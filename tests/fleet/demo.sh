#!/usr/bin/env bash
# `make demo` after the fleet is up: site (saying whether it changed anything), verify (the
# table: check | expected | observed), then where everything is.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
fleet=${1:-demo}
export KAFKASEC_FLEET_KEY=/run/kafkasec-fleet/$fleet/id_ed25519 KAFKASEC_PKI_DIR=/run/kafkasec-fleet/$fleet/pki
log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$(date +%s)
.venv/bin/ansible-playbook -i inventories/fleet playbooks/site.yml | tee "$log"
rc=${PIPESTATUS[0]}
[ "$rc" -eq 0 ] || { echo "site failed (exit $rc); see above"; exit "$rc"; }
changed=$(sed -n 's/.* changed=\([0-9]*\) .*/\1/p' "$log" | awk '{s += $1} END {print s + 0}')
echo
if [ "$changed" -eq 0 ]; then
  echo "site: changed=0 on every host in $(( $(date +%s) - start )) s - the platform was already as declared; nothing restarted."
else
  echo "site: $changed changes in $(( $(date +%s) - start )) s. Run make demo again: it reports changed=0."
fi
echo
echo "=== verify: the source document's tests, secure_user may and insecure_user may not"
.venv/bin/ansible-playbook -i inventories/fleet playbooks/verify.yml > "$log" 2>&1
rc=$?
grep -E '"msg": ".*\|' "$log" | sed -e 's/^ *"msg": "//' -e 's/"$//'
grep -E 'checks held|failed:' "$log" | sed -e 's/^ *"msg": "//' -e 's/"$//' | tail -2
[ "$rc" -eq 0 ] || { tail -30 "$log"; echo "verify failed (exit $rc)"; exit "$rc"; }
tests/fleet/how_to_reach.sh "$fleet"
