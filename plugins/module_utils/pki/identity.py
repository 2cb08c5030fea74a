# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One identity in one task: the option names shared by the action plugin and the host module,
and the host-side install of keystore plus truststore."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.kafkasec.platform.plugins.module_utils.pki import crypto, options
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import BadInputError
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.store_apply import (
    desired_entries,
    ensure_store,
)

# What each side needs. The controller-only options (the CA and what to sign) never go to a
# host: a compromised host would learn the CA passphrase from its module arguments.
CONTROLLER_OPTIONS = tuple(options.signing_spec())
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


IDENTITY_REQUIRED_BY = {'truststore_path': 'truststore_password'}


def identity_argument_spec(controller=False):
    """The module's spec; with controller=True, as the action checks a task on the controller:
    the CA options are required there (they never reach the host, whose module leaves them
    optional)."""
    trusted = dict(alias=dict(type='str', required=True),
                   certificate=dict(type='str', required=True))
    return options.merged(
        options.key_spec(), options.names_spec(), options.signing_spec(ca_required=controller),
        options.file_spec(backup=True),
        key_path=dict(type='path', required=True),
        regenerate_key=dict(type='bool', default=False),
        backup_key=dict(type='bool', default=False),
        certificate=dict(type='str'),
        chain=dict(type='list', elements='str', default=[]),
        alias=dict(type='str', required=True),
        keystore_path=dict(type='path', required=True),
        keystore_type=dict(type='str', choices=['pkcs12', 'jks'], default='pkcs12'),
        keystore_password=dict(type='str', required=True, no_log=True),
        truststore_path=dict(type='path'),
        truststore_type=dict(type='str', choices=['pkcs12', 'jks'], default='pkcs12'),
        truststore_password=dict(type='str', no_log=True),
        ca_alias=dict(type='str', default='caroot'),
        extra_trusted_certificates=dict(type='list', elements='dict', default=[], options=trusted),
        truststore_content=dict(type='str', no_log=True),
        mode=dict(type='str', default='0600'),
        truststore_mode=dict(type='str', default='0640'),
        force=dict(type='bool', default=False),
    )


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
    issued = crypto.load_certificates(p['certificate'], 'certificate')[0]
    if issued.subject != crypto.parse_subject(p['subject']):
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
