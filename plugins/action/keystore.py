# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Builds PKCS12 truststores on the controller (newer cryptography), then runs the module.

Every option of this module is the host's own (no controller secret exists here), so the task's
arguments go to the host as given, plus the store built here; unknown ones fail there.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.plugins.action import ActionBase

from ansible_collections.kafkasec.platform.plugins.module_utils.errors import KafkasecError
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.truststore_content import (
    build_truststore_b64,
)


class ActionModule(ActionBase):

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        args = dict(self._task.args)
        if not args.get('content') and args.get('password'):
            try:
                content = build_truststore_b64(args.get('trusted_certificates'),
                                               args.get('type', 'pkcs12'), args.get('password'))
            except KafkasecError as exc:
                result.update(failed=True, msg=str(exc))
                return result
            if content:
                args['content'] = content
        result.update(self._execute_module(module_name='kafkasec.platform.keystore',
                                           module_args=args, task_vars=task_vars))
        return result
