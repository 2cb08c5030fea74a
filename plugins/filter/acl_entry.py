# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One acls_bindings entry from a resource name, so a role can map a list of names to its ACLs."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.errors import AnsibleFilterError


def acl_entry(resource_name, principal, operations, resource_type='topic'):
    if not resource_name or not isinstance(resource_name, str):
        raise AnsibleFilterError('acl_entry needs a resource name, got %r' % (resource_name,))
    if not operations:
        raise AnsibleFilterError('acl_entry for %s %s names no operation' % (resource_type, resource_name))
    return {'principal': principal, 'resource_type': resource_type, 'resource_name': resource_name,
            'operations': list(operations)}


class FilterModule(object):

    def filters(self):
        return {'acl_entry': acl_entry}
