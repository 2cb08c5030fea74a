#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: certificate_request
short_description: Keep a private key on the host and return a certificate request for it
version_added: 0.1.0
description:
  - Generates the host's private key if there is none (or its type or size differs, or
    O(regenerate_key=true)), and returns a CSR for it. The key never leaves the host; only the CSR
    is returned, to be signed on the controller by M(kafkasec.platform.certificate).
  - The key is written atomically as unencrypted PKCS#8 PEM with the given owner and mode. A
    symbolic link at O(key_path) is refused.
  - In check mode a key that would be created is generated in memory only, so the returned CSR
    shows what the real run would request.
author: kafkasec.platform contributors (@kafkasec)
options:
  key_path:
    description: Path of the private key on the host.
    type: path
    required: true
  mode:
    description: Mode of the key file.
    type: str
    default: '0600'
  regenerate_key:
    description: Replace the key even when it matches O(key_type) and size (key rotation).
    type: bool
    default: false
  backup:
    description:
      - Keep a replaced key as C(<key_path>.<pid>.<timestamp>~) (0600, the key's owner).
      - Off by default - a replaced key is gone, which is what rotating a key is for.
    type: bool
    default: false
  force:
    description: Treat an O(keystore_path) that cannot be read (corrupt, other password) as
      holding no certificate, so a new one is signed; the store is replaced when installed.
    type: bool
    default: false
  keystore_path:
    description:
      - Optional keystore on the host to read the certificate now in use from, returned as
        RV(current_certificate) so the controller can decide whether to re-sign.
    type: path
  keystore_type:
    description: Type of O(keystore_path).
    type: str
    choices: [pkcs12, jks]
    default: pkcs12
  keystore_password:
    description: Password of O(keystore_path).
    type: str
  keystore_alias:
    description: Alias of the identity in O(keystore_path).
    type: str
extends_documentation_fragment:
  - kafkasec.platform.requirements.cryptography
  - kafkasec.platform.requirements.pyjks
  - kafkasec.platform.pki.key
  - kafkasec.platform.pki.names
  - kafkasec.platform.attributes
  - kafkasec.platform.attributes.files
attributes:
  check_mode:
    support: full
  diff_mode:
    support: none
seealso:
  - module: kafkasec.platform.certificate
  - module: kafkasec.platform.keystore
'''

EXAMPLES = r'''
- name: Key and CSR for the broker, on the broker
  kafkasec.platform.certificate_request:
    key_path: /etc/kafka/ssl/kafka1.key
    subject: "CN={{ inventory_hostname }},OU=BDP,O=Company,L=San Jose,S=CA,C=US"
    subject_alt_names:
      - "DNS:{{ inventory_hostname }}"
      - "IP:{{ ansible_host }}"
    owner: kafka
    group: kafka
  register: broker_csr
'''

RETURN = r'''
backup_file:
  description: Where the replaced key was kept (only with O(backup)), else null.
  returned: success
  type: str
csr:
  description: The certificate signing request, PEM.
  returned: success
  type: str
key_changed:
  description: Whether a new key was (or in check mode would be) generated.
  returned: success
  type: bool
key_change_reason:
  description: Why the key was generated, or null.
  returned: success
  type: str
public_key_sha256:
  description: SHA-256 of the public key (SubjectPublicKeyInfo DER).
  returned: success
  type: str
current_certificate:
  description: Certificate under O(keystore_alias) in O(keystore_path), PEM; null when absent.
  returned: when O(keystore_path) is set
  type: str
'''

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.kafkasec.platform.plugins.module_utils.pki import options
from ansible_collections.kafkasec.platform.plugins.module_utils.pki import crypto
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.request import ensure_key_and_csr
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import KafkasecError
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.store_info import current_certificate


def main():
    module = AnsibleModule(
        argument_spec=options.merged(
            options.key_spec(), options.names_spec(), options.file_spec(backup=False),
            key_path=dict(type='path', required=True),
            mode=dict(type='str', default='0600'),
            force=dict(type='bool', default=False),
            regenerate_key=dict(type='bool', default=False),
            keystore_path=dict(type='path'),
            keystore_type=dict(type='str', choices=['pkcs12', 'jks'], default='pkcs12'),
            keystore_password=dict(type='str', no_log=True),
            keystore_alias=dict(type='str', no_log=False),
        ),
        required_by={'keystore_path': ('keystore_password', 'keystore_alias')},
        supports_check_mode=True,
    )
    if not crypto.HAS_CRYPTOGRAPHY:
        module.fail_json(msg=missing_required_lib('cryptography'),
                         exception=crypto.CRYPTOGRAPHY_IMPORT_ERROR)
    p = module.params
    try:
        result = ensure_key_and_csr(
            p['key_path'], p['key_type'], p['key_size'], p['curve'], p['subject'],
            p['subject_alt_names'], owner=p['owner'], group=p['group'], mode=p['mode'],
            regenerate_key=p['regenerate_key'], backup=p['backup'], check_mode=module.check_mode)
        if p['keystore_path']:
            result['current_certificate'] = current_certificate(
                p['keystore_path'], p['keystore_type'], p['keystore_password'], p['keystore_alias'],
                force=p['force'])
    except KafkasecError as exc:
        module.fail_json(msg=str(exc))
    module.exit_json(**result)


if __name__ == '__main__':
    main()
