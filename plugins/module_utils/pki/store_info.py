# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Inspect a keystore or truststore: its entries, the certificate in use. Reads only."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.kafkasec.platform.plugins.module_utils import files
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import (
    BadInputError,
    StoreAccessError,
)
from ansible_collections.kafkasec.platform.plugins.module_utils.pki import crypto, stores


def current_entries(path, store_type, password, force):
    """(entries or None, unreadable) for the store at path."""
    data = files.read_bytes(path)
    if data is None:
        return None, False
    try:
        return stores.read_store(data, store_type, password, path), False
    except StoreAccessError:
        if not force:
            raise
        return None, True


def current_certificate(path, store_type, password, alias, force=False):
    """PEM of the certificate under alias in the store at path; None when there is none yet,
    or, with force, when the store cannot be read (it is about to be replaced)."""
    entries, _unreadable = current_entries(path, store_type, password, force)
    for entry in entries or []:
        if entry.alias == alias.lower() and entry.kind == stores.PRIVATE_KEY_ENTRY:
            return crypto.cert_pem(entry.certificate)
    return None


def store_info(path, store_type, password):
    """Entries of the store at path (format detected or as given); key material never leaves."""
    data = files.read_bytes(path)
    if data is None:
        raise BadInputError('path %s does not exist: check the path or create the store first'
                            % path)
    entries = stores.read_store(data, store_type, password, path)
    return {'changed': False, 'type': stores.detect_type(data),
            'entries': [e.describe() for e in sorted(entries, key=lambda e: e.alias)]}
