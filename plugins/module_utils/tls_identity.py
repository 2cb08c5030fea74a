# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One identity in one task: the option names shared by the action plugin and the host module,
and the host-side install of keystore plus truststore."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.kafkasec.platform.plugins.module_utils.keystore_plan import (
    desired_entries,
    ensure_store,
)

REQUEST_OPTIONS = ('key_path', 'key_type', 'key_size', 'curve', 'subject', 'subject_alt_names',
                   'owner', 'group', 'backup', 'regenerate_key')


def trust_list(ca_alias, ca_certificate, extra):
    return [{'alias': ca_alias, 'certificate': ca_certificate}] + list(extra or [])


def install(p, check_mode):
    """Keystore with the identity, then the truststore if asked; returns a merged result."""
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
