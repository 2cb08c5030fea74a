from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import datetime
import os

import pytest

from ansible_collections.kafkasec.platform.plugins.module_utils import pki
from ansible_collections.kafkasec.platform.plugins.module_utils.certificate_authority import ensure_ca
from ansible_collections.kafkasec.platform.plugins.module_utils.certificate_request import ensure_key_and_csr
from ansible_collections.kafkasec.platform.plugins.module_utils.certificate_signing import issue
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import (
    BadInputError,
    StoreAccessError,
)

from ansible_collections.kafkasec.platform.tests.unit.plugins.module_utils.pki_fixtures import CA_PASS, make_ca, make_identity

EKU = ['serverAuth', 'clientAuth']


def _request(directory, name='kafka1', subject='CN=kafka1', sans=None, regenerate=False):
    return ensure_key_and_csr(os.path.join(directory, name + '.key'), 'ec', None, 'secp256r1',
                              subject, sans or ['DNS:kafka1'], regenerate_key=regenerate)


def test_unchanged_request_keeps_the_certificate(tmp_path):
    ca = make_ca(str(tmp_path))
    first = issue(_request(str(tmp_path))['csr'], ca[0], ca[1], CA_PASS, 365, 30, EKU)
    again = issue(_request(str(tmp_path))['csr'], ca[0], ca[1], CA_PASS, 365, 30, EKU,
                  current_certificate=first['certificate'])
    assert first['changed'] and not again['changed']
    assert again['certificate'] == first['certificate']


@pytest.mark.parametrize('change,reason', [
    (dict(subject='CN=kafka1,O=Other'), 'subject differs'),
    (dict(sans=['DNS:kafka1', 'IP:10.0.0.9']), 'subject alternative names differ'),
    (dict(regenerate=True), 'public key differs'),
])
def test_changed_request_is_resigned(tmp_path, change, reason):
    ca = make_ca(str(tmp_path))
    first = issue(_request(str(tmp_path))['csr'], ca[0], ca[1], CA_PASS, 365, 30, EKU)
    again = issue(_request(str(tmp_path), **change)['csr'], ca[0], ca[1], CA_PASS, 365, 30, EKU,
                  current_certificate=first['certificate'])
    assert again['changed']
    assert any(r.startswith(reason) for r in again['reasons']), again['reasons']


def test_certificate_from_another_ca_is_resigned(tmp_path):
    ca = make_ca(str(tmp_path))
    other = make_ca(str(tmp_path), name='other')
    csr = _request(str(tmp_path))['csr']
    foreign = issue(csr, other[0], other[1], CA_PASS, 365, 30, EKU)
    again = issue(csr, ca[0], ca[1], CA_PASS, 365, 30, EKU, current_certificate=foreign['certificate'])
    assert 'issued by another CA' in again['reasons']


def test_certificate_near_expiry_is_renewed(tmp_path):
    ca = make_ca(str(tmp_path))
    csr = _request(str(tmp_path))['csr']
    past = pki.utcnow() - datetime.timedelta(days=340)
    old = issue(csr, ca[0], ca[1], CA_PASS, 365, 30, EKU, now=past)
    again = issue(csr, ca[0], ca[1], CA_PASS, 365, 30, EKU, current_certificate=old['certificate'])
    assert again['changed'] and 'renew_before_days' in again['reasons'][0]


def test_validity_past_the_ca_expiry_is_refused(tmp_path):
    ca = make_ca(str(tmp_path), valid_days=100)
    with pytest.raises(BadInputError, match='valid_days=365 .* after the CA certificate expires'):
        issue(_request(str(tmp_path))['csr'], ca[0], ca[1], CA_PASS, 365, 30, EKU)


def test_csr_whose_signature_does_not_verify_is_refused(tmp_path):
    ca = make_ca(str(tmp_path))
    csr = _request(str(tmp_path), subject='CN=kafka1')['csr']
    der = bytearray(base64.b64decode(''.join(csr.strip().splitlines()[1:-1])))
    at = bytes(der).index(b'kafka1')
    der[at:at + 6] = b'kafkb1'
    forged = ('-----BEGIN CERTIFICATE REQUEST-----\n%s\n-----END CERTIFICATE REQUEST-----\n'
              % base64.encodebytes(bytes(der)).decode('ascii').strip())
    with pytest.raises(BadInputError, match='signature does not verify'):
        issue(forged, ca[0], ca[1], CA_PASS, 365, 30, EKU)


def test_truncated_csr_is_refused(tmp_path):
    ca = make_ca(str(tmp_path))
    csr = _request(str(tmp_path))['csr']
    with pytest.raises(BadInputError, match='csr is not one complete PEM'):
        issue(csr[:-40], ca[0], ca[1], CA_PASS, 365, 30, EKU)


def test_ca_key_that_does_not_match_the_certificate_is_refused(tmp_path):
    ca = make_ca(str(tmp_path))
    other = make_ca(str(tmp_path), name='other')
    with pytest.raises(BadInputError, match='does not match the CA certificate'):
        issue(_request(str(tmp_path))['csr'], ca[0], other[1], CA_PASS, 365, 30, EKU)


def test_wrong_ca_passphrase_is_refused(tmp_path):
    ca = make_ca(str(tmp_path))
    with pytest.raises(StoreAccessError, match='passphrase does not decrypt'):
        issue(_request(str(tmp_path))['csr'], ca[0], ca[1], 'wrong', 365, 30, EKU)


def test_ca_is_created_once_and_kept(tmp_path):
    ca = make_ca(str(tmp_path))
    again = ensure_ca(ca[0], ca[1], CA_PASS, 'CN=Another,O=Example', 'ec', None, 'secp256r1', 3650)
    assert not again['changed']
    assert again['fingerprint_sha256'] == ca[2]['fingerprint_sha256']
    assert 'kept' in again['warnings'][0]
    forced = ensure_ca(ca[0], ca[1], CA_PASS, 'CN=Another', 'ec', None, 'secp256r1', 3650, force=True)
    assert forced['changed'] and forced['subject'] == 'CN=Another'


def test_ca_check_mode_writes_nothing(tmp_path):
    result = ensure_ca(str(tmp_path / 'ca.crt'), str(tmp_path / 'ca.key'), CA_PASS, 'CN=CA',
                       'rsa', 2048, None, 10, check_mode=True)
    assert result['changed'] and not os.listdir(str(tmp_path))


def test_request_keeps_the_key_unless_its_type_differs(tmp_path):
    first = _request(str(tmp_path))
    same = _request(str(tmp_path))
    assert first['key_changed'] and not same['key_changed']
    assert first['public_key_sha256'] == same['public_key_sha256']
    other = ensure_key_and_csr(str(tmp_path / 'kafka1.key'), 'rsa', 2048, None, 'CN=kafka1', [])
    assert other['key_changed'] and 'wanted rsa 2048' in other['key_change_reason']
    assert oct(os.stat(str(tmp_path / 'kafka1.key')).st_mode & 0o777) == '0o600'


def test_request_check_mode_leaves_no_key(tmp_path):
    result = ensure_key_and_csr(str(tmp_path / 'k.key'), 'ec', None, 'secp256r1', 'CN=x', [],
                                check_mode=True)
    assert result['key_changed'] and pki.load_csr(result['csr'])
    assert not os.path.exists(str(tmp_path / 'k.key'))


def test_identity_fixture_round_trip(tmp_path):
    ca = make_ca(str(tmp_path))
    _key, _req, signed = make_identity(str(tmp_path), 'client', ca)
    assert signed['chain'][1] == ca[2]['certificate']
