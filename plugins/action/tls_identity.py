# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Request on the host, sign here on the controller, install on the host: two remote runs.

What the host sends back is untrusted: the CSR is signed only if it asks for exactly the
declared subject and SANs. What goes to the host is only what its module uses: the CA's path
and passphrase stay here.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.plugins.action import ActionBase

from ansible_collections.kafkasec.platform.plugins.module_utils.pki.signing import issue
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import KafkasecError
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.identity import (
    IDENTITY_REQUIRED_BY,
    identity_argument_spec,
    install_arguments,
    request_arguments,
    trust_list,
)
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.truststore_content import (
    build_truststore_b64,
)

# The task is checked here against the module's own spec, with the CA options required.
VALIDATOR = ArgumentSpecValidator(identity_argument_spec(controller=True),
                                  required_by=IDENTITY_REQUIRED_BY)


class ActionModule(ActionBase):

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        checked = VALIDATOR.validate(dict(self._task.args))
        if checked.error_messages:
            result.update(failed=True, msg='; '.join(checked.error_messages))
            return result
        args = dict((k, v) for k, v in checked.validated_parameters.items() if v is not None)
        if self._task.check_mode and not os.path.exists(args['ca_cert_path']):
            # A bare inventory in check mode: the CA task reported it would create the CA.
            result.update(changed=True, key_changed=True,
                          msg='the CA does not exist yet; the identity would be issued')
            return result
        request = self._execute_module(module_name='kafkasec.platform.certificate_request',
                                       module_args=request_arguments(args), task_vars=task_vars)
        if request.get('failed'):
            result.update(request)
            return result
        try:
            signed = issue(request.get('csr'), args['ca_cert_path'], args['ca_key_path'],
                           args['ca_passphrase'], args['valid_days'], args['renew_before_days'],
                           args['extended_key_usage'], args['subject'], args['subject_alt_names'],
                           current_certificate=request.get('current_certificate'),
                           requester=task_vars.get('inventory_hostname', 'the host'),
                           allow_wildcard_names=args['allow_wildcard_names'],
                           force=args['force_renew'],
                           allow_name_changes=args['allow_name_changes'])
            content = None
            if args.get('truststore_path'):
                content = build_truststore_b64(
                    trust_list(args['ca_alias'], signed['ca_certificate'],
                               args['extra_trusted_certificates']),
                    args['truststore_type'], args['truststore_password'])
        except KafkasecError as exc:
            result.update(failed=True, msg=str(exc))
            return result
        summary = dict((k, signed[k]) for k in ('certificate', 'serial', 'not_after', 'reasons'))
        summary.update(key_changed=request['key_changed'],
                       key_backup_file=request.get('backup_file'))
        if self._task.check_mode and request['key_changed']:
            result.update(summary, changed=True,
                          msg='key would be created; keystore and truststore would be rebuilt')
            return result
        installed = self._execute_module(module_name='kafkasec.platform.tls_identity',
                                         module_args=install_arguments(args, signed, content),
                                         task_vars=task_vars)
        result.update(installed)
        if not installed.get('failed'):
            result.update(summary)
            result['changed'] = bool(request.get('changed') or installed.get('changed'))
        return result
