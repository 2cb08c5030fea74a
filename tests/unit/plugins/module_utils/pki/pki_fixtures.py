"""Small helpers shared by the module_utils tests: a CA on disk and identities signed by it."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

from ansible_collections.kafkasec.platform.plugins.module_utils.pki import crypto
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.authority import ensure_ca
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.request import ensure_key_and_csr
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.signing import issue

CA_PASS = 'ca-secret-passphrase'
STORE_PASS = 'store-secret'
BROKER_DN = 'CN=kafka1.fleet.test,OU=BDP,O=Company,L=San Jose,S=CA,C=US'


def make_ca(directory, name='ca', subject='CN=Test CA,O=Example', valid_days=3650):
    result = ensure_ca(os.path.join(directory, name + '.crt'), os.path.join(directory, name + '.key'),
                       CA_PASS, subject, 'ec', None, 'secp256r1', valid_days)
    return os.path.join(directory, name + '.crt'), os.path.join(directory, name + '.key'), result


def make_identity(directory, name, ca, subject=None, sans=None, valid_days=365):
    ca_cert, ca_key = ca[0], ca[1]
    subject = subject or 'CN=%s' % name
    sans = sans or ['DNS:%s' % name]
    request = ensure_key_and_csr(os.path.join(directory, name + '.key'), 'ec', None, 'secp256r1',
                                 subject, sans)
    signed = issue(request['csr'], ca_cert, ca_key, CA_PASS, valid_days, 30,
                   ['serverAuth', 'clientAuth'], subject, sans)
    return os.path.join(directory, name + '.key'), request, signed


def load(pem):
    return crypto.load_certificate(pem, 'test')
