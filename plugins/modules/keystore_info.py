#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: keystore_info
short_description: List the entries of a PKCS12, JKS or PEM store; export one identity as PEM
version_added: 0.1.0
description:
  - Opens a store (format detected from its content, or as given) and returns each entry's alias,
    kind, subject, issuer, serial, SANs, validity, days left and fingerprints. Key material is
    never returned.
  - With O(export_alias) and O(export_path), writes that identity's key and chain as one PEM file
    (mode 0600), for curl and other PEM clients - what the source document's C(convert.sh) does
    with keytool and openssl. The file is rewritten only when its key or chain differ.
  - For PKCS12, certificate entries without a key are reported as C(trustedCertEntry); the Java
    trust attribute itself is not visible through C(cryptography).
author: kafkasec.platform contributors (@kafkasec)
options:
  path:
    description: Path of the store.
    type: path
    required: true
  type:
    description: Store format; C(auto) detects it.
    type: str
    choices: [auto, pkcs12, jks, pem]
    default: auto
  password:
    description: Store password (for PEM, the key passphrase if any).
    type: str
  export_alias:
    description: Alias of the identity to export as PEM.
    type: str
  export_path:
    description: Where to write the PEM bundle (private key, certificate, chain).
    type: path
  mode:
    description: Mode of O(export_path).
    type: str
    default: '0600'
  owner:
    description: Owner of O(export_path).
    type: str
  group:
    description: Group of O(export_path).
    type: str
extends_documentation_fragment:
  - kafkasec.platform.attributes
attributes:
  check_mode:
    support: full
  diff_mode:
    support: none
seealso:
  - module: kafkasec.platform.keystore
'''

EXAMPLES = r'''
- name: What the broker keystore holds, and when it expires
  kafkasec.platform.keystore_info:
    path: /etc/kafka/ssl/kafka.server.keystore.p12
    password: "{{ vault_kafka_keystore_password }}"
  register: ks

- name: PEM bundle of secure_user for curl
  kafkasec.platform.keystore_info:
    path: "{{ playbook_dir }}/clients/secure_user.p12"
    password: "{{ vault_secure_user_password }}"
    export_alias: secure_user
    export_path: "{{ playbook_dir }}/clients/secure_user.pem"
  delegate_to: localhost
'''

RETURN = r'''
type:
  description: Detected store format.
  returned: success
  type: str
  sample: pkcs12
entries:
  description: One dict per alias.
  returned: success
  type: list
  elements: dict
  contains:
    alias:
      description: Alias, lower case.
      type: str
      returned: always
    kind:
      description: C(PrivateKeyEntry) or C(trustedCertEntry).
      type: str
      returned: always
    subject:
      description: Subject of the entry's certificate, RFC 4514.
      type: str
      returned: always
    issuer:
      description: Issuer, RFC 4514.
      type: str
      returned: always
    serial:
      description: Serial number, hex.
      type: str
      returned: always
    subject_alt_names:
      description: C(DNS:) and C(IP:) names.
      type: list
      elements: str
      returned: always
    not_before:
      description: Start of validity, UTC.
      type: str
      returned: always
    not_after:
      description: End of validity, UTC.
      type: str
      returned: always
    days_left:
      description: Whole days until RV(entries[].not_after).
      type: int
      returned: always
    sha256:
      description: SHA-256 fingerprint of the certificate.
      type: str
      returned: always
export_path:
  description: The PEM bundle written.
  returned: when O(export_alias) is set
  type: str
'''

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.kafkasec.platform.plugins.module_utils import pki
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import KafkasecError
from ansible_collections.kafkasec.platform.plugins.module_utils.keystore_plan import store_info


def main():
    module = AnsibleModule(
        argument_spec=dict(
            path=dict(type='path', required=True),
            type=dict(type='str', choices=['auto', 'pkcs12', 'jks', 'pem'], default='auto'),
            password=dict(type='str', no_log=True),
            export_alias=dict(type='str'),
            export_path=dict(type='path'),
            mode=dict(type='str', default='0600'),
            owner=dict(type='str'),
            group=dict(type='str'),
        ),
        required_together=[('export_alias', 'export_path')],
        supports_check_mode=True,
    )
    if not pki.HAS_CRYPTOGRAPHY:
        module.fail_json(msg=missing_required_lib('cryptography'),
                         exception=pki.CRYPTOGRAPHY_IMPORT_ERROR)
    p = module.params
    try:
        result = store_info(p['path'], p['type'], p['password'], p['export_alias'],
                            p['export_path'], owner=p['owner'], group=p['group'], mode=p['mode'],
                            check_mode=module.check_mode)
    except KafkasecError as exc:
        module.fail_json(msg=str(exc))
    module.exit_json(**result)


if __name__ == '__main__':
    main()
