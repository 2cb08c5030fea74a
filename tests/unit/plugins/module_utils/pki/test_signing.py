from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import datetime
import os
import subprocess

import pytest

from ansible_collections.kafkasec.platform.plugins.module_utils.pki import crypto, der
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.authority import ensure_ca
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.request import ensure_key_and_csr
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.signing import issue
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import (
    BadInputError,
    RequestMismatchError,
    StoreAccessError,
)

from ansible_collections.kafkasec.platform.tests.unit.plugins.module_utils.pki.pki_fixtures import CA_PASS, make_ca, make_identity

EKU = ['serverAuth', 'clientAuth']
DECLARED = ('CN=kafka1', ['DNS:kafka1'])


def _request(directory, name='kafka1', subject='CN=kafka1', sans=None, regenerate=False):
    return ensure_key_and_csr(os.path.join(directory, name + '.key'), 'ec', None, 'secp256r1',
                              subject, sans or ['DNS:kafka1'], regenerate_key=regenerate)


def test_unchanged_request_keeps_the_certificate(tmp_path):
    ca = make_ca(str(tmp_path))
    first = issue(_request(str(tmp_path))['csr'], ca[0], ca[1], CA_PASS, 365, 30, EKU, *DECLARED)
    again = issue(_request(str(tmp_path))['csr'], ca[0], ca[1], CA_PASS, 365, 30, EKU, *DECLARED,
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
    first = issue(_request(str(tmp_path))['csr'], ca[0], ca[1], CA_PASS, 365, 30, EKU, *DECLARED)
    declared = (change.get('subject', DECLARED[0]), change.get('sans', DECLARED[1]))
    again = issue(_request(str(tmp_path), **change)['csr'], ca[0], ca[1], CA_PASS, 365, 30, EKU, *declared,
                  current_certificate=first['certificate'])
    assert again['changed']
    assert any(r.startswith(reason) for r in again['reasons']), again['reasons']


def test_certificate_from_another_ca_is_resigned(tmp_path):
    ca = make_ca(str(tmp_path))
    other = make_ca(str(tmp_path), name='other')
    csr = _request(str(tmp_path))['csr']
    foreign = issue(csr, other[0], other[1], CA_PASS, 365, 30, EKU, *DECLARED)
    again = issue(csr, ca[0], ca[1], CA_PASS, 365, 30, EKU, *DECLARED, current_certificate=foreign['certificate'])
    assert 'issued by another CA' in again['reasons']


def test_certificate_near_expiry_is_renewed(tmp_path):
    ca = make_ca(str(tmp_path))
    csr = _request(str(tmp_path))['csr']
    past = crypto.utcnow() - datetime.timedelta(days=340)
    old = issue(csr, ca[0], ca[1], CA_PASS, 365, 30, EKU, *DECLARED, now=past)
    again = issue(csr, ca[0], ca[1], CA_PASS, 365, 30, EKU, *DECLARED, current_certificate=old['certificate'])
    assert again['changed'] and 'renew_before_days' in again['reasons'][0]


def test_validity_past_the_ca_expiry_is_refused(tmp_path):
    ca = make_ca(str(tmp_path), valid_days=100)
    with pytest.raises(BadInputError, match='valid_days=365 .* after the CA certificate expires'):
        issue(_request(str(tmp_path))['csr'], ca[0], ca[1], CA_PASS, 365, 30, EKU, *DECLARED)


def test_csr_whose_signature_does_not_verify_is_refused(tmp_path):
    ca = make_ca(str(tmp_path))
    csr = _request(str(tmp_path), subject='CN=kafka1')['csr']
    der = bytearray(base64.b64decode(''.join(csr.strip().splitlines()[1:-1])))
    at = bytes(der).index(b'kafka1')
    der[at:at + 6] = b'kafkb1'
    forged = ('-----BEGIN CERTIFICATE REQUEST-----\n%s\n-----END CERTIFICATE REQUEST-----\n'
              % base64.encodebytes(bytes(der)).decode('ascii').strip())
    with pytest.raises(BadInputError, match='signature does not verify'):
        issue(forged, ca[0], ca[1], CA_PASS, 365, 30, EKU, *DECLARED)


def test_truncated_csr_is_refused(tmp_path):
    ca = make_ca(str(tmp_path))
    csr = _request(str(tmp_path))['csr']
    with pytest.raises(BadInputError, match='csr is not one complete PEM'):
        issue(csr[:-40], ca[0], ca[1], CA_PASS, 365, 30, EKU, *DECLARED)


def test_ca_key_that_does_not_match_the_certificate_is_refused(tmp_path):
    ca = make_ca(str(tmp_path))
    other = make_ca(str(tmp_path), name='other')
    with pytest.raises(BadInputError, match='does not match the CA certificate'):
        issue(_request(str(tmp_path))['csr'], ca[0], other[1], CA_PASS, 365, 30, EKU, *DECLARED)


def test_wrong_ca_passphrase_is_refused(tmp_path):
    ca = make_ca(str(tmp_path))
    with pytest.raises(StoreAccessError, match='passphrase does not decrypt'):
        issue(_request(str(tmp_path))['csr'], ca[0], ca[1], 'wrong', 365, 30, EKU, *DECLARED)


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
    assert result['key_changed'] and crypto.load_csr(result['csr'])
    assert not os.path.exists(str(tmp_path / 'k.key'))


def test_identity_fixture_round_trip(tmp_path):
    ca = make_ca(str(tmp_path))
    _key, _req, signed = make_identity(str(tmp_path), 'client', ca)
    assert signed['chain'][1] == ca[2]['certificate']


# --- what a compromised host may ask for (issue: trust boundary) ------------------------------

def _hand_made_csr(tmp_path, subject, sans=(), extensions=()):
    """A CSR as a compromised host's Python would make it: any subject, SANs and extensions."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    key = ec.generate_private_key(ec.SECP256R1())
    builder = x509.CertificateSigningRequestBuilder().subject_name(crypto.parse_subject(subject))
    if sans:
        builder = builder.add_extension(x509.SubjectAlternativeName(crypto.parse_sans(sans)), critical=False)
    for extension, critical in extensions:
        builder = builder.add_extension(extension, critical=critical)
    return crypto.csr_pem(builder.sign(key, hashes.SHA256()))


@pytest.mark.parametrize('asked_subject,asked_sans,fragment', [
    ('CN=admin', ['DNS:kafka1'], 'subject: declared CN=kafka1, the request asks CN=admin'),
    ('CN=kafka1', ['DNS:kafka1', 'DNS:kafka2'], 'the request asks [DNS:kafka1, DNS:kafka2]'),
    ('CN=kafka1', [], 'the request asks []'),
    ('CN=kafka1,O=Other', ['DNS:kafka1'], 'the request asks CN=kafka1,O=Other'),
])
def test_request_for_another_identity_is_refused(tmp_path, asked_subject, asked_sans, fragment):
    ca = make_ca(str(tmp_path))
    forged = _hand_made_csr(tmp_path, asked_subject, asked_sans)
    with pytest.raises(RequestMismatchError) as info:
        issue(forged, ca[0], ca[1], CA_PASS, 365, 30, EKU, *DECLARED, requester='kafka1.fleet.test')
    message = str(info.value)
    assert 'kafka1.fleet.test' in message and fragment in message and 'nothing was signed' in message


def test_subject_is_compared_parsed_not_as_text(tmp_path):
    ca = make_ca(str(tmp_path))
    csr = _hand_made_csr(tmp_path, 'CN=kafka1,ST=CA', ['DNS:kafka1'])
    signed = issue(csr, ca[0], ca[1], CA_PASS, 365, 30, EKU, 'CN=kafka1,S=CA', ['DNS:kafka1'])
    assert signed['subject'] == 'CN=kafka1,ST=CA'


def test_request_for_a_ca_certificate_is_refused(tmp_path):
    from cryptography import x509
    ca = make_ca(str(tmp_path))
    forged = _hand_made_csr(tmp_path, *DECLARED,
                            extensions=[(x509.BasicConstraints(ca=True, path_length=None), True)])
    with pytest.raises(RequestMismatchError, match='asks for a CA certificate'):
        issue(forged, ca[0], ca[1], CA_PASS, 365, 30, EKU, *DECLARED)


def test_extensions_come_from_the_declaration_not_the_request(tmp_path):
    from cryptography import x509
    ca = make_ca(str(tmp_path))
    usage = x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=True,
                          data_encipherment=True, key_agreement=False, key_cert_sign=True,
                          crl_sign=True, encipher_only=False, decipher_only=False)
    csr = _hand_made_csr(tmp_path, *DECLARED, extensions=[
        (usage, True), (x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.CODE_SIGNING]), False),
        (x509.OCSPNoCheck(), False)])
    issued = issue(csr, ca[0], ca[1], CA_PASS, 365, 30, ['clientAuth'], *DECLARED)
    cert = crypto.load_certificate(issued['certificate'], 'issued')
    kinds = sorted(type(e.value).__name__ for e in cert.extensions)
    assert kinds == ['AuthorityKeyIdentifier', 'BasicConstraints', 'ExtendedKeyUsage', 'KeyUsage',
                     'SubjectAlternativeName', 'SubjectKeyIdentifier']
    assert not cert.extensions.get_extension_for_class(x509.KeyUsage).value.key_cert_sign
    assert crypto.eku_of(cert) == {x509.oid.ExtendedKeyUsageOID.CLIENT_AUTH}
    assert not crypto.basic_constraints_ca(cert)


@pytest.mark.parametrize('san,allowed', [
    ('DNS:bad name with spaces', False),
    ('DNS:*.example.com', False),
    ('DNS:-lead.example.com', False),
    ('DNS:%s.example.com' % ('a' * 64), False),
    ('DNS:under_score.example.com', False),
    ('DNS:*.example.com', True),
])
def test_dns_names_are_validated_before_signing(tmp_path, san, allowed):
    ca = make_ca(str(tmp_path))
    csr = _hand_made_csr(tmp_path, 'CN=kafka1', ['DNS:kafka1']) if not allowed else None
    if allowed:
        from cryptography import x509
        csr = _hand_made_csr(tmp_path, 'CN=kafka1', [])
        with pytest.raises(RequestMismatchError):  # the wildcard is accepted, the CSR lacks it
            issue(csr, ca[0], ca[1], CA_PASS, 365, 30, EKU, 'CN=kafka1', [san], allow_wildcard_names=True)
        assert x509.DNSName('*.example.com') in crypto.parse_sans([san], allow_wildcards=True)
        return
    with pytest.raises(BadInputError, match='not a valid DNS name'):
        issue(csr, ca[0], ca[1], CA_PASS, 365, 30, EKU, 'CN=kafka1', [san])


def test_ca_certificate_has_path_length_zero(tmp_path):
    from cryptography import x509
    ca = make_ca(str(tmp_path))
    cert = crypto.load_certificate(ca[2]['certificate'], 'ca')
    constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
    assert constraints.ca and constraints.path_length == 0


@pytest.mark.parametrize('passphrase,word', [('', 'empty'), ('short-pass', 'shorter than 12')])
def test_empty_or_short_ca_passphrase_is_refused(tmp_path, passphrase, word):
    with pytest.raises(BadInputError, match='passphrase is %s' % word):
        ensure_ca(str(tmp_path / 'ca.crt'), str(tmp_path / 'ca.key'), passphrase, 'CN=CA', 'ec',
                  None, 'secp256r1', 10)
    assert not os.listdir(str(tmp_path))


def test_ca_key_is_encrypted_with_many_kdf_rounds(tmp_path):
    ca = make_ca(str(tmp_path))
    with open(ca[1], 'rb') as handle:
        text = handle.read()
    assert b'BEGIN ENCRYPTED PRIVATE KEY' in text
    body = base64.b64decode(b''.join(text.strip().splitlines()[1:-1]))
    algorithm = der.children(der.children(body)[0][1])[0][1]
    pbes2 = der.children(der.children(algorithm)[1][1])
    kdf_params = der.children(der.children(pbes2[0][1])[1][1])
    assert int.from_bytes(kdf_params[1][1], 'big') == crypto.KEY_KDF_ITERATIONS >= 600000
    opened = subprocess.run(['openssl', 'pkey', '-in', ca[1], '-passin', 'pass:' + CA_PASS, '-noout'],
                            capture_output=True, text=True, check=False)
    assert opened.returncode == 0, opened.stderr
    with pytest.raises(StoreAccessError, match='passphrase does not decrypt'):
        crypto.load_private_key(text, 'not-the-passphrase', ca[1])


def test_forced_renewal_signs_a_certificate_that_still_serves(tmp_path):
    ca = make_ca(str(tmp_path))
    csr = _request(str(tmp_path))['csr']
    first = issue(csr, ca[0], ca[1], CA_PASS, 365, 30, EKU, *DECLARED)
    forced = issue(csr, ca[0], ca[1], CA_PASS, 365, 30, EKU, *DECLARED,
                   current_certificate=first['certificate'], force=True)
    assert forced['changed'] and forced['serial'] != first['serial']
    assert forced['reasons'] == ['renewal forced (rotation asked by the inventory)']
    assert forced['subject'] == first['subject']


@pytest.mark.parametrize('change,named', [
    (dict(subject='CN=kafka1,O=Other'), 'subject CN=kafka1 -> CN=kafka1,O=Other'),
    (dict(sans=['DNS:kafka1', 'IP:10.0.0.9']), 'subject_alt_names [DNS:kafka1] -> [DNS:kafka1, IP:10.0.0.9]'),
])
def test_name_change_is_refused_when_not_allowed(tmp_path, change, named):
    ca = make_ca(str(tmp_path))
    first = issue(_request(str(tmp_path))['csr'], ca[0], ca[1], CA_PASS, 365, 30, EKU, *DECLARED)
    declared = (change.get('subject', DECLARED[0]), change.get('sans', DECLARED[1]))
    csr = _request(str(tmp_path), **change)['csr']
    with pytest.raises(BadInputError) as refused:
        issue(csr, ca[0], ca[1], CA_PASS, 365, 30, EKU, *declared, requester='kafka1.fleet.test',
              current_certificate=first['certificate'], allow_name_changes=False)
    assert named in str(refused.value)
    assert 'kafka1.fleet.test' in str(refused.value) and 'pki_allow_name_changes' in str(refused.value)


def test_same_names_under_a_new_ca_pass_the_name_check(tmp_path):
    ca = make_ca(str(tmp_path))
    new = make_ca(str(tmp_path), name='next')
    csr = _request(str(tmp_path))['csr']
    first = issue(csr, ca[0], ca[1], CA_PASS, 365, 30, EKU, *DECLARED)
    moved = issue(csr, new[0], new[1], CA_PASS, 365, 30, EKU, *DECLARED,
                  current_certificate=first['certificate'], allow_name_changes=False)
    assert moved['reasons'] == ['issued by another CA']
