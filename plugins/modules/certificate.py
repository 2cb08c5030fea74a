#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: certificate
short_description: Sign a host's certificate request with the platform CA, on the controller
version_added: 0.1.0
description:
  - Verifies the CSR's signature and that it asks for exactly O(subject) (compared as parsed DNs)
    and O(subject_alt_names) (as a set), then signs it with the CA. A CSR that asks for anything
    else, or for a CA certificate, is refused naming what was declared and what was asked; nothing
    is signed. The CSR comes from a managed host and is untrusted input.
  - Every extension comes from this task, none from the CSR - basicConstraints CA:false, keyUsage
    digitalSignature and keyEncipherment, O(extended_key_usage), O(subject_alt_names).
  - With O(current_certificate), re-signs only when subject, SANs, public key, issuer or extended
    key usage differ, or fewer than O(renew_before_days) remain; otherwise returns the current one.
  - Writes no file; the certificate is returned for M(kafkasec.platform.keystore) on the host.
    Check mode therefore computes exactly what a real run returns.
author: kafkasec.platform contributors (@kafkasec)
options:
  csr:
    description: The request, PEM, as returned by M(kafkasec.platform.certificate_request).
    type: str
    required: true
  ca_cert_path:
    description: CA certificate on the controller.
    type: path
    required: true
  ca_key_path:
    description: CA private key on the controller.
    type: path
    required: true
  ca_passphrase:
    description: Passphrase of the CA key.
    type: str
    required: true
  current_certificate:
    description: The certificate now in use, PEM (the first certificate is used).
    type: str
extends_documentation_fragment:
  - kafkasec.platform.requirements.cryptography
  - kafkasec.platform.pki.names
  - kafkasec.platform.pki.signing
  - kafkasec.platform.attributes
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
seealso:
  - module: kafkasec.platform.certificate_request
  - module: kafkasec.platform.certificate_authority
'''

EXAMPLES = r'''
- name: Sign the broker's CSR on the controller
  kafkasec.platform.certificate:
    csr: "{{ broker_csr.csr }}"
    subject: "CN={{ inventory_hostname }},OU=BDP,O=Company,C=US"
    subject_alt_names: ["DNS:{{ inventory_hostname }}"]
    ca_cert_path: "{{ playbook_dir }}/pki/ca.crt"
    ca_key_path: "{{ playbook_dir }}/pki/ca.key"
    ca_passphrase: "{{ vault_kafkasec_ca_passphrase }}"
    current_certificate: "{{ broker_csr.current_certificate | default(omit) }}"
  delegate_to: localhost
  register: broker_cert
'''

RETURN = r'''
certificate:
  description: The certificate to use, PEM (new, or O(current_certificate) when still good).
  returned: success
  type: str
chain:
  description: Certificate then CA certificate, PEM each.
  returned: success
  type: list
  elements: str
ca_certificate:
  description: The CA certificate, PEM.
  returned: success
  type: str
serial:
  description: Serial number, hex.
  returned: success
  type: str
not_after:
  description: End of validity (UTC, ISO 8601).
  returned: success
  type: str
subject:
  description: Subject, RFC 4514.
  returned: success
  type: str
reasons:
  description: Why the certificate was signed; empty when the current one was kept.
  returned: success
  type: list
  elements: str
'''

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.kafkasec.platform.plugins.module_utils.pki import options
from ansible_collections.kafkasec.platform.plugins.module_utils.pki import crypto
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.signing import issue
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import KafkasecError


def main():
    module = AnsibleModule(
        argument_spec=options.merged(
            options.names_spec(), options.signing_spec(),
            csr=dict(type='str', required=True),
            current_certificate=dict(type='str'),
        ),
        supports_check_mode=True,
    )
    if not crypto.HAS_CRYPTOGRAPHY:
        module.fail_json(msg=missing_required_lib('cryptography'),
                         exception=crypto.CRYPTOGRAPHY_IMPORT_ERROR)
    p = module.params
    try:
        result = issue(p['csr'], p['ca_cert_path'], p['ca_key_path'], p['ca_passphrase'],
                       p['valid_days'], p['renew_before_days'], p['extended_key_usage'],
                       p['subject'], p['subject_alt_names'],
                       current_certificate=p['current_certificate'],
                       allow_wildcard_names=p['allow_wildcard_names'],
                       force=p['force_renew'], allow_name_changes=p['allow_name_changes'])
    except KafkasecError as exc:
        module.fail_json(msg=str(exc))
    module.exit_json(**result)


if __name__ == '__main__':
    main()
