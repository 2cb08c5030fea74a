"""Figures of the site runs of a molecule test: wall time, task results and changes per run,
read from the ansible-playbook output molecule printed (PLAY RECAP), and the idempotent
re-run's share of the cold converge. Prints; asserts nothing.

  python site_figures.py NAME=SECONDS:LOG [NAME=SECONDS:LOG ...]
"""
import re
import sys

RECAP = re.compile(r'(\S+) : ok=(\d+) changed=(\d+) unreachable=(\d+) failed=(\d+) skipped=(\d+)')
ANSI = re.compile(r'\x1b\[[0-9;]*[A-Za-z]|\x1b\]8;;[^\x1b]*\x1b\\')


def figures(log_path):
    # molecule colours its output, frames it with box characters and wraps long lines
    with open(log_path, errors='replace') as handle:
        text = ' '.join(ANSI.sub('', handle.read()).replace('\u2502', ' ').split())
    hosts = {}
    for host, ok, changed, _unreachable, failed, skipped in RECAP.findall(text):
        counts = hosts.setdefault(host, [0, 0, 0, 0])
        for index, value in enumerate((ok, changed, failed, skipped)):
            counts[index] += int(value)
    total = [sum(c[i] for c in hosts.values()) for i in range(4)]
    return {'hosts': len(hosts), 'ok': total[0], 'changed': total[1], 'failed': total[2],
            'skipped': total[3]}


def main(argv):
    rows = []
    for spec in argv:
        name, _sep, rest = spec.partition('=')
        seconds, _sep, log_path = rest.partition(':')
        rows.append((name, float(seconds), figures(log_path)))
    print('%-12s %9s %6s %10s %8s %8s' % ('run', 'wall s', 'hosts', 'tasks ok', 'changed', 'skipped'))
    for name, seconds, found in rows:
        print('%-12s %9.1f %6d %10d %8d %8d' % (name, seconds, found['hosts'], found['ok'],
                                                found['changed'], found['skipped']))
    if len(rows) >= 2 and rows[0][1]:
        print('%s / %s: %.0f %% of the wall time' % (rows[1][0], rows[0][0], 100.0 * rows[1][1] / rows[0][1]))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
