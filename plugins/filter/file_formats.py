# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters that escape values for the Java files the roles write."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.errors import AnsibleFilterError

from ansible_collections.kafkasec.platform.plugins.module_utils.errors import KafkasecError
from ansible_collections.kafkasec.platform.plugins.module_utils.file_formats import (
    jaas_string,
    java_properties_value,
)


def _jaas_string(value, option='a JAAS value'):
    try:
        return jaas_string(value, option)
    except KafkasecError as exc:
        raise AnsibleFilterError(str(exc))


class FilterModule(object):

    def filters(self):
        return {'java_properties_value': java_properties_value, 'jaas_string': _jaas_string}
