from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import stat

import pytest

from ansible_collections.kafkasec.platform.plugins.module_utils import files
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.request import ensure_key_and_csr
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import BadInputError

NOBODY = 65534


def _write(path, data, mode=0o644):
    with open(str(path), 'wb') as handle:
        handle.write(data)
    os.chmod(str(path), mode)


def test_backup_is_private_owned_as_the_original_and_returned(tmp_path):
    target = tmp_path / 'store.p12'
    _write(target, b'old', 0o644)
    os.chown(str(target), NOBODY, NOBODY)
    kept = files.write_atomic(str(target), b'new', mode='0600', backup=True)
    info = os.lstat(kept)
    assert open(kept, 'rb').read() == b'old' and open(str(target), 'rb').read() == b'new'
    assert stat.S_IMODE(info.st_mode) == 0o600 and (info.st_uid, info.st_gid) == (NOBODY, NOBODY)


def test_backup_is_never_written_through_a_planted_link(tmp_path):
    target = tmp_path / 'store.p12'
    _write(target, b'old')
    victim = tmp_path / 'victim'
    _write(victim, b'untouched')
    planted = files.backup_path(str(target))
    os.symlink(str(victim), planted)
    kept = files.make_backup(str(target))
    assert kept != planted and open(str(victim), 'rb').read() == b'untouched'
    assert open(kept, 'rb').read() == b'old'


@pytest.mark.parametrize('dangling', [False, True])
def test_write_refuses_a_link_at_the_destination(tmp_path, dangling):
    other = tmp_path / 'other.key'
    if not dangling:
        _write(other, b'another identity', 0o600)
    link = tmp_path / 'kafka.key'
    os.symlink(str(other), str(link))
    with pytest.raises(BadInputError, match='is a symbolic link'):
        files.write_atomic(str(link), b'x', mode='0600')
    assert os.path.islink(str(link))
    if not dangling:
        assert open(str(other), 'rb').read() == b'another identity'


def test_chmod_and_chown_refuse_a_link(tmp_path):
    other = tmp_path / 'other.key'
    _write(other, b'secret', 0o600)
    link = tmp_path / 'kafka.key'
    os.symlink(str(other), str(link))
    with pytest.raises(BadInputError, match='is a symbolic link'):
        files.ensure_attributes(str(link), '0644', owner='nobody')
    info = os.stat(str(other))
    assert stat.S_IMODE(info.st_mode) == 0o600 and info.st_uid == 0


def test_key_path_that_is_a_link_to_another_key_is_not_adopted(tmp_path):
    other = tmp_path / 'admin.key'
    ensure_key_and_csr(str(other), 'ec', None, 'secp256r1', 'CN=admin', [])
    link = tmp_path / 'kafka1.key'
    os.symlink(str(other), str(link))
    with pytest.raises(BadInputError, match='is a symbolic link'):
        ensure_key_and_csr(str(link), 'ec', None, 'secp256r1', 'CN=kafka1', [], owner='nobody')
    info = os.stat(str(other))
    assert stat.S_IMODE(info.st_mode) == 0o600 and info.st_uid == 0


def test_replaced_key_is_gone_unless_backup_is_asked(tmp_path):
    key = tmp_path / 'kafka1.key'
    ensure_key_and_csr(str(key), 'ec', None, 'secp256r1', 'CN=kafka1', [])
    rotated = ensure_key_and_csr(str(key), 'ec', None, 'secp256r1', 'CN=kafka1', [], regenerate_key=True)
    assert rotated['key_changed'] and rotated['backup_file'] is None
    assert os.listdir(str(tmp_path)) == ['kafka1.key']
    kept = ensure_key_and_csr(str(key), 'ec', None, 'secp256r1', 'CN=kafka1', [], regenerate_key=True,
                              backup=True)
    assert kept['backup_file'] and stat.S_IMODE(os.lstat(kept['backup_file']).st_mode) == 0o600
