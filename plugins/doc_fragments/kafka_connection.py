# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):

    DOCUMENTATION = r'''
options:
  bootstrap_servers:
    description: Brokers to connect to, C(host:port) each. Use the names in the brokers' certificates.
    type: list
    elements: str
    required: true
  security_protocol:
    description: Protocol of the listener.
    type: str
    choices: [SSL, SASL_SSL, PLAINTEXT]
    default: SSL
  ssl_ca_location:
    description: CA certificate(s), PEM, that signed the brokers' certificates.
    type: path
  ssl_certificate_location:
    description:
      - Client certificate, PEM (mutual TLS). Needs O(ssl_key_location).
      - Mutually exclusive with O(ssl_keystore_location).
    type: path
  ssl_key_location:
    description: Client private key, PEM (may be the same file as the certificate).
    type: path
  ssl_key_password:
    description: Passphrase of an encrypted O(ssl_key_location).
    type: str
  ssl_keystore_location:
    description: Client identity as a PKCS12 keystore (key and certificate chain), instead of PEM files.
    type: path
  ssl_keystore_password:
    description: Password of O(ssl_keystore_location).
    type: str
  ssl_endpoint_identification:
    description:
      - Verify that the broker's certificate names the host connected to.
      - Turning it off lets anyone holding a certificate of the CA impersonate a broker.
    type: bool
    default: true
  sasl_mechanism:
    description: SASL mechanism when O(security_protocol=SASL_SSL).
    type: str
    choices: [PLAIN, SCRAM-SHA-256, SCRAM-SHA-512]
    default: SCRAM-SHA-512
  sasl_username:
    description: SASL user when O(security_protocol=SASL_SSL).
    type: str
  sasl_password:
    description: Password of O(sasl_username).
    type: str
  request_timeout:
    description: Seconds to wait for an answer.
    type: int
    default: 15
notes:
  - Failures are worded apart - the cluster cannot be reached, the TLS handshake or SASL login
    failed, or the cluster refused the request for lack of ACLs - so the message says what to fix.
  - Runs where the task runs; delegate it to the admin host (by default the controller, whose venv
    has C(confluent-kafka)), never to arbitrary fleet hosts.
'''

    ZOOKEEPER = r'''
options:
  hosts:
    description: Ensemble members, C(host:port) each.
    type: list
    elements: str
    required: true
  sasl_username:
    description: SASL DIGEST-MD5 user (for example the ZooKeeper super user).
    type: str
  sasl_password:
    description: Password of O(sasl_username).
    type: str
  request_timeout:
    description: Seconds to wait for an answer.
    type: int
    default: 10
  tls:
    description:
      - Talk to ZooKeeper's TLS client port (C(secureClientPort)) with a client certificate;
        DIGEST-MD5 authenticates but does not encrypt. C(false) only for an ensemble without TLS.
    type: bool
    default: true
  ssl_ca_location:
    description: CA certificate (PEM) that signed the ensemble's certificates. Required with O(tls).
    type: path
  ssl_certificate_location:
    description: Client certificate (PEM) the ensemble trusts. Required with O(tls).
    type: path
  ssl_key_location:
    description: Key of O(ssl_certificate_location) (PEM; may be the same file). Required with O(tls).
    type: path
  ssl_endpoint_identification:
    description: Check that each member's certificate names the host in O(hosts).
    type: bool
    default: true
'''
