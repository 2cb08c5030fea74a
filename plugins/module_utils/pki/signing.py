# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Controller side of issuing: sign a host's CSR with the CA, or keep the certificate in use."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.kafkasec.platform.plugins.module_utils.pki import crypto
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.authority import load_ca
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import BadInputError


def issue(csr_pem, ca_cert_path, ca_key_path, ca_passphrase, valid_days, renew_before_days,
          extended_key_usage, subject, subject_alt_names, current_certificate=None, now=None,
          requester='the host', allow_wildcard_names=False, force=False,
          allow_name_changes=True):
    """Decide and, when needed, sign what the controller declared (subject, SANs, usage), for a
    CSR that asks for exactly that. Signing writes nothing, so check mode runs it too.

    force re-signs a certificate that still serves (a rotation). allow_name_changes=False refuses
    a new certificate whose subject or SANs differ from the current one: a broker refuses such a
    keystore at reload (KIP-978), so the refusal comes here, before any store is written."""
    now = now or crypto.utcnow()
    name = crypto.parse_subject(subject)
    general_names = crypto.parse_sans(subject_alt_names, allow_wildcards=allow_wildcard_names)
    if valid_days < 1:
        raise BadInputError('valid_days must be at least 1')
    if renew_before_days < 0 or renew_before_days >= valid_days:
        raise BadInputError('renew_before_days=%d must be between 0 and valid_days-1 (%d), or '
                            'every run would re-sign' % (renew_before_days, valid_days - 1))
    csr = crypto.load_csr(csr_pem)
    crypto.check_request(csr, name, general_names, requester)
    eku = crypto.eku_oids(extended_key_usage)
    ca_cert, ca_key = load_ca(ca_cert_path, ca_key_path, ca_passphrase)
    current = None
    if current_certificate:
        current = crypto.load_certificates(current_certificate, 'current_certificate')[0]
    reasons = crypto.signing_reasons(csr, ca_cert, current, renew_before_days, eku, now)
    if current is not None and not allow_name_changes:
        _refuse_name_changes(current, name, general_names, requester)
    if force and current is not None and not reasons:
        reasons = ['renewal forced (rotation asked by the inventory)']
    cert = current
    if reasons:
        cert = crypto.sign_csr(csr, ca_cert, ca_key, valid_days, eku, now, name, general_names)
    before = crypto.describe_certificate(current, now) if current is not None else {}
    after = crypto.describe_certificate(cert, now)
    return {
        'changed': bool(reasons),
        'reasons': reasons,
        'certificate': crypto.cert_pem(cert),
        'chain': [crypto.cert_pem(cert), crypto.cert_pem(ca_cert)],
        'ca_certificate': crypto.cert_pem(ca_cert),
        'serial': '%X' % cert.serial_number,
        'not_after': crypto.iso(crypto.not_after(cert)),
        'subject': cert.subject.rfc4514_string(),
        'diff': {'before': before, 'after': after},
    }


def _refuse_name_changes(current, name, general_names, requester):
    changes = [('%s %s -> %s' if field == 'subject' else '%s [%s] -> [%s]') % (field, old, new)
               for field, old, new in crypto.name_changes(current.subject, crypto.sans_of(current),
                                                          name, general_names)]
    if changes:
        raise BadInputError(
            'the new certificate of %s would change its names (%s): a running broker refuses a '
            'keystore whose names changed (ssl.allow.dn.changes / ssl.allow.san.changes), so '
            'nothing was signed or written. Keep the names, or set pki_allow_name_changes: true '
            'and kafka_broker_ssl_allow_name_changes: true for this host'
            % (requester, '; '.join(changes)))
