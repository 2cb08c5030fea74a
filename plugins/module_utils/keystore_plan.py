# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Decide and apply a keystore or truststore: content decides, never file existence or bytes."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64

from ansible_collections.kafkasec.platform.plugins.module_utils import files, keystores, pki
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
    key = pki.load_private_key(data, None, private_key_path)
    certs = pki.load_certificates(certificate, 'certificate')
    for index, pem in enumerate(chain or []):
        certs.extend(pki.load_certificates(pem, 'chain[%d]' % index))
    leaf, rest = certs[0], []
    for cert in certs[1:]:
        if cert != leaf and cert not in rest:
            rest.append(cert)
    return [keystores.identity_entry(alias, key, leaf, rest)]


def trusted_entries(trusted_certificates):
    items = []
    for index, item in enumerate(trusted_certificates):
        if not item.get('alias') or not item.get('certificate'):
            raise BadInputError('trusted_certificates[%d] needs both alias and certificate' % index)
        cert = pki.load_certificate(item['certificate'], 'trusted_certificates[%d].certificate' % index)
        items.append((item['alias'], cert))
    return keystores.trusted_entries(items)


def current_entries(path, store_type, password, force):
    """(entries or None, unreadable) for the store at path."""
    data = files.read_bytes(path)
    if data is None:
        return None, False
    try:
        return keystores.read_store(data, store_type, password, path), False
    except StoreAccessError:
        if not force:
            raise
        return None, True


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
                       else keystores.diff_text(current or []),
                       'after': keystores.diff_text(desired)}}
    if current is not None and keystores.same_entries(current, desired):
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
        built = keystores.read_store(blob, store_type, password, 'the store built on the controller')
        if not keystores.same_entries(built, desired):
            raise KafkasecError('the store built on the controller for %s does not hold the '
                                'requested entries; this is a bug, please report it' % path)
    else:
        blob = keystores.build_store(desired, store_type, password)
    result['backup_file'] = files.write_atomic(path, blob, mode=mode, owner=owner, group=group,
                                               backup=backup)
    return result


def current_certificate(path, store_type, password, alias, force=False):
    """PEM of the certificate under alias in the store at path; None when there is none yet,
    or, with force, when the store cannot be read (it is about to be replaced)."""
    entries, _unreadable = current_entries(path, store_type, password, force)
    for entry in entries or []:
        if entry.alias == alias.lower() and entry.kind == keystores.PRIVATE_KEY_ENTRY:
            return pki.cert_pem(entry.certificate)
    return None


def store_info(path, store_type, password, export_alias=None, export_path=None, owner=None,
               group=None, mode='0600', check_mode=False):
    data = files.read_bytes(path)
    if data is None and check_mode and export_alias:
        # check mode after a task that only reported it would create the store
        return {'changed': True, 'type': None, 'entries': [], 'export_path': export_path}
    if data is None:
        raise BadInputError('path %s does not exist: check the path or create the store first'
                            % path)
    entries = keystores.read_store(data, store_type, password, path)
    result = {'changed': False, 'type': keystores.detect_type(data),
              'entries': [e.describe() for e in sorted(entries, key=lambda e: e.alias)]}
    if export_alias:
        if not export_path:
            raise BadInputError('export_alias needs export_path: name the PEM file to write')
        entry = next((e for e in entries if e.alias == export_alias.lower()), None)
        if entry is None:
            raise BadInputError('export_alias %r is not in %s (aliases: %s)' % (
                export_alias, path, ', '.join(e.alias for e in entries)))
        wanted = keystores.pem_bundle(entry)
        existing = files.read_bytes(export_path)
        same = False
        if existing is not None:
            try:
                same = keystores.same_entries(
                    keystores.read_store(existing, 'pem', None, export_path),
                    keystores.read_store(wanted, 'pem', None, 'export'))
            except StoreAccessError:
                same = False
        if same:
            result['changed'] = files.ensure_attributes(export_path, mode, owner, group, check_mode)
        else:
            result['changed'] = True
            if not check_mode:
                files.write_atomic(export_path, wanted, mode=mode, owner=owner, group=group)
        result['export_path'] = export_path
    return result


def desired_entries(alias=None, private_key_path=None, certificate=None, chain=None,
                    trusted_certificates=None):
    """Entries for an identity store (alias + key + certificate) or a truststore."""
    if trusted_certificates:
        return trusted_entries(trusted_certificates)
    if not (alias and private_key_path and certificate):
        raise BadInputError('give either trusted_certificates (a truststore) or alias, '
                            'private_key_path and certificate (a keystore)')
    return identity_entries(alias, private_key_path, certificate, chain)
