#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: certificate_authority
short_description: Create the platform CA once, on the controller
version_added: 0.1.0
description:
  - Creates a self-signed CA certificate (basicConstraints CA:true, keyUsage keyCertSign and cRLSign)
    and its passphrase-protected private key, unless both already exist.
  - An existing CA is never replaced unless O(force=true); it is loaded and checked (key matches
    certificate, passphrase opens the key) on every run.
  - "Run it on the controller (C(delegate_to: localhost), C(run_once: true)); the CA key never leaves it."
author: kafkasec.platform contributors (@kafkasec)
options:
  cert_path:
    description: Where the CA certificate (PEM) is kept.
    type: path
    required: true
  key_path:
    description: Where the CA private key (encrypted PKCS#8 PEM, mode 0600) is kept.
    type: path
    required: true
  passphrase:
    description: Passphrase that encrypts the CA key. Keep it in Ansible Vault.
    type: str
    required: true
  subject:
    description:
      - Distinguished name, written most specific first as in RFC 4514 and keytool, for example
        C(CN=Example Kafka CA,O=Example). C(S=) is read as C(ST=).
    type: str
    required: true
  key_type:
    description: Key algorithm.
    type: str
    choices: [rsa, ec]
    default: rsa
  key_size:
    description: RSA key size (2048, 3072 or 4096).
    type: int
    default: 4096
  curve:
    description: EC curve (secp256r1, secp384r1 or secp521r1).
    type: str
    default: secp384r1
  valid_days:
    description: Validity of a new CA certificate, in days.
    type: int
    default: 3650
  force:
    description: Replace an existing CA. Every certificate it issued stops being trusted.
    type: bool
    default: false
  backup:
    description: With O(force), keep the replaced CA files as C(<path>.<pid>.<timestamp>~).
    type: bool
    default: true
extends_documentation_fragment:
  - kafkasec.platform.requirements.cryptography
  - kafkasec.platform.attributes
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
seealso:
  - module: kafkasec.platform.certificate
'''

EXAMPLES = r'''
- name: Create the platform CA on the controller
  kafkasec.platform.certificate_authority:
    cert_path: "{{ playbook_dir }}/pki/ca.crt"
    key_path: "{{ playbook_dir }}/pki/ca.key"
    passphrase: "{{ vault_kafkasec_ca_passphrase }}"
    subject: CN=Example Kafka CA,O=Example
  delegate_to: localhost
  run_once: true
'''

RETURN = r'''
certificate:
  description: The CA certificate, PEM.
  returned: success
  type: str
fingerprint_sha256:
  description: SHA-256 fingerprint of the CA certificate, colon-separated hex.
  returned: success
  type: str
  sample: "F0:C0:18:43:..."
not_after:
  description: End of the CA certificate's validity (UTC, ISO 8601).
  returned: success
  type: str
  sample: "2036-11-25T03:12:02Z"
subject:
  description: The CA certificate's subject as RFC 4514.
  returned: success
  type: str
'''

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.kafkasec.platform.plugins.module_utils.pki import options
from ansible_collections.kafkasec.platform.plugins.module_utils.pki import crypto
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.authority import ensure_ca
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import KafkasecError


def main():
    module = AnsibleModule(
        argument_spec=options.merged(
            options.key_spec(key_size=4096, curve='secp384r1'),
            cert_path=dict(type='path', required=True),
            key_path=dict(type='path', required=True),
            passphrase=dict(type='str', required=True, no_log=True),
            subject=dict(type='str', required=True),
            valid_days=dict(type='int', default=3650),
            force=dict(type='bool', default=False),
            backup=dict(type='bool', default=True),
        ),
        supports_check_mode=True,
    )
    if not crypto.HAS_CRYPTOGRAPHY:
        module.fail_json(msg=missing_required_lib('cryptography'),
                         exception=crypto.CRYPTOGRAPHY_IMPORT_ERROR)
    p = module.params
    try:
        result = ensure_ca(p['cert_path'], p['key_path'], p['passphrase'], p['subject'],
                           p['key_type'], p['key_size'], p['curve'], p['valid_days'],
                           force=p['force'], backup=p['backup'], check_mode=module.check_mode)
    except KafkasecError as exc:
        module.fail_json(msg=str(exc))
    for warning in result.pop('warnings'):
        module.warn(warning)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
