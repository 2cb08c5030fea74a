"""The tls_identity action against stand-in hosts: a host gets only the options its modules use
(never the CA's path or passphrase), and a host that answers with a request for another identity
gets nothing signed. The host side is the real module code, run in this process."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
from unittest import mock

import pytest

from ansible.module_utils import basic

from ansible_collections.kafkasec.platform.plugins.action.keystore import ActionModule as KeystoreAction
from ansible_collections.kafkasec.platform.plugins.action.tls_identity import ActionModule
from ansible_collections.kafkasec.platform.plugins.module_utils.pki import crypto
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.identity import CONTROLLER_OPTIONS
from ansible_collections.kafkasec.platform.plugins.modules import certificate_request
from ansible_collections.kafkasec.platform.plugins.modules import keystore as keystore_module
from ansible_collections.kafkasec.platform.plugins.modules import tls_identity as tls_identity_module

from ansible_collections.kafkasec.platform.tests.unit.plugins.module_utils.pki.pki_fixtures import CA_PASS, STORE_PASS, make_ca

MODULES = {'kafkasec.platform.certificate_request': certificate_request,
           'kafkasec.platform.tls_identity': tls_identity_module,
           'kafkasec.platform.keystore': keystore_module}


class _Exit(Exception):
    pass


def run_module(module, args):
    """The module's main() with args as Ansible would pass them; its result plus the values it
    marked no_log."""
    def leave(self, **result):
        result['_no_log_values'] = set(self.no_log_values)
        raise _Exit(result)

    def fail(self, msg, **result):
        leave(self, failed=True, msg=msg, **result)

    encoded = json.dumps({'ANSIBLE_MODULE_ARGS': args}).encode()
    with mock.patch.object(basic, '_ANSIBLE_ARGS', encoded), \
            mock.patch.object(basic.AnsibleModule, 'exit_json', leave), \
            mock.patch.object(basic.AnsibleModule, 'fail_json', fail):
        if hasattr(basic, '_ANSIBLE_PROFILE'):
            with mock.patch.object(basic, '_ANSIBLE_PROFILE', 'legacy'):
                return _main(module)
        return _main(module)


def _main(module):
    try:
        module.main()
    except _Exit as done:
        return done.args[0]
    raise AssertionError('the module returned without exit_json or fail_json')


class Host:
    """Records what reaches the host; `tamper` rewrites a module's answer (a compromised host)."""

    def __init__(self, tamper=None):
        self.calls = []
        self.tamper = tamper

    def execute(self, module_name, module_args, task_vars=None, **_kwargs):
        self.calls.append((module_name, json.loads(json.dumps(module_args))))
        result = run_module(MODULES[module_name], dict(module_args))
        if self.tamper:
            result = self.tamper(module_name, result)
        return result


def make_action(action_class, args, host, check_mode=False):
    task = mock.MagicMock()
    task.args = args
    task.async_val = 0
    task.check_mode = check_mode
    connection = mock.MagicMock()
    connection._shell.tmpdir = None
    action = action_class(task, connection, mock.MagicMock(), mock.MagicMock(), mock.MagicMock(), None)
    action._execute_module = host.execute
    return action


@pytest.fixture
def identity_args(tmp_path):
    ca = make_ca(str(tmp_path))
    return {
        'key_path': str(tmp_path / 'kafka1.key'),
        'subject': 'CN=kafka1.fleet.test,OU=BDP,O=Company,C=US',
        'subject_alt_names': ['DNS:kafka1.fleet.test', 'IP:10.231.1.21'],
        'key_type': 'ec', 'curve': 'secp256r1',
        'ca_cert_path': ca[0], 'ca_key_path': ca[1], 'ca_passphrase': CA_PASS,
        'valid_days': 30, 'renew_before_days': 5,
        'alias': 'kafka1.fleet.test',
        'keystore_path': str(tmp_path / 'kafka1.keystore.p12'), 'keystore_password': STORE_PASS,
        'truststore_path': str(tmp_path / 'kafka1.truststore.p12'),
        'truststore_password': STORE_PASS + '-trust',
    }


def _everything_sent(host):
    return json.dumps([args for _name, args in host.calls])


def test_no_controller_option_or_secret_reaches_the_host(identity_args):
    host = Host()
    result = make_action(ActionModule, identity_args, host).run(task_vars={'inventory_hostname': 'kafka1'})
    assert not result.get('failed'), result
    assert [name for name, _args in host.calls] == ['kafkasec.platform.certificate_request',
                                                    'kafkasec.platform.tls_identity']
    for _name, args in host.calls:
        assert not set(args) & set(CONTROLLER_OPTIONS), sorted(set(args) & set(CONTROLLER_OPTIONS))
    sent = _everything_sent(host)
    assert CA_PASS not in sent and identity_args['ca_key_path'] not in sent
    assert identity_args['ca_cert_path'] not in sent


def test_second_run_changes_nothing_and_sends_no_secret_either(identity_args):
    make_action(ActionModule, identity_args, Host()).run(task_vars={})
    host = Host()
    again = make_action(ActionModule, identity_args, host).run(task_vars={})
    assert again['changed'] is False and again['reasons'] == []
    assert CA_PASS not in _everything_sent(host)


def test_truststore_content_is_no_log_on_the_host(identity_args):
    host = Host()
    make_action(ActionModule, identity_args, host).run(task_vars={})
    install = host.calls[-1][1]
    assert install['truststore_content']
    outcome = run_module(tls_identity_module, install)
    assert install['truststore_content'] in outcome['_no_log_values']


def _forge(subject, sans):
    """A compromised host: its certificate_request answers with a CSR of its own choosing."""
    def tamper(module_name, result):
        if module_name != 'kafkasec.platform.certificate_request':
            return result
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import ec
        key = ec.generate_private_key(ec.SECP256R1())
        csr = (x509.CertificateSigningRequestBuilder()
               .subject_name(crypto.parse_subject(subject))
               .add_extension(x509.SubjectAlternativeName(crypto.parse_sans(sans)), critical=False)
               .sign(key, hashes.SHA256()))
        return dict(result, csr=crypto.csr_pem(csr))
    return tamper


@pytest.mark.parametrize('subject,sans', [
    ('CN=admin,OU=BDP,O=Company,C=US', ['DNS:kafka1.fleet.test', 'IP:10.231.1.21']),
    ('CN=kafka1.fleet.test,OU=BDP,O=Company,C=US', ['DNS:kafka2.fleet.test', 'IP:10.231.1.21']),
])
def test_request_for_another_identity_gets_nothing_signed(identity_args, subject, sans):
    host = Host(tamper=_forge(subject, sans))
    result = make_action(ActionModule, identity_args, host).run(task_vars={'inventory_hostname': 'kafka1.fleet.test'})
    assert result['failed'] and 'does not match what the inventory declares' in result['msg']
    assert 'kafka1.fleet.test' in result['msg'] and 'nothing was signed' in result['msg']
    assert [name for name, _args in host.calls] == ['kafkasec.platform.certificate_request']
    assert 'certificate' not in result
    assert not os.path.exists(identity_args['keystore_path'])


def test_force_replaces_a_corrupt_keystore(identity_args):
    make_action(ActionModule, identity_args, Host()).run(task_vars={})
    with open(identity_args['keystore_path'], 'wb') as handle:
        handle.write(b'\x30\x03\x02\x01\x03')  # a PFX header and nothing else
    refused = make_action(ActionModule, identity_args, Host()).run(task_vars={})
    assert refused['failed'] and 'set force' in refused['msg']
    recovered = make_action(ActionModule, dict(identity_args, force=True), Host()).run(task_vars={})
    assert not recovered.get('failed'), recovered
    assert recovered['changed'] and recovered['keystore']['backup_file']
    with open(recovered['keystore']['backup_file'], 'rb') as handle:
        assert handle.read() == b'\x30\x03\x02\x01\x03'
    assert not make_action(ActionModule, identity_args, Host()).run(task_vars={})['changed']


def test_keystore_action_sends_the_built_truststore_as_no_log(tmp_path):
    ca = make_ca(str(tmp_path))
    with open(ca[0]) as handle:
        ca_pem = handle.read()
    host = Host()
    args = {'path': str(tmp_path / 'trust.p12'), 'password': STORE_PASS,
            'trusted_certificates': [{'alias': 'caroot', 'certificate': ca_pem}]}
    result = make_action(KeystoreAction, args, host).run(task_vars={})
    assert result['changed'] and not result.get('failed')
    sent = host.calls[0][1]
    assert sent['content'] and set(sent) == set(args) | {'content'}
    assert sent['content'] in run_module(keystore_module, sent)['_no_log_values']


@pytest.mark.parametrize('drop', ['ca_passphrase', 'ca_key_path', 'subject'])
def test_task_is_checked_on_the_controller_before_any_host_run(identity_args, drop):
    host = Host()
    args = dict(identity_args)
    args.pop(drop)
    result = make_action(ActionModule, args, host).run(task_vars={})
    assert result['failed'] and drop in result['msg'] and host.calls == []


def test_unknown_option_is_refused_on_the_controller(identity_args):
    host = Host()
    result = make_action(ActionModule, dict(identity_args, vaild_days=3), host).run(task_vars={})
    assert result['failed'] and 'vaild_days' in result['msg'] and host.calls == []
