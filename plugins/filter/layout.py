# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where each component's TLS files live: written by the pki role, read by every template."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.errors import AnsibleFilterError


def tls_files(components):
    """{component: {dir, key, keystore, truststore, keystore_password_file,
    truststore_password_file}} from common_components (each with its config_dir)."""
    layout = {}
    for name, component in (components or {}).items():
        if not isinstance(component, dict) or not component.get('config_dir'):
            raise AnsibleFilterError('common_components.%s has no config_dir: give each component '
                                     'its config_dir (and user, group, data_dir, log_dir)' % name)
        directory = '%s/ssl' % component['config_dir'].rstrip('/')
        layout[name] = {
            'dir': directory,
            'key': '%s/%s.key' % (directory, name),
            'keystore': '%s/%s.keystore.p12' % (directory, name),
            'truststore': '%s/%s.truststore.p12' % (directory, name),
            'keystore_password_file': '%s/keystore.password' % directory,
            'truststore_password_file': '%s/truststore.password' % directory,
        }
    return layout


class FilterModule(object):

    def filters(self):
        return {'tls_files': tls_files}
