"""Renders one role template with Ansible's own templating and the collection's filters, in a
process of its own (the collection loader must be installed before anything imports
ansible_collections, which pytest's other tests do).

  python render_template.py ROLE TEMPLATE DEST VARIABLES_JSON
TEMPLATE is a file of the role's templates/, or an absolute path.
Exit 1 with the error message on stderr when the template refuses its input.
"""
import json
import os
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def trusted(value, trust):
    if isinstance(value, str):
        return trust(value)
    if isinstance(value, dict):
        return {k: trusted(v, trust) for k, v in value.items()}
    if isinstance(value, list):
        return [trusted(v, trust) for v in value]
    return value


def role_vars(role):
    found = {}
    for part in ('defaults', 'vars'):
        with open(os.path.join(ROOT, 'roles', role, part, 'main.yml')) as handle:
            found.update(yaml.safe_load(handle) or {})
    return found


def main(role, template, dest, variables_json):
    from ansible.plugins.loader import init_plugin_loader
    init_plugin_loader([os.path.join(ROOT, '.collections')])
    from ansible.errors import AnsibleError
    from ansible.parsing.dataloader import DataLoader
    from ansible.template import Templar
    try:
        from ansible.template import trust_as_template
    except ImportError:  # ansible-core < 2.19 templates every string
        def trust_as_template(value):
            return value
    context = dict(role_vars('common'), ansible_managed='managed', inventory_hostname='kafka1.fleet.test',
                   groups={'kafka_broker': ['kafka1.fleet.test'], 'zookeeper': ['zk1.fleet.test']})
    context.update(role_vars(role))
    context.update(json.loads(variables_json))
    # An absolute path is a test's own template, rendered with the role's variables.
    with open(template if os.path.isabs(template) else os.path.join(ROOT, 'roles', role, 'templates', template)) as handle:
        text = handle.read()
    try:
        rendered = Templar(loader=DataLoader(), variables=trusted(context, trust_as_template)).template(
            trust_as_template(text))
    except AnsibleError as exc:
        sys.stderr.write(str(exc))
        return 1
    with open(dest, 'w', encoding='latin-1' if template.endswith('.properties.j2') else 'utf-8') as handle:
        handle.write(rendered)
    return 0


if __name__ == '__main__':
    sys.exit(main(*sys.argv[1:5]))
