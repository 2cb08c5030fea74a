from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import re
import subprocess

import pytest

from ansible_collections.kafkasec.platform.plugins.module_utils.pki import crypto
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import BadInputError

from ansible_collections.kafkasec.platform.tests.unit.plugins.module_utils.pki.pki_fixtures import BROKER_DN, make_ca, make_identity


def test_subject_keeps_written_order_and_reads_s_as_st():
    name = crypto.parse_subject(BROKER_DN)
    assert name.rfc4514_string() == 'CN=kafka1.fleet.test,OU=BDP,O=Company,L=San Jose,ST=CA,C=US'
    assert crypto.common_name(name) == 'kafka1.fleet.test'


@pytest.mark.parametrize('bad', ['kafka1.fleet.test', '', 'CN', '=x'])
def test_subject_that_is_not_a_dn_is_refused(bad):
    with pytest.raises(BadInputError, match='subject'):
        crypto.parse_subject(bad)


def test_jdk_reads_the_dn_as_written(tmp_path):
    ca = make_ca(str(tmp_path))
    _key, _req, signed = make_identity(str(tmp_path), 'kafka1', ca, subject=BROKER_DN)
    (tmp_path / 'leaf.pem').write_text(signed['certificate'])
    out = subprocess.run(['keytool', '-printcert', '-file', str(tmp_path / 'leaf.pem')],
                         capture_output=True, text=True, check=True).stdout
    owner = re.search(r'^Owner: (.*)$', out, re.M).group(1)
    assert owner.replace(', ', ',') == 'CN=kafka1.fleet.test,OU=BDP,O=Company,L=San Jose,ST=CA,C=US'


@pytest.mark.parametrize('san', ['email:a@b.c', 'URI:http://x', 'kafka1', 'DNS:', 'IP:not-an-ip'])
def test_san_neither_dns_nor_ip_is_refused(san):
    with pytest.raises(BadInputError, match='subject_alt_names entry'):
        crypto.parse_sans([san])


def test_sans_parse_and_dedupe():
    names = crypto.parse_sans(['DNS:a.example', 'IP:10.0.0.1', 'dns:a.example', 'IP:::1'])
    assert crypto.san_strings(names) == ['DNS:a.example', 'IP:10.0.0.1', 'IP:::1']


@pytest.mark.parametrize('key_type,size,curve,message', [
    ('dsa', 2048, None, 'key_type'),
    ('rsa', 1024, None, 'key_size'),
    ('ec', None, 'prime192v1', 'curve'),
])
def test_unknown_key_type_or_size_is_refused(key_type, size, curve, message):
    with pytest.raises(BadInputError, match=message):
        crypto.generate_private_key(key_type, size, curve)


def test_rsa_and_ec_keys_match_their_spec():
    assert crypto.key_matches_spec(crypto.generate_private_key('rsa', 2048, None), 'rsa', 2048, None)
    key = crypto.generate_private_key('ec', None, 'secp384r1')
    assert crypto.key_matches_spec(key, 'ec', None, 'secp384r1')
    assert not crypto.key_matches_spec(key, 'ec', None, 'secp256r1')


def test_truncated_certificate_pem_is_refused(tmp_path):
    ca = make_ca(str(tmp_path))
    pem = ca[2]['certificate']
    with pytest.raises(BadInputError, match='not complete PEM'):
        crypto.load_certificates(pem[:len(pem) // 2], 'certificate')


def test_leaf_is_issued_by_its_ca_only(tmp_path):
    ca = make_ca(str(tmp_path))
    other = make_ca(str(tmp_path), name='other', subject='CN=Test CA,O=Example')
    _key, _req, signed = make_identity(str(tmp_path), 'kafka1', ca)
    leaf = crypto.load_certificate(signed['certificate'], 'leaf')
    assert crypto.is_issued_by(leaf, crypto.load_certificate(ca[2]['certificate'], 'ca'))
    # Same subject, different key: names alone must not decide.
    assert not crypto.is_issued_by(leaf, crypto.load_certificate(other[2]['certificate'], 'other'))


def test_signed_certificate_extensions(tmp_path):
    ca = make_ca(str(tmp_path))
    _key, _req, signed = make_identity(str(tmp_path), 'kafka1', ca, sans=['DNS:kafka1', 'IP:10.0.0.5'])
    leaf = crypto.load_certificate(signed['certificate'], 'leaf')
    assert crypto.san_strings(crypto.sans_of(leaf)) == ['DNS:kafka1', 'IP:10.0.0.5']
    assert len(crypto.eku_of(leaf)) == 2
    assert crypto.not_before(leaf) < crypto.utcnow() < crypto.not_after(leaf)
    assert (crypto.not_after(leaf) - crypto.utcnow()) > datetime.timedelta(days=364)
