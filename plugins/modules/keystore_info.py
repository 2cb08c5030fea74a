#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: keystore_info
short_description: List the entries of a PKCS12, JKS or PEM store
version_added: 0.1.0
description:
  - Opens a store (format detected from its content, or as given) and returns each entry's alias,
    kind, subject, issuer, serial, SANs, validity, days left and fingerprints. Key material is
    never returned.
  - Reads only; M(kafkasec.platform.keystore_export) writes an identity as PEM for curl.
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
extends_documentation_fragment:
  - kafkasec.platform.requirements.cryptography
  - kafkasec.platform.requirements.pyjks
  - kafkasec.platform.attributes
  - kafkasec.platform.attributes.info_module
seealso:
  - module: kafkasec.platform.keystore
  - module: kafkasec.platform.keystore_export
'''

EXAMPLES = r'''
- name: What the broker keystore holds, and when it expires
  kafkasec.platform.keystore_info:
    path: /etc/kafka/ssl/kafka.server.keystore.p12
    password: "{{ vault_kafka_keystore_password }}"
  register: ks
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
'''

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.kafkasec.platform.plugins.module_utils.pki import crypto
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import KafkasecError
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.store_info import store_info


def main():
    module = AnsibleModule(
        argument_spec=dict(
            path=dict(type='path', required=True),
            type=dict(type='str', choices=['auto', 'pkcs12', 'jks', 'pem'], default='auto'),
            password=dict(type='str', no_log=True),
        ),
        supports_check_mode=True,
    )
    if not crypto.HAS_CRYPTOGRAPHY:
        module.fail_json(msg=missing_required_lib('cryptography'),
                         exception=crypto.CRYPTOGRAPHY_IMPORT_ERROR)
    p = module.params
    try:
        result = store_info(p['path'], p['type'], p['password'])
    except KafkasecError as exc:
        module.fail_json(msg=str(exc))
    module.exit_json(**result)


if __name__ == '__main__':
    main()
