from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import re
import subprocess

import pytest

from ansible_collections.kafkasec.platform.plugins.module_utils.pki import stores
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import (
    BadInputError,
    KafkasecError,
    StoreAccessError,
)
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.store_apply import desired_entries, ensure_store, export_pem
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.store_info import current_certificate, store_info

from ansible_collections.kafkasec.platform.tests.unit.plugins.module_utils.pki.pki_fixtures import STORE_PASS, make_ca, make_identity

TYPES = ['pkcs12', 'jks']


def keytool_list(path, password):
    return subprocess.run(['keytool', '-list', '-v', '-keystore', path, '-storepass', password],
                          capture_output=True, text=True, check=True).stdout


@pytest.fixture
def pki_dir(tmp_path):
    ca = make_ca(str(tmp_path))
    key, _req, signed = make_identity(str(tmp_path), 'kafka1', ca)
    return tmp_path, ca, key, signed


def _identity(pki_dir):
    tmp_path, ca, key, signed = pki_dir
    return desired_entries('kafka1', key, signed['certificate'], signed['chain'])


def _trust(pki_dir):
    return desired_entries(trusted_certificates=[{'alias': 'CARoot',
                                                  'certificate': pki_dir[1][2]['certificate']}])


@pytest.mark.parametrize('store_type', TYPES)
def test_identity_store_round_trip_and_keytool_reads_chain(pki_dir, store_type):
    path = str(pki_dir[0] / ('ks.' + store_type))
    first = ensure_store(path, store_type, STORE_PASS, _identity(pki_dir))
    second = ensure_store(path, store_type, STORE_PASS, _identity(pki_dir))
    assert first['changed'] and not second['changed']
    listing = keytool_list(path, STORE_PASS)
    assert 'Alias name: kafka1' in listing and 'Entry type: PrivateKeyEntry' in listing
    assert 'Certificate chain length: 2' in listing
    assert oct(os.stat(path).st_mode & 0o777) == '0o600'


@pytest.mark.parametrize('store_type', TYPES)
def test_truststore_is_trusted_by_java(pki_dir, store_type):
    path = str(pki_dir[0] / ('ts.' + store_type))
    assert ensure_store(path, store_type, STORE_PASS, _trust(pki_dir), mode='0640')['changed']
    assert not ensure_store(path, store_type, STORE_PASS, _trust(pki_dir), mode='0640')['changed']
    listing = keytool_list(path, STORE_PASS)
    assert 'Alias name: caroot' in listing and 'Entry type: trustedCertEntry' in listing


def test_new_certificate_replaces_store_and_keeps_backup(pki_dir, tmp_path):
    path = str(tmp_path / 'ks.p12')
    ensure_store(path, 'pkcs12', STORE_PASS, _identity(pki_dir))
    _key, _req, renewed = make_identity(str(tmp_path), 'kafka1', pki_dir[1])
    result = ensure_store(path, 'pkcs12', STORE_PASS,
                          desired_entries('kafka1', pki_dir[2], renewed['certificate'], renewed['chain']))
    assert result['changed'] and os.path.exists(result['backup_file'])
    assert result['diff']['before'] != result['diff']['after']
    assert 'PRIVATE' not in result['diff']['after']


def test_check_mode_reports_but_writes_nothing(pki_dir, tmp_path):
    path = str(tmp_path / 'ks.p12')
    assert ensure_store(path, 'pkcs12', STORE_PASS, _identity(pki_dir), check_mode=True)['changed']
    assert not os.path.exists(path)


@pytest.mark.parametrize('store_type', TYPES)
def test_wrong_password_fails_and_leaves_store_untouched(pki_dir, store_type):
    path = str(pki_dir[0] / ('ks.' + store_type))
    ensure_store(path, store_type, STORE_PASS, _identity(pki_dir))
    before = open(path, 'rb').read()
    with pytest.raises(StoreAccessError, match='cannot be opened with the given password'):
        ensure_store(path, store_type, 'wrong-password', _identity(pki_dir))
    assert open(path, 'rb').read() == before
    forced = ensure_store(path, store_type, 'wrong-password', _identity(pki_dir), force=True)
    assert forced['changed'] and open(forced['backup_file'], 'rb').read() == before


@pytest.mark.parametrize('store_type', TYPES)
def test_corrupt_store_fails_and_is_left_alone(pki_dir, store_type):
    path = str(pki_dir[0] / ('ks.' + store_type))
    ensure_store(path, store_type, STORE_PASS, _identity(pki_dir))
    corrupt = open(path, 'rb').read()[:-37]
    with open(path, 'wb') as handle:
        handle.write(corrupt)
    with pytest.raises(StoreAccessError, match='not a valid'):
        ensure_store(path, store_type, STORE_PASS, _identity(pki_dir))
    assert open(path, 'rb').read() == corrupt


def test_alias_clash_with_different_content_is_refused(pki_dir):
    other_ca = make_ca(str(pki_dir[0]), name='other')
    with pytest.raises(BadInputError, match="alias 'caroot' is given twice"):
        desired_entries(trusted_certificates=[
            {'alias': 'CARoot', 'certificate': pki_dir[1][2]['certificate']},
            {'alias': 'caroot', 'certificate': other_ca[2]['certificate']}])


def test_certificate_for_another_key_is_refused(pki_dir):
    _key, _req, other = make_identity(str(pki_dir[0]), 'kafka2', pki_dir[1])
    with pytest.raises(BadInputError, match='does not match private_key_path'):
        desired_entries('kafka1', pki_dir[2], other['certificate'], other['chain'])


@pytest.mark.parametrize('path,message', [
    ('/nonexistent-dir/ks.p12', 'does not exist'),
    ('/proc/ks.p12', 'cannot write'),
])
def test_destination_not_writable_is_refused(pki_dir, path, message):
    with pytest.raises(BadInputError, match=message):
        ensure_store(path, 'pkcs12', STORE_PASS, _identity(pki_dir))


def test_store_info_lists_entries_and_detects_type(pki_dir):
    for store_type in TYPES:
        path = str(pki_dir[0] / ('ks.' + store_type))
        ensure_store(path, store_type, STORE_PASS, _identity(pki_dir))
        info = store_info(path, 'auto', STORE_PASS)
        assert info['type'] == store_type
        entry = info['entries'][0]
        assert entry['alias'] == 'kafka1' and entry['kind'] == 'PrivateKeyEntry'
        assert entry['subject'] == 'CN=kafka1' and entry['days_left'] >= 364
        assert entry['subject_alt_names'] == ['DNS:kafka1']


def test_pem_export_is_idempotent_and_private(pki_dir):
    path = str(pki_dir[0] / 'ks.p12')
    pem = str(pki_dir[0] / 'kafka1.pem')
    ensure_store(path, 'pkcs12', STORE_PASS, _identity(pki_dir))
    assert export_pem(path, 'pkcs12', STORE_PASS, 'kafka1', pem, check_mode=True)['changed']
    assert not os.path.exists(pem)
    first = export_pem(path, 'pkcs12', STORE_PASS, 'kafka1', pem)
    assert first['changed'] and 'sha256=' in first['diff']['after'] and 'PRIVATE' not in str(first)
    assert not export_pem(path, 'pkcs12', STORE_PASS, 'kafka1', pem)['changed']
    assert oct(os.stat(pem).st_mode & 0o777) == '0o600'
    with pytest.raises(BadInputError, match="alias 'nobody' is not in"):
        export_pem(path, 'pkcs12', STORE_PASS, 'nobody', pem)


def test_unknown_store_format_is_refused(tmp_path):
    path = tmp_path / 'junk'
    path.write_bytes(b'not a keystore at all')
    with pytest.raises(StoreAccessError, match='neither PKCS12, JKS nor PEM'):
        stores.read_store(path.read_bytes(), 'auto', 'x', str(path))


def test_jks_without_pyjks_names_the_package(pki_dir, monkeypatch):
    def no_jks(name):
        raise ImportError('No module named %r' % name)
    monkeypatch.setattr(stores.importlib, 'import_module', no_jks)
    with pytest.raises(KafkasecError, match='python3-pyjks'):
        ensure_store(str(pki_dir[0] / 'ks.jks'), 'jks', STORE_PASS, _identity(pki_dir))


@pytest.mark.parametrize('store', ['identity', 'trust'])
def test_pkcs12_bags_and_mac_use_many_rounds(pki_dir, store):
    path = str(pki_dir[0] / ('%s.p12' % store))
    ensure_store(path, 'pkcs12', STORE_PASS, _identity(pki_dir) if store == 'identity' else _trust(pki_dir))
    info = subprocess.run(['openssl', 'pkcs12', '-in', path, '-info', '-noout', '-passin',
                           'pass:' + STORE_PASS], capture_output=True, text=True, check=False)
    assert info.returncode == 0, info.stderr
    rounds = re.findall(r'Iteration (\d+)', info.stderr + info.stdout)
    assert rounds and all(int(r) == stores.PKCS12_ITERATIONS >= 100000 for r in rounds), rounds
    assert 'MAC: sha256, Iteration %d' % stores.PKCS12_ITERATIONS in info.stderr + info.stdout
    assert keytool_list(path, STORE_PASS)


def test_force_reads_a_corrupt_keystore_as_holding_no_certificate(pki_dir):
    path = str(pki_dir[0] / 'broken.p12')
    with open(path, 'wb') as handle:
        handle.write(b'\x30\x82garbage')
    with pytest.raises(StoreAccessError, match='set force'):
        current_certificate(path, 'pkcs12', STORE_PASS, 'kafka1')
    assert current_certificate(path, 'pkcs12', STORE_PASS, 'kafka1', force=True) is None
