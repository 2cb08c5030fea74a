# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Apply a keystore or truststore: content decides, never file existence or bytes."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64

from ansible_collections.kafkasec.platform.plugins.module_utils import files
from ansible_collections.kafkasec.platform.plugins.module_utils.pki import crypto, stores
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.store_info import current_entries
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import (
    BadInputError,
    KafkasecError,
    StoreAccessError,
)


def identity_entries(alias, private_key_path, certificate, chain):
    data = files.read_bytes(private_key_path)
    if data is None:
        raise BadInputError('private_key_path %s does not exist: create the key with '
                            'kafkasec.platform.certificate_request first' % private_key_path)
    key = crypto.load_private_key(data, None, private_key_path)
    certs = crypto.load_certificates(certificate, 'certificate')
    for index, pem in enumerate(chain or []):
        certs.extend(crypto.load_certificates(pem, 'chain[%d]' % index))
    leaf, rest = certs[0], []
    for cert in certs[1:]:
        if cert != leaf and cert not in rest:
            rest.append(cert)
    return [stores.identity_entry(alias, key, leaf, rest)]


def ensure_store(path, store_type, password, desired, owner=None, group=None, mode='0600',
                 backup=True, force=False, check_mode=False, prebuilt=None):
    """Make the store at path hold exactly `desired`.

    prebuilt: base64 store bytes made elsewhere (the controller builds PKCS12 truststores for
    hosts whose cryptography cannot); they are checked against `desired` before being written.
    """
    current, unreadable = current_entries(path, store_type, password, force)
    result = {'changed': False, 'backup_file': None,
              'entries': [e.describe() for e in desired],
              'diff': {'before': '<unreadable store, replaced by force>\n' if unreadable
                       else stores.diff_text(current or []),
                       'after': stores.diff_text(desired)}}
    if current is not None and stores.same_entries(current, desired):
        result['changed'] = files.ensure_attributes(path, mode, owner, group, check_mode)
        return result
    files.check_writable(path, check_mode)
    if not check_mode:
        files.resolve_ids(owner, group)
    result['changed'] = True
    if check_mode:
        return result
    if prebuilt:
        blob = base64.b64decode(prebuilt)
        built = stores.read_store(blob, store_type, password, 'the store built on the controller')
        if not stores.same_entries(built, desired):
            raise KafkasecError('the store built on the controller for %s does not hold the '
                                'requested entries; this is a bug, please report it' % path)
    else:
        blob = stores.build_store(desired, store_type, password)
    result['backup_file'] = files.write_atomic(path, blob, mode=mode, owner=owner, group=group,
                                               backup=backup)
    return result


def desired_entries(alias=None, private_key_path=None, certificate=None, chain=None,
                    trusted_certificates=None):
    """Entries for an identity store (alias + key + certificate) or a truststore."""
    if trusted_certificates:
        return stores.trusted_entries(trusted_certificates)
    if not (alias and private_key_path and certificate):
        raise BadInputError('give either trusted_certificates (a truststore) or alias, '
                            'private_key_path and certificate (a keystore)')
    return identity_entries(alias, private_key_path, certificate, chain)


def export_pem(path, store_type, password, alias, dest, owner=None, group=None, mode='0600',
               check_mode=False):
    """Write the identity under alias as one PEM file (key, certificate, chain) at dest - what the
    source document's convert.sh does for curl. Rewritten only when key or chain differ."""
    data = files.read_bytes(path)
    if data is None:
        if check_mode:  # after a task that only reported it would create the store
            return {'changed': True, 'dest': dest, 'diff': {'before': '', 'after': '<new export>\n'}}
        raise BadInputError('path %s does not exist: check the path or create the store first'
                            % path)
    entries = stores.read_store(data, store_type, password, path)
    entry = next((e for e in entries if e.alias == alias.lower()), None)
    if entry is None:
        raise BadInputError('alias %r is not in %s (aliases: %s)' % (
            alias, path, ', '.join(e.alias for e in entries)))
    wanted = stores.pem_bundle(entry)
    current = None
    existing = files.read_bytes(dest, follow_symlinks=False)
    if existing is not None:
        try:
            current = stores.read_store(existing, 'pem', None, dest)
        except StoreAccessError:
            current = None
    desired = stores.read_store(wanted, 'pem', None, 'export')
    result = {'changed': False, 'dest': dest, 'alias': entry.alias,
              'diff': {'before': stores.diff_text(current or []),
                       'after': stores.diff_text(desired)}}
    if current is not None and stores.same_entries(current, desired):
        result['changed'] = files.ensure_attributes(dest, mode, owner, group, check_mode)
        return result
    result['changed'] = True
    if not check_mode:
        files.write_atomic(dest, wanted, mode=mode, owner=owner, group=group)
    return result
