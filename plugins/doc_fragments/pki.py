# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Docs of the options plugins/module_utils/pki/options.py defines once."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):

    # Key algorithm of a host or client key (key_spec() with its defaults).
    KEY = r'''
options:
  key_type:
    description: Key algorithm.
    type: str
    choices: [rsa, ec]
    default: rsa
  key_size:
    description: RSA key size (2048, 3072 or 4096).
    type: int
    default: 2048
  curve:
    description: EC curve (secp256r1, secp384r1 or secp521r1).
    type: str
    default: secp256r1
'''

    # What the certificate says (names_spec()).
    NAMES = r'''
options:
  subject:
    description:
      - Distinguished name, most specific first (RFC 4514, keytool's order), for example
        C(CN=kafka1.example.com,OU=BDP,O=Company,L=San Jose,S=CA,C=US). C(S=) is read as C(ST=).
      - Kafka maps the DN to a principal with C(ssl.principal.mapping.rules); the CN should be the
        FQDN for hosts, the user name for clients.
    type: str
    required: true
  subject_alt_names:
    description:
      - Subject alternative names, each C(DNS:<name>) or C(IP:<address>). DNS names must be
        RFC 1123 host names.
    type: list
    elements: str
    default: []
'''

    # Signing on the controller (signing_spec()), without the CA's location and passphrase, which
    # each module documents (required for certificate, checked by the action for tls_identity).
    SIGNING = r'''
options:
  valid_days:
    description: Validity of a new certificate, in days. It may not end after the CA certificate does.
    type: int
    default: 365
  renew_before_days:
    description: Re-sign when fewer days than this remain.
    type: int
    default: 30
  extended_key_usage:
    description: Extended key usage; brokers need both, as they serve clients and talk to each other.
    type: list
    elements: str
    choices: [serverAuth, clientAuth]
    default: [serverAuth, clientAuth]
  allow_wildcard_names:
    description: Accept C(DNS:*.<domain>) entries in O(subject_alt_names).
    type: bool
    default: false
  force_renew:
    description:
      - Sign a new certificate even when the current one still serves (a rotation). Every run with
        it true signs again, so set it for the run that rotates, not in the inventory for good.
    type: bool
    default: false
  allow_name_changes:
    description:
      - With false, a new certificate whose subject or subject alternative names differ from the
        current certificate's is refused before anything is signed or written (a broker refuses
        such a keystore at reload, KIP-978).
    type: bool
    default: true
'''
