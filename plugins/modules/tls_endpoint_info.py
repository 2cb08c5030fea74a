#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: tls_endpoint_info
short_description: The certificate a TLS server serves, read in a real handshake
version_added: 0.1.0
description:
  - Connects to O(host):O(port), completes a TLS 1.2+ handshake (the server's chain verified
    against O(ca_path) and its name against O(server_name), unless O(verify=false)) and returns
    the leaf certificate it served - the proof that a keystore reload took effect.
  - Presents a client identity when O(certificate_path) is set, for servers that require one.
author: kafkasec.platform contributors (@kafkasec)
options:
  host:
    description: Address to connect to.
    type: str
    required: true
  port:
    description: TLS port.
    type: int
    required: true
  server_name:
    description: Name sent in SNI and checked against the certificate; defaults to O(host).
    type: str
  ca_path:
    description: PEM file of the CAs to trust (required with O(verify)).
    type: path
  verify:
    description: Verify the chain and the name. Off only to read a certificate no CA file trusts.
    type: bool
    default: true
  certificate_path:
    description: Client certificate (PEM, may hold the key too).
    type: path
  key_path:
    description: Client key (PEM); defaults to O(certificate_path).
    type: path
  timeout:
    description: Seconds for the connection and the handshake.
    type: float
    default: 10
extends_documentation_fragment:
  - kafkasec.platform.requirements.cryptography
  - kafkasec.platform.attributes
  - kafkasec.platform.attributes.info_module
seealso:
  - module: kafkasec.platform.keystore_info
  - module: kafkasec.platform.kafka_broker_config
'''

EXAMPLES = r'''
- name: Serial the broker's CLIENT listener serves
  kafkasec.platform.tls_endpoint_info:
    host: kafka1.example.com
    port: 9093
    ca_path: pki/ca.crt
    certificate_path: pki/clients/admin.pem
  delegate_to: localhost
  register: served
'''

RETURN = r'''
serial:
  description: Serial number of the served certificate, hex.
  returned: success
  type: str
subject:
  description: Subject, RFC 4514.
  returned: success
  type: str
issuer:
  description: Issuer, RFC 4514.
  returned: success
  type: str
authority_key_id:
  description: Key identifier of the issuing CA (colon hex), or null.
  returned: success
  type: str
subject_alt_names:
  description: SANs as C(DNS:)/C(IP:) strings.
  returned: success
  type: list
  elements: str
not_before:
  description: Start of validity, UTC.
  returned: success
  type: str
not_after:
  description: End of validity, UTC.
  returned: success
  type: str
days_left:
  description: Whole days until RV(not_after).
  returned: success
  type: int
sha256:
  description: SHA-256 fingerprint, colon hex.
  returned: success
  type: str
protocol:
  description: Negotiated TLS version.
  returned: success
  type: str
  sample: TLSv1.3
'''

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.kafkasec.platform.plugins.module_utils.pki import crypto
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import KafkasecError
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.endpoint import (
    client_context,
    served_certificate,
)


def main():
    module = AnsibleModule(
        argument_spec=dict(
            host=dict(type='str', required=True),
            port=dict(type='int', required=True),
            server_name=dict(type='str'),
            ca_path=dict(type='path'),
            verify=dict(type='bool', default=True),
            certificate_path=dict(type='path'),
            key_path=dict(type='path'),
            timeout=dict(type='float', default=10),
        ),
        required_if=[('verify', True, ('ca_path',))],
        supports_check_mode=True,
    )
    if not crypto.HAS_CRYPTOGRAPHY:
        module.fail_json(msg=missing_required_lib('cryptography'),
                         exception=crypto.CRYPTOGRAPHY_IMPORT_ERROR)
    p = module.params
    try:
        context = client_context(p['ca_path'], p['certificate_path'], p['key_path'], p['verify'])
        result = served_certificate(p['host'], p['port'], context, p['server_name'], p['timeout'])
    except KafkasecError as exc:
        module.fail_json(msg=str(exc))
    except (IOError, OSError) as exc:
        module.fail_json(msg='cannot read ca_path, certificate_path or key_path: %s' % exc)
    module.exit_json(changed=False, **result)


if __name__ == '__main__':
    main()
