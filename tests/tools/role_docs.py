"""Writes docs/roles.md, each role's variables, from the roles' meta/argument_specs.yml; with
--check fails when the file differs from what the specs give (make lint runs it)."""
import argparse
import json
import os
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TARGET = os.path.join(ROOT, 'docs', 'roles.md')


def cell(text):
    if isinstance(text, list):
        text = ' '.join(text)
    return ' '.join(str(text).split()).replace('|', '\\|')


def default(option):
    if 'default' not in option:
        return 'required' if option.get('required') else ''
    value = option['default']
    shown = json.dumps(value) if not isinstance(value, str) else value
    if len(shown) > 60:
        shown = shown[:57] + '...'
    return '`%s`' % cell(shown) if shown != '' else '`""`'


def render():
    lines = ['# Role variables', '',
             'Generated from each role\'s `meta/argument_specs.yml` by `tests/tools/role_docs.py`',
             '(`make lint` fails when this file is stale). `ansible-doc -t role kafkasec.platform.<role>`',
             'shows the same.', '']
    roles_dir = os.path.join(ROOT, 'roles')
    for role in sorted(os.listdir(roles_dir)):
        path = os.path.join(roles_dir, role, 'meta', 'argument_specs.yml')
        if not os.path.exists(path):
            continue
        with open(path) as handle:
            main = (yaml.safe_load(handle) or {}).get('argument_specs', {}).get('main', {})
        lines += ['## %s' % role, '', cell(main.get('short_description', '')), '']
        options = main.get('options') or {}
        if not options:
            lines += ['No variables.', '']
            continue
        lines += ['| variable | type | default | description |', '| --- | --- | --- | --- |']
        for name in sorted(options):
            option = options[name]
            kind = option.get('type', 'str')
            if option.get('elements'):
                kind += ' of ' + option['elements']
            lines.append('| `%s` | %s | %s | %s |' % (name, kind, default(option), cell(option.get('description', ''))))
        lines.append('')
    return '\n'.join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--check', action='store_true')
    args = parser.parse_args()
    text = render()
    if args.check:
        current = open(TARGET).read() if os.path.exists(TARGET) else ''
        if current != text:
            print('docs/roles.md is stale: run python tests/tools/role_docs.py')
            return 1
        print('docs/roles.md matches the argument specs')
        return 0
    os.makedirs(os.path.dirname(TARGET), exist_ok=True)
    with open(TARGET, 'w') as handle:
        handle.write(text)
    return 0


if __name__ == '__main__':
    sys.exit(main())
