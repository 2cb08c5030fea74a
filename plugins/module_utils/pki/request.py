# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Host side of issuing: keep or create the host's private key, and make its CSR."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

from ansible_collections.kafkasec.platform.plugins.module_utils import files
from ansible_collections.kafkasec.platform.plugins.module_utils.pki import crypto


def ensure_key_and_csr(key_path, key_type, key_size, curve, subject, subject_alt_names,
                       owner=None, group=None, mode='0600', regenerate_key=False, backup=False,
                       check_mode=False):
    """Returns the CSR for the key at key_path, creating or replacing the key when needed.

    In check mode a replacement key is generated in memory only, so the CSR (and what the
    controller would sign) reflects the key the real run would create. A replaced key is kept
    only with backup (off by default: a key that was rotated away should be gone).
    """
    name = crypto.parse_subject(subject)
    sans = crypto.parse_sans(subject_alt_names, allow_wildcards=True)
    crypto.check_key_spec(key_type, key_size, curve)
    data = files.read_bytes(key_path, follow_symlinks=False)  # a link here is refused
    reason = None
    kept = None
    if data is None:
        reason = 'no key at %s' % key_path
    elif regenerate_key:
        reason = 'regenerate_key requested'
    else:
        key = crypto.load_private_key(data, None, key_path)
        if not crypto.key_matches_spec(key, key_type, key_size, curve):
            reason = 'existing key is %s, wanted %s' % (
                crypto.key_description(key), 'rsa %d' % key_size if key_type == 'rsa' else 'ec %s' % curve)
    if reason:
        files.check_writable(key_path, check_mode)
        if not check_mode:
            files.resolve_ids(owner, group)
        key = crypto.generate_private_key(key_type, key_size, curve)
        if not check_mode:
            kept = files.write_atomic(key_path, crypto.private_key_pem(key), mode=mode, owner=owner,
                                      group=group, backup=backup)
    attributes_changed = False
    if not reason:
        attributes_changed = files.ensure_attributes(key_path, mode, owner, group, check_mode)
    csr = crypto.build_csr(key, name, sans)
    return {
        'changed': bool(reason) or attributes_changed,
        'key_changed': bool(reason),
        'key_change_reason': reason,
        'csr': crypto.csr_pem(csr),
        'public_key_sha256': crypto.public_key_fingerprint(key.public_key()),
        'key_path': os.path.abspath(key_path),
        'backup_file': kept,
    }
