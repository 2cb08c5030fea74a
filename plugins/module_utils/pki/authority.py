# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The CA on the controller: created once, kept unless forced, checked on every run."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib
import os

from ansible_collections.kafkasec.platform.plugins.module_utils import files
from ansible_collections.kafkasec.platform.plugins.module_utils.pki import crypto
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import (
    BadInputError,
    KafkasecError,
)


# The CA key is the platform's master secret: its passphrase is never empty or short (the same
# floor as the roles' preflight for every secret).
MIN_PASSPHRASE_LENGTH = 12

# Decrypting the CA key costs more than signing; one process (a worker running a loop of
# identities) reuses it while both files stay as they were.
_LOADED = {}


def _cache_key(cert_path, key_path, passphrase):
    stats = []
    for path in (cert_path, key_path):
        try:
            st = os.stat(path)
        except OSError:
            return None
        stats.append((os.path.realpath(path), st.st_mtime_ns, st.st_size, st.st_ino))
    return tuple(stats) + (hashlib.sha256((passphrase or '').encode('utf-8')).hexdigest(),)


def check_passphrase(passphrase, option='passphrase'):
    if not passphrase or len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise BadInputError('%s is %s: the CA key is kept encrypted with a passphrase of at least '
                            '%d characters; set one from Ansible Vault'
                            % (option, 'empty' if not passphrase else 'shorter than %d characters'
                               % MIN_PASSPHRASE_LENGTH, MIN_PASSPHRASE_LENGTH))


def load_ca(cert_path, key_path, passphrase):
    """The CA certificate and key from disk, checked to belong together."""
    if not passphrase:
        raise BadInputError('ca_passphrase is empty: the CA key is encrypted; give its passphrase')
    cache_key = _cache_key(cert_path, key_path, passphrase)
    if cache_key is not None and cache_key in _LOADED:
        return _LOADED[cache_key]
    loaded = _load_ca(cert_path, key_path, passphrase)
    if cache_key is not None:
        _LOADED.clear()
        _LOADED[cache_key] = loaded
    return loaded


def _load_ca(cert_path, key_path, passphrase):
    cert_data = files.read_bytes(cert_path)
    key_data = files.read_bytes(key_path)
    if cert_data is None or key_data is None:
        missing = cert_path if cert_data is None else key_path
        raise BadInputError('%s does not exist: create the CA first with '
                            'kafkasec.platform.certificate_authority' % missing)
    cert = crypto.load_certificate(cert_data, cert_path)
    key = crypto.load_private_key(key_data, passphrase, key_path)
    crypto.check_ca_pair(cert, key, cert_path, key_path)
    return cert, key


def ensure_ca(cert_path, key_path, passphrase, subject, key_type, key_size, curve, valid_days,
              force=False, backup=False, check_mode=False):
    check_passphrase(passphrase)
    name = crypto.parse_subject(subject)
    crypto.check_key_spec(key_type, key_size, curve)
    if valid_days < 1:
        raise BadInputError('valid_days must be at least 1')
    exists = files.read_bytes(cert_path) is not None or files.read_bytes(key_path) is not None
    result = {'changed': False, 'warnings': []}
    if exists and not force:
        cert, _key = load_ca(cert_path, key_path, passphrase)
        if cert.subject != name:
            result['warnings'].append(
                'the CA at %s has subject %s, not the requested %s; it is kept (set force to '
                'replace the CA, which invalidates every certificate it issued)'
                % (cert_path, cert.subject.rfc4514_string(), name.rfc4514_string()))
        before = after = _summary(cert)
    else:
        for path in (cert_path, key_path):
            files.check_writable(path, check_mode)
        before = _previous(cert_path, key_path, passphrase) if exists else {}
        key = crypto.generate_private_key(key_type, key_size, curve)
        cert = crypto.build_ca_certificate(key, name, valid_days)
        result['changed'] = True
        after = _summary(cert)
        if not check_mode:
            files.write_atomic(key_path, crypto.private_key_pem(key, passphrase), mode='0600',
                               backup=backup)
            files.write_atomic(cert_path, crypto.cert_pem(cert).encode('ascii'), mode='0644',
                               backup=backup)
    result.update({
        'certificate': crypto.cert_pem(cert),
        'fingerprint_sha256': crypto.cert_fingerprint(cert),
        'not_after': crypto.iso(crypto.not_after(cert)),
        'subject': cert.subject.rfc4514_string(),
        'diff': {'before': before, 'after': after},
    })
    return result


def _previous(cert_path, key_path, passphrase):
    try:
        return _summary(load_ca(cert_path, key_path, passphrase)[0])
    except KafkasecError:  # a forced replacement of a broken CA
        return {'state': 'unreadable'}


def _summary(cert):
    return {'subject': cert.subject.rfc4514_string(), 'sha256': crypto.cert_fingerprint(cert),
            'not_after': crypto.iso(crypto.not_after(cert))}
