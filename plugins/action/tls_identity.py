# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Request on the host, sign here on the controller, install on the host: two remote runs."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

from ansible.plugins.action import ActionBase

from ansible_collections.kafkasec.platform.plugins.module_utils.certificate_signing import issue
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import KafkasecError
from ansible_collections.kafkasec.platform.plugins.module_utils.tls_identity import (
    REQUEST_OPTIONS,
    trust_list,
)
from ansible_collections.kafkasec.platform.plugins.module_utils.truststore_content import (
    build_truststore_b64,
)

SIGNING_DEFAULTS = {'valid_days': 365, 'renew_before_days': 30,
                    'extended_key_usage': ['serverAuth', 'clientAuth']}


class ActionModule(ActionBase):

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        args = dict(self._task.args)
        missing = [k for k in ('ca_cert_path', 'ca_key_path', 'ca_passphrase') if not args.get(k)]
        if missing:
            result.update(failed=True, msg='%s required: the action signs on the controller with '
                                           'the CA' % ', '.join(missing))
            return result
        if self._task.check_mode and not os.path.exists(args['ca_cert_path']):
            # A bare inventory in check mode: the CA task reported it would create the CA.
            result.update(changed=True, key_changed=True,
                          msg='the CA does not exist yet; the identity would be issued')
            return result
        request_args = dict((k, args[k]) for k in REQUEST_OPTIONS if k in args)
        request_args.update(keystore_path=args.get('keystore_path'),
                            keystore_type=args.get('keystore_type', 'pkcs12'),
                            keystore_password=args.get('keystore_password'),
                            keystore_alias=args.get('alias'))
        if 'mode' in args:
            request_args['mode'] = args['mode']
        request = self._execute_module(module_name='kafkasec.platform.certificate_request',
                                       module_args=request_args, task_vars=task_vars)
        if request.get('failed'):
            result.update(request)
            return result
        try:
            signed = issue(request['csr'], args['ca_cert_path'], args['ca_key_path'],
                           args['ca_passphrase'],
                           int(args.get('valid_days', SIGNING_DEFAULTS['valid_days'])),
                           int(args.get('renew_before_days', SIGNING_DEFAULTS['renew_before_days'])),
                           args.get('extended_key_usage', SIGNING_DEFAULTS['extended_key_usage']),
                           current_certificate=request.get('current_certificate'))
            content = None
            if args.get('truststore_path') and args.get('truststore_password'):
                content = build_truststore_b64(
                    trust_list(args.get('ca_alias', 'caroot'), signed['ca_certificate'],
                               args.get('extra_trusted_certificates')),
                    args.get('truststore_type', 'pkcs12'), args['truststore_password'])
        except KafkasecError as exc:
            result.update(failed=True, msg=str(exc))
            return result
        summary = dict((k, signed[k]) for k in ('certificate', 'serial', 'not_after', 'reasons'))
        summary['key_changed'] = request['key_changed']
        if self._task.check_mode and request['key_changed']:
            result.update(summary, changed=True,
                          msg='key would be created; keystore and truststore would be rebuilt')
            return result
        install_args = dict(args, certificate=signed['certificate'], chain=signed['chain'])
        if content:
            install_args['truststore_content'] = content
        installed = self._execute_module(module_name='kafkasec.platform.tls_identity',
                                         module_args=install_args, task_vars=task_vars)
        result.update(installed)
        if not installed.get('failed'):
            result.update(summary)
            result['changed'] = bool(request.get('changed') or installed.get('changed'))
        return result
