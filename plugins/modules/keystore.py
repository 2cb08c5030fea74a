#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: keystore
short_description: PKCS12 or JKS keystore (one identity) or truststore, idempotent by content
version_added: 0.1.0
description:
  - Makes the store at O(path) hold exactly one identity (O(alias), O(private_key_path),
    O(certificate), O(chain)) or exactly the O(trusted_certificates).
  - Compares what the store holds (aliases, entry kinds, certificate and public key fingerprints),
    never bytes or file existence, and rewrites it atomically only when it differs.
  - An existing store that the O(password) does not open, or that is corrupt, is left untouched and
    the task fails, unless O(force=true) (the old store is then kept as a backup with O(backup)).
  - A PKCS12 truststore must carry Java's trusted-certificate attribute, which only recent
    C(cryptography) writes. The action plugin of this module therefore builds PKCS12 truststores on
    the controller and sends them, so hosts with their OS's older C(cryptography) work.
  - JKS needs C(pyjks) where the store is handled (Debian, Ubuntu - C(python3-pyjks)).
  - Aliases are stored in lower case, as Java treats them case-insensitively.
author: kafkasec.platform contributors (@kafkasec)
options:
  path:
    description: Path of the store.
    type: path
    required: true
  type:
    description: Store format.
    type: str
    choices: [pkcs12, jks]
    default: pkcs12
  password:
    description: Store password (also the key password of the identity).
    type: str
    required: true
  alias:
    description: Alias of the identity.
    type: str
  private_key_path:
    description: Private key on the host, as written by M(kafkasec.platform.certificate_request).
    type: path
  certificate:
    description: Certificate of the identity, PEM.
    type: str
  chain:
    description: Issuer certificates, PEM each; a repeat of O(certificate) is ignored.
    type: list
    elements: str
    default: []
  trusted_certificates:
    description: Certificates to trust, making the store a truststore.
    type: list
    elements: dict
    suboptions:
      alias:
        description: Alias of the entry.
        type: str
        required: true
      certificate:
        description: The certificate, PEM.
        type: str
        required: true
  content:
    description:
      - Base64 store bytes built elsewhere. The action plugin sets it for PKCS12 truststores; the
        module checks that it holds the requested entries before writing it.
    type: str
  force:
    description: Replace a store that cannot be opened with O(password) or is corrupt.
    type: bool
    default: false
  mode:
    description: Mode of the store file.
    type: str
    default: '0600'
extends_documentation_fragment:
  - kafkasec.platform.requirements.cryptography
  - kafkasec.platform.requirements.pyjks
  - kafkasec.platform.attributes
  - kafkasec.platform.attributes.files
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
  action:
    support: full
    description: Builds PKCS12 truststores on the controller.
seealso:
  - module: kafkasec.platform.keystore_info
  - module: kafkasec.platform.tls_identity
'''

EXAMPLES = r'''
- name: Broker keystore with its identity
  kafkasec.platform.keystore:
    path: /etc/kafka/ssl/kafka.server.keystore.p12
    password: "{{ vault_kafka_keystore_password }}"
    alias: "{{ inventory_hostname }}"
    private_key_path: /etc/kafka/ssl/kafka1.key
    certificate: "{{ broker_cert.certificate }}"
    chain: "{{ broker_cert.chain }}"
    owner: kafka
    group: kafka

- name: Broker truststore with the platform CA
  kafkasec.platform.keystore:
    path: /etc/kafka/ssl/kafka.server.truststore.p12
    password: "{{ vault_kafka_truststore_password }}"
    trusted_certificates:
      - alias: caroot
        certificate: "{{ lookup('ansible.builtin.file', 'pki/ca.crt') }}"
    mode: '0640'
    group: kafka
'''

RETURN = r'''
entries:
  description: What the store holds after the run (no key material).
  returned: success
  type: list
  elements: dict
backup_file:
  description: Copy of the replaced store, or null.
  returned: success
  type: str
'''

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.kafkasec.platform.plugins.module_utils.pki import crypto
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import KafkasecError
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.store_apply import (
    desired_entries,
    ensure_store,
)


def main():
    module = AnsibleModule(
        argument_spec=dict(
            path=dict(type='path', required=True),
            type=dict(type='str', choices=['pkcs12', 'jks'], default='pkcs12'),
            password=dict(type='str', required=True, no_log=True),
            alias=dict(type='str'),
            private_key_path=dict(type='path'),
            certificate=dict(type='str'),
            chain=dict(type='list', elements='str', default=[]),
            trusted_certificates=dict(type='list', elements='dict', options=dict(
                alias=dict(type='str', required=True),
                certificate=dict(type='str', required=True),
            )),
            content=dict(type='str', no_log=True),
            force=dict(type='bool', default=False),
            backup=dict(type='bool', default=True),
            owner=dict(type='str'),
            group=dict(type='str'),
            mode=dict(type='str', default='0600'),
        ),
        mutually_exclusive=[('trusted_certificates', 'private_key_path')],
        required_one_of=[('trusted_certificates', 'private_key_path')],
        required_together=[('alias', 'private_key_path', 'certificate')],
        supports_check_mode=True,
    )
    if not crypto.HAS_CRYPTOGRAPHY:
        module.fail_json(msg=missing_required_lib('cryptography'),
                         exception=crypto.CRYPTOGRAPHY_IMPORT_ERROR)
    p = module.params
    try:
        desired = desired_entries(p['alias'], p['private_key_path'], p['certificate'], p['chain'],
                                  p['trusted_certificates'])
        result = ensure_store(p['path'], p['type'], p['password'], desired, owner=p['owner'],
                              group=p['group'], mode=p['mode'], backup=p['backup'],
                              force=p['force'], check_mode=module.check_mode,
                              prebuilt=p['content'])
    except KafkasecError as exc:
        module.fail_json(msg=str(exc))
    module.exit_json(**result)


if __name__ == '__main__':
    main()
