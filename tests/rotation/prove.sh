#!/usr/bin/env bash
# The rotation proof (issue 12), on a converged fleet: a producer and a consumer run as
# secure_user while (a) every broker certificate is renewed, (b) one broker's key is replaced,
# (c) the CA rolls over; then molecule/default/rotation_check.yml checks what must hold. Before
# that, the refusals: a stopped broker, a wrong keystore password, a broker name change.
# Prints figures; asserts no timing. Needs the fleet's environment (KAFKASEC_FLEET_KEY, ...).
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
export PATH="$root/.venv/bin:$PATH"
inventory=inventories/fleet
pki=${KAFKASEC_PKI_DIR:?}
work=$(mktemp -d)
load_pid=
cleanup() { if [ -n "$load_pid" ]; then kill "$load_pid" 2>/dev/null; fi; rm -rf "$work"; }
trap cleanup EXIT

# The fleet's CA generation now (the newest ca-g<N>.crt), and the one the rollover goes to.
gen=$(find "$pki" -maxdepth 1 -name 'ca-g*.crt' | sed -n 's/.*ca-g\([0-9]*\)\.crt$/\1/p' | sort -n | tail -1)
next=$((gen + 1))
play() { ansible-playbook -i "$inventory" -e pki_ca_generation="$gen" "$@"; }
fail() { echo "rotation proof FAILED: $*"; exit 1; }
stamp() { date +%s%N; }
secs() { local t=$(( ($2 - $1) / 100000000 )); echo "$((t / 10)).$((t % 10))"; }

# A refusal: the run fails, and its output names the cause.
expect_refusal() {
  local name=$1 pattern=$2; shift 2
  local out="$work/refusal.log"
  if play "$@" >"$out" 2>&1; then cat "$out"; fail "$name: the run was not refused"; fi
  grep -qE "$pattern" "$out" || { cat "$out"; fail "$name: no message matching '$pattern'"; }
  echo "refused as expected - $name: $(grep -oE "$pattern" "$out" | head -1)"
}

stores_digest() {
  ssh -i "$KAFKASEC_FLEET_KEY" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
    "root@$1" sha256sum /etc/kafka/ssl/kafka_broker.keystore.p12 /etc/kafka/ssl/kafka_broker.truststore.p12
}

echo "=== refusals"
before=$(stores_digest kafka1.fleet.test)
expect_refusal "name change on a broker" "would change its names" \
  kafkasec.platform.rotate_certs --limit kafka1.fleet.test -e '{"pki_extra_subject_alt_names": ["DNS:renamed.fleet.test"]}'
expect_refusal "wrong keystore password in the inventory" "did not take its new stores" \
  kafkasec.platform.rotate_certs --limit kafka1.fleet.test -e pki_rotate=true -e kafka_broker_keystore_password=kafkasec-wrong-password-1
[ "$before" = "$(stores_digest kafka1.fleet.test)" ] || fail "kafka1's stores changed after the refusals"
echo "kafka1's stores are as before the refusals (sha256 of both)"
ssh -i "$KAFKASEC_FLEET_KEY" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
  root@kafka3.fleet.test systemctl stop kafka
expect_refusal "a broker down" "kafka3.fleet.test are not registered" \
  kafkasec.platform.rotate_certs -e pki_rotate=true
ssh -i "$KAFKASEC_FLEET_KEY" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
  root@kafka3.fleet.test systemctl start kafka

echo "=== load: producer (idempotent, acks=all) and consumer as secure_user"
play molecule/default/rotation_pids.yml -e rotation_pids_file="$work/pids-before.json" >/dev/null || fail "broker pids"
python tests/rotation/load.py --bootstrap "kafka1.fleet.test:9093,kafka2.fleet.test:9093,kafka3.fleet.test:9093" \
  --ca "$pki/ca.crt" --pem "$pki/clients/secure_user.pem" --topic test_secure_topic --group secure_topic_group \
  --out "$work/load.json" >"$work/load.out" 2>&1 &
load_pid=$!
sleep 10
declare -A took
for step in renew keys rollover; do
  start=$(stamp)
  case $step in
    renew) play -vvv kafkasec.platform.rotate_certs --limit kafka_broker -e pki_rotate=true ;;
    keys) play kafkasec.platform.rotate_certs --limit kafka2.fleet.test -e pki_rotate_keys=true ;;
    rollover) play kafkasec.platform.rotate_certs -e pki_ca_generation="$next" ;;
  esac >"$work/$step.log" 2>&1 || { tail -40 "$work/$step.log"; fail "rotate_certs ($step)"; }
  took[$step]=$(secs "$start" "$(stamp)")
  if grep -F 'kafkasec-fleet-test-secret' "$work/$step.log" | head -3 | grep .; then
    fail "rotate_certs ($step) printed a secret"
  fi
  grep -E '"msg": ".*(took|certificate) ' "$work/$step.log" | sed 's/^ *"msg": /  /' || true
done
sleep 10
kill "$load_pid"; wait "$load_pid"; load_pid=
cat "$work/load.out"
play molecule/default/rotation_pids.yml -e rotation_pids_file="$work/pids-after.json" >/dev/null || fail "broker pids"
play molecule/default/rotation_check.yml -e pki_ca_generation="$next" -e rotation_work="$work" || fail "rotation checks"

echo "=== expiry report (playbooks/cert_report.yml)"
play kafkasec.platform.cert_report -e pki_ca_generation="$next" -e cert_report_dir="$work/report" >"$work/report.log" 2>&1 \
  || { tail -30 "$work/report.log"; fail "cert_report"; }
python - "$work/report/cert-report.json" "$next" <<'PY' || fail "cert_report content"
import json, sys
report = json.load(open(sys.argv[1]))
entries = report['entries']
hosts = sorted(set(e['host'] for e in entries))
keyed = [e for e in entries if e['kind'] == 'PrivateKeyEntry']
trusted = sorted(set(e['alias'] for e in entries if e['kind'] == 'trustedCertEntry' and e['store'].endswith('.p12')))
print('%d entries from %d hosts and the controller; %d identities, truststore aliases %s; fewest days left %d'
      % (len(entries), len(hosts) - 1, len(keyed), trusted, entries[0]['days_left']))
assert 'controller' in hosts and len(hosts) >= 9, hosts
assert trusted == ['caroot-g%s' % sys.argv[2]], trusted
assert [e['days_left'] for e in entries] == sorted(e['days_left'] for e in entries)
PY
grep -E '^\| (EXPIRED|RENEW|) *\|' "$work/report/cert-report.md" | head -4

echo "=== rotation figures (tests/rotation/prove.sh; timings printed, never asserted)"
python - "$work/load.json" "${took[renew]}" "${took[keys]}" "${took[rollover]}" <<'PY'
import json, sys
load = json.load(open(sys.argv[1]))
print('rotate_certs wall: (a) renew 3 brokers %s s, (b) new key on kafka2 %s s, (c) CA rollover %s s'
      % tuple(sys.argv[2:5]))
print('load over %(seconds)s s: %(sent)d sent, %(acked)d acknowledged, %(failed_sends)d failed sends, '
      '%(consumed)d consumed, %(acked_not_consumed)d acknowledged but not consumed, %(duplicates)d duplicates; '
      'longest pause between acknowledgements %(longest_ack_gap_s)s s' % load)
print('client errors: %s' % (load['client_errors'] or 'none'))
PY
