"""Growth of `site` with the number of brokers: the demo fleet booted with 3 and then 6
brokers (the shipped fleet inventory, brokers added), a cold deploy and an idempotent re-run on
each, and the ratios. Prints figures; asserts nothing. The target (issue 13) is that twice the
brokers costs at most 1.5 times the time. Needs the demo fleet down; takes ~20 minutes.

  python tests/bench/bench_growth.py [--brokers 3 6]
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'bench'))
from site_figures import figures  # noqa: E402

FLEET = 'demo'
STATE = '/run/kafkasec-fleet/%s' % FLEET


def inventory(work, brokers):
    """The fleet inventory with `brokers` brokers (kafka1..N at host numbers 21..20+N)."""
    directory = os.path.join(work, 'inv-%d' % brokers)
    shutil.copytree(os.path.join(ROOT, 'inventories', 'fleet', 'group_vars'),
                    os.path.join(directory, 'group_vars'))
    with open(os.path.join(ROOT, 'inventories', 'fleet', 'hosts.yml')) as handle:
        data = yaml.safe_load(handle)
    groups = data['all']['children']['fleet']['children']
    groups['kafka_broker']['hosts'] = dict(('kafka%d.fleet.test' % i, {'fleet_host_number': 20 + i})
                                           for i in range(1, brokers + 1))
    with open(os.path.join(directory, 'hosts.yml'), 'w') as handle:
        yaml.safe_dump(data, handle, default_flow_style=False)
    return directory


def run(argv, log, env):
    start = time.perf_counter()
    with open(log, 'w') as out:
        rc = subprocess.call(argv, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    if rc != 0:
        with open(log) as handle:
            sys.stdout.write(''.join(handle.readlines()[-40:]))
        raise SystemExit('%s failed (exit %d); log %s' % (' '.join(argv[:4]), rc, log))
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--brokers', type=int, nargs='+', default=[3, 6])
    args = parser.parse_args()
    if os.path.exists(os.path.join(STATE, 'state.json')):
        raise SystemExit('the demo fleet is up: make fleet-down first (this benchmark boots its own)')
    python = os.path.join(ROOT, '.venv', 'bin', 'python')
    playbook = os.path.join(ROOT, '.venv', 'bin', 'ansible-playbook')
    env = dict(os.environ, KAFKASEC_FLEET_KEY=STATE + '/id_ed25519', KAFKASEC_PKI_DIR=STATE + '/pki')
    work = tempfile.mkdtemp(prefix='kafkasec-growth-')
    results = {}
    try:
        for brokers in args.brokers:
            inv = inventory(work, brokers)
            subprocess.check_call([python, 'tests/fleet/fleet.py', 'up', '--fleet', FLEET,
                                   '--inventory', os.path.join(inv, 'hosts.yml')], cwd=ROOT)
            try:
                row = {}
                for name in ('cold', 'idempotent'):
                    log = os.path.join(work, '%s-%d.log' % (name, brokers))
                    seconds = run([playbook, '-i', inv, 'playbooks/site.yml'], log, env)
                    row[name] = (seconds, figures(log))
                    print('%d brokers, %s site: %.1f s, %d hosts, %d changed'
                          % (brokers, name, seconds, row[name][1]['hosts'], row[name][1]['changed']))
                    sys.stdout.flush()
                results[brokers] = row
            finally:
                subprocess.call([python, 'tests/fleet/fleet.py', 'down', '--fleet', FLEET], cwd=ROOT)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print('\n%-8s %6s %12s %10s %14s %10s' % ('brokers', 'hosts', 'cold s', 'changed', 'idempotent s', 'changed'))
    for brokers, row in sorted(results.items()):
        cold, idempotent = row['cold'], row['idempotent']
        print('%-8d %6d %12.1f %10d %14.1f %10d'
              % (brokers, cold[1]['hosts'], cold[0], cold[1]['changed'], idempotent[0], idempotent[1]['changed']))
    if len(results) >= 2:
        low, high = min(results), max(results)
        for name in ('cold', 'idempotent'):
            print('%s: %d brokers / %d brokers = %.2fx the time (target <= 1.5x for 2x the brokers)'
                  % (name, high, low, results[high][name][0] / results[low][name][0]))
    return 0


if __name__ == '__main__':
    sys.exit(main())
