# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One identity in one task: the option names shared by the action plugin and the host module,
and the host-side install of keystore plus truststore."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.kafkasec.platform.plugins.module_utils import pki
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import BadInputError
from ansible_collections.kafkasec.platform.plugins.module_utils.keystore_plan import (
    desired_entries,
    ensure_store,
)

# What each side needs. The controller-only options (the CA and what to sign) never go to a
# host: a compromised host would learn the CA passphrase from its module arguments.
CONTROLLER_OPTIONS = ('ca_cert_path', 'ca_key_path', 'ca_passphrase', 'valid_days',
                      'renew_before_days', 'extended_key_usage', 'allow_wildcard_names')
# Run 1 on the host (certificate_request): tls_identity option -> certificate_request option.
REQUEST_OPTIONS = {'key_path': 'key_path', 'key_type': 'key_type', 'key_size': 'key_size',
                   'curve': 'curve', 'subject': 'subject', 'subject_alt_names': 'subject_alt_names',
                   'owner': 'owner', 'group': 'group', 'mode': 'mode',
                   'regenerate_key': 'regenerate_key', 'backup_key': 'backup',
                   'keystore_path': 'keystore_path', 'keystore_type': 'keystore_type',
                   'keystore_password': 'keystore_password', 'alias': 'keystore_alias',
                   'force': 'force'}
# Run 2 on the host (tls_identity), besides certificate, chain and truststore_content.
INSTALL_OPTIONS = ('key_path', 'subject', 'alias', 'keystore_path', 'keystore_type',
                   'keystore_password', 'truststore_path', 'truststore_type', 'truststore_password',
                   'ca_alias', 'extra_trusted_certificates', 'owner', 'group', 'mode',
                   'truststore_mode', 'backup', 'force')


def request_arguments(args):
    return dict((REQUEST_OPTIONS[k], v) for k, v in args.items() if k in REQUEST_OPTIONS)


def install_arguments(args, signed, truststore_content=None):
    install = dict((k, v) for k, v in args.items() if k in INSTALL_OPTIONS)
    install.update(certificate=signed['certificate'], chain=signed['chain'])
    if truststore_content:
        install['truststore_content'] = truststore_content
    return install


def trust_list(ca_alias, ca_certificate, extra):
    return [{'alias': ca_alias, 'certificate': ca_certificate}] + list(extra or [])


def install(p, check_mode):
    """Keystore with the identity, then the truststore if asked; returns a merged result."""
    issued = pki.load_certificates(p['certificate'], 'certificate')[0]
    if issued.subject != pki.parse_subject(p['subject']):
        raise BadInputError('the certificate sent for %s is for %s, not the declared subject %s: '
                            'nothing was installed' % (p['keystore_path'],
                                                       issued.subject.rfc4514_string(),
                                                       p['subject']))
    keystore = ensure_store(
        p['keystore_path'], p['keystore_type'], p['keystore_password'],
        desired_entries(p['alias'], p['key_path'], p['certificate'], p['chain']),
        owner=p['owner'], group=p['group'], mode=p['mode'], backup=p['backup'],
        force=p['force'], check_mode=check_mode)
    result = {'changed': keystore['changed'], 'keystore': keystore,
              'diff': [dict(keystore['diff'], before_header=p['keystore_path'],
                            after_header=p['keystore_path'])]}
    if p['truststore_path']:
        trusted = trust_list(p['ca_alias'], p['chain'][-1] if p['chain'] else p['certificate'],
                             p['extra_trusted_certificates'])
        truststore = ensure_store(
            p['truststore_path'], p['truststore_type'], p['truststore_password'],
            desired_entries(trusted_certificates=trusted), owner=p['owner'], group=p['group'],
            mode=p['truststore_mode'], backup=p['backup'], force=p['force'],
            check_mode=check_mode, prebuilt=p['truststore_content'])
        result['changed'] = result['changed'] or truststore['changed']
        result['truststore'] = truststore
        result['diff'].append(dict(truststore['diff'], before_header=p['truststore_path'],
                                   after_header=p['truststore_path']))
    return result
