"""Fails when a role's defaults and its meta/argument_specs.yml drift apart: every default is
documented with the same default value, every documented option is a default or marked
required, and every variable carries the role's name as prefix."""
import os
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load(path):
    if not os.path.exists(path):
        return {}
    with open(path) as handle:
        return yaml.safe_load(handle) or {}


def check_role(role_dir):
    role = os.path.basename(role_dir)
    defaults = load(os.path.join(role_dir, 'defaults', 'main.yml'))
    specs = load(os.path.join(role_dir, 'meta', 'argument_specs.yml'))
    options = ((specs.get('argument_specs') or {}).get('main') or {}).get('options') or {}
    problems = []
    if not specs:
        problems.append('%s: meta/argument_specs.yml is missing' % role)
    for name in sorted(set(defaults) | set(options)):
        if not name.startswith(role + '_'):
            problems.append('%s: variable %s lacks the prefix %s_' % (role, name, role))
        if name in defaults and name not in options:
            problems.append('%s: default %s is not in meta/argument_specs.yml' % (role, name))
        elif name in options and name not in defaults and not options[name].get('required'):
            problems.append('%s: option %s is documented but has no default and is not required'
                            % (role, name))
        elif name in defaults and options[name].get('default') != defaults[name]:
            problems.append('%s: %s defaults to %r but argument_specs says %r'
                            % (role, name, defaults[name], options[name].get('default')))
    return problems


def main():
    roles = os.path.join(ROOT, 'roles')
    problems = []
    for role in sorted(os.listdir(roles)):
        if os.path.isdir(os.path.join(roles, role)):
            problems.extend(check_role(os.path.join(roles, role)))
    for problem in problems:
        print(problem)
    print('argument_specs check: %d roles, %d problems' % (len(os.listdir(roles)), len(problems)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
