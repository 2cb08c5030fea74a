#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: tls_identity
short_description: Key, CSR, CA signature, keystore and truststore for one identity in one task
version_added: 0.1.0
description:
  - Runs M(kafkasec.platform.certificate_request) on the host (the key is created there and never
    leaves it; the certificate now in the keystore is read back), signs the request on the
    controller with the CA (re-signing only when needed, as M(kafkasec.platform.certificate)), then
    writes the keystore and, if asked, the truststore on the host. Two module runs on the host.
  - The request from the host is signed only when it asks for exactly O(subject) and
    O(subject_alt_names); every extension of the certificate comes from these options. A host that
    returns another request (a compromised host can) makes the task fail and nothing is signed.
  - The CA options (O(ca_cert_path), O(ca_key_path), O(ca_passphrase)) and the signing options stay
    on the controller; the host receives only the options its two runs use.
  - PKCS12 truststores are built on the controller and sent, as M(kafkasec.platform.keystore) does.
  - In check mode, when the key would be created or replaced, the stores are reported as changed
    without being opened (they would be rebuilt with the new key).
author: kafkasec.platform contributors (@kafkasec)
options:
  key_path:
    description: Private key on the host.
    type: path
    required: true
  regenerate_key:
    description: Replace the key (rotation); a new certificate follows.
    type: bool
    default: false
  backup_key:
    description:
      - Keep a replaced private key as C(<key_path>.<pid>.<timestamp>~) (0600, its owner).
      - Off by default - a key that was replaced is gone, which is the point of rotating it.
    type: bool
    default: false
  ca_cert_path:
    description: CA certificate on the controller.
    type: path
  ca_key_path:
    description: CA key on the controller.
    type: path
  ca_passphrase:
    description: Passphrase of the CA key.
    type: str
  certificate:
    description: Set by the action plugin on the controller - the signed certificate, PEM.
    type: str
  chain:
    description: Set by the action plugin on the controller - certificate and CA, PEM each.
    type: list
    elements: str
    default: []
  alias:
    description: Alias of the identity in the keystore.
    type: str
    required: true
  keystore_path:
    description: Keystore on the host.
    type: path
    required: true
  keystore_type:
    description: Keystore format.
    type: str
    choices: [pkcs12, jks]
    default: pkcs12
  keystore_password:
    description: Keystore (and key entry) password.
    type: str
    required: true
  truststore_path:
    description: Truststore on the host, holding the CA (and O(extra_trusted_certificates)).
    type: path
  truststore_type:
    description: Truststore format.
    type: str
    choices: [pkcs12, jks]
    default: pkcs12
  truststore_password:
    description: Truststore password.
    type: str
  ca_alias:
    description: Alias of the CA in the truststore.
    type: str
    default: caroot
  extra_trusted_certificates:
    description: More certificates to trust (for example the next CA during a CA rotation).
    type: list
    elements: dict
    default: []
    suboptions:
      alias:
        description: Alias.
        type: str
        required: true
      certificate:
        description: PEM.
        type: str
        required: true
  truststore_content:
    description: Set by the action plugin - base64 of the truststore built on the controller.
    type: str
  mode:
    description: Mode of the key and the keystore.
    type: str
    default: '0600'
  truststore_mode:
    description: Mode of the truststore.
    type: str
    default: '0640'
  force:
    description:
      - Replace stores that the passwords do not open, or that are corrupt (each kept as a
        backup with O(backup)); an unreadable keystore then counts as holding no certificate.
    type: bool
    default: false
extends_documentation_fragment:
  - kafkasec.platform.requirements.cryptography
  - kafkasec.platform.requirements.pyjks
  - kafkasec.platform.pki.key
  - kafkasec.platform.pki.names
  - kafkasec.platform.pki.signing
  - kafkasec.platform.attributes
  - kafkasec.platform.attributes.files
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
  action:
    support: full
    description: Signs on the controller; the host runs the request and the install.
seealso:
  - module: kafkasec.platform.certificate_request
  - module: kafkasec.platform.certificate
  - module: kafkasec.platform.keystore
'''

EXAMPLES = r'''
- name: Broker identity, keystore and truststore
  kafkasec.platform.tls_identity:
    key_path: /etc/kafka/ssl/broker.key
    subject: "CN={{ inventory_hostname }},OU=BDP,O=Company,L=San Jose,S=CA,C=US"
    subject_alt_names: ["DNS:{{ inventory_hostname }}", "IP:{{ ansible_host }}"]
    ca_cert_path: "{{ playbook_dir }}/pki/ca.crt"
    ca_key_path: "{{ playbook_dir }}/pki/ca.key"
    ca_passphrase: "{{ vault_kafkasec_ca_passphrase }}"
    alias: "{{ inventory_hostname }}"
    keystore_path: /etc/kafka/ssl/kafka.server.keystore.p12
    keystore_password: "{{ vault_kafka_keystore_password }}"
    truststore_path: /etc/kafka/ssl/kafka.server.truststore.p12
    truststore_password: "{{ vault_kafka_truststore_password }}"
    owner: kafka
    group: kafka
'''

RETURN = r'''
key_changed:
  description: Whether the key was (or would be) generated.
  returned: success
  type: bool
key_backup_file:
  description: Where the replaced key was kept (only with O(backup_key)), else null.
  returned: success
  type: str
certificate:
  description: The identity's certificate, PEM.
  returned: success
  type: str
serial:
  description: Serial number of the certificate, hex.
  returned: success
  type: str
not_after:
  description: End of the certificate's validity, UTC.
  returned: success
  type: str
reasons:
  description: Why the certificate was signed; empty when kept.
  returned: success
  type: list
  elements: str
keystore:
  description: Result for the keystore (entries, backup_file).
  returned: success
  type: dict
truststore:
  description: Result for the truststore (entries, backup_file).
  returned: when O(truststore_path) is set
  type: dict
'''

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.kafkasec.platform.plugins.module_utils.pki import crypto
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import KafkasecError
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.identity import (
    IDENTITY_REQUIRED_BY,
    identity_argument_spec,
    install,
)


def main():
    module = AnsibleModule(
        argument_spec=identity_argument_spec(),
        required_by=IDENTITY_REQUIRED_BY,
        supports_check_mode=True,
    )
    if not crypto.HAS_CRYPTOGRAPHY:
        module.fail_json(msg=missing_required_lib('cryptography'),
                         exception=crypto.CRYPTOGRAPHY_IMPORT_ERROR)
    if not module.params['certificate']:
        module.fail_json(msg='certificate is missing: run kafkasec.platform.tls_identity from a '
                             'playbook, whose action signs on the controller and fills it in')
    try:
        result = install(module.params, module.check_mode)
    except KafkasecError as exc:
        module.fail_json(msg=str(exc))
    module.exit_json(**result)


if __name__ == '__main__':
    main()
