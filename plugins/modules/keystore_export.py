#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: keystore_export
short_description: Write one identity of a PKCS12 or JKS store as a PEM bundle for curl
version_added: 0.1.0
description:
  - Writes the private key, certificate and chain of O(alias) in the store at O(path) as one PEM
    file at O(dest) (mode 0600) - what the source document's C(convert.sh) does with keytool and
    openssl, for curl and other PEM clients.
  - The file is rewritten only when its key or chain differ from the store's; compared by content,
    never by bytes. A symbolic link at O(dest) is refused.
author: kafkasec.platform contributors (@kafkasec)
options:
  path:
    description: Path of the store.
    type: path
    required: true
  type:
    description: Store format; C(auto) detects it.
    type: str
    choices: [auto, pkcs12, jks]
    default: auto
  password:
    description: Store password.
    type: str
    required: true
  alias:
    description: Alias of the identity (a C(PrivateKeyEntry)) to export.
    type: str
    required: true
  dest:
    description: Where to write the PEM bundle (private key, certificate, chain).
    type: path
    required: true
  mode:
    description: Mode of O(dest).
    type: str
    default: '0600'
  owner:
    description: Owner of O(dest).
    type: str
  group:
    description: Group of O(dest).
    type: str
extends_documentation_fragment:
  - kafkasec.platform.requirements.cryptography
  - kafkasec.platform.requirements.pyjks
  - kafkasec.platform.attributes
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
    details: The alias, subject and fingerprints of the bundle before and after - never the key.
seealso:
  - module: kafkasec.platform.keystore_info
  - module: kafkasec.platform.keystore
'''

EXAMPLES = r'''
- name: PEM bundle of secure_user for curl
  kafkasec.platform.keystore_export:
    path: "{{ playbook_dir }}/clients/secure_user.p12"
    password: "{{ vault_secure_user_password }}"
    alias: secure_user
    dest: "{{ playbook_dir }}/clients/secure_user.pem"
  delegate_to: localhost
'''

RETURN = r'''
dest:
  description: The PEM bundle.
  returned: success
  type: str
alias:
  description: The alias exported, lower case.
  returned: success
  type: str
'''

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.kafkasec.platform.plugins.module_utils.errors import KafkasecError
from ansible_collections.kafkasec.platform.plugins.module_utils.pki import crypto
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.store_apply import export_pem


def main():
    module = AnsibleModule(
        argument_spec=dict(
            path=dict(type='path', required=True),
            type=dict(type='str', choices=['auto', 'pkcs12', 'jks'], default='auto'),
            password=dict(type='str', required=True, no_log=True),
            alias=dict(type='str', required=True),
            dest=dict(type='path', required=True),
            mode=dict(type='str', default='0600'),
            owner=dict(type='str'),
            group=dict(type='str'),
        ),
        supports_check_mode=True,
    )
    if not crypto.HAS_CRYPTOGRAPHY:
        module.fail_json(msg=missing_required_lib('cryptography'),
                         exception=crypto.CRYPTOGRAPHY_IMPORT_ERROR)
    p = module.params
    try:
        result = export_pem(p['path'], p['type'], p['password'], p['alias'], p['dest'],
                            owner=p['owner'], group=p['group'], mode=p['mode'],
                            check_mode=module.check_mode)
    except KafkasecError as exc:
        module.fail_json(msg=str(exc))
    if not module._diff:
        result.pop('diff')
    module.exit_json(**result)


if __name__ == '__main__':
    main()
