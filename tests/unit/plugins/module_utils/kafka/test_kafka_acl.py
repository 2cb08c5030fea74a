from __future__ import absolute_import, division, print_function
__metaclass__ = type

import shutil
import socket
import subprocess

import pytest
from confluent_kafka.admin import ResourcePatternType

from ansible_collections.kafkasec.platform.plugins.module_utils.kafka import acl as kafka_acl
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import BadInputError
from ansible_collections.kafkasec.platform.tests.unit.plugins.module_utils.kafka.kafka_fakes import (
    FakeAdminClient, fake_admin)

HOSTS = {'rest1.fleet.test': ['10.231.1.41'], 'dual.fleet.test': ['10.0.0.5', 'fd00::5']}


def resolver(host, port, family, kind):
    if host not in HOSTS:
        raise socket.gaierror(socket.EAI_NONAME, 'Name or service not known')
    return [(None, kind, 6, '', (address, 0)) for address in HOSTS[host]]


def entry(**overrides):
    base = dict(principal='User:secure_user', host='rest1.fleet.test',
                operations=['Read', 'Write', 'Describe'], resource_type='topic',
                resource_name='test_secure_topic', pattern_type='literal', permission='allow')
    base.update(overrides)
    return base


def binding(principal='User:secure_user', host='10.231.1.41', operation='read',
            name='test_secure_topic', pattern='literal', resource='topic'):
    return kafka_acl.Binding(resource, name, pattern, principal, host, operation, 'allow')


def test_entry_expands_per_operation_with_host_resolved_to_its_address():
    bindings = kafka_acl.parse_bindings([entry()], resolver)
    assert {b.operation for b in bindings} == {'read', 'write', 'describe'}
    assert {b.host for b in bindings} == {'10.231.1.41'}


def test_host_with_two_addresses_gets_a_binding_for_each():
    bindings = kafka_acl.parse_bindings([entry(host='dual.fleet.test', operations='Read')], resolver)
    assert [b.host for b in bindings] == ['10.0.0.5', 'fd00:0:0:0:0:0:0:5']


def test_kafka_spellings_are_accepted():
    bindings = kafka_acl.parse_bindings(
        [entry(host='*', operations=['DescribeConfigs', 'IDEMPOTENT_WRITE', 'cluster-action'],
               resource_type='Cluster', resource_name=None, pattern_type='LITERAL')], resolver)
    assert {b.operation for b in bindings} == {'describe_configs', 'idempotent_write', 'cluster_action'}
    assert {b.resource_name for b in bindings} == {'kafka-cluster'}


@pytest.mark.parametrize('overrides, words', [
    (dict(operations=['Read', 'Reed']), ["operation 'Reed' in acls[0]", 'describe_configs']),
    (dict(principal='secure_user'), ["principal 'secure_user' in acls[0]", 'User:<name>']),
    (dict(pattern_type='prefix'), ["pattern_type 'prefix' in acls[0]", 'literal, prefixed']),
    (dict(host='nowhere.fleet.test'), ["host 'nowhere.fleet.test' in acls[0] does not resolve"]),
    (dict(resource_type='topics'), ["resource_type 'topics'"]),
    (dict(permission='permit'), ["permission 'permit'"]),
    (dict(resource_name=''), ['acls[0] has no resource_name']),
    (dict(operations=[]), ['acls[0] has no operations']),
])
def test_bad_entries_name_the_input_and_the_fix(overrides, words):
    with pytest.raises(BadInputError) as caught:
        kafka_acl.parse_bindings([entry(**overrides)], resolver)
    for word in words:
        assert word in str(caught.value)


def test_exclusive_removes_only_undeclared_bindings_on_the_declared_pattern():
    declared = kafka_acl.parse_bindings([entry(), entry(principal='User:*', host='*',
                                                        operations=['Describe'])], resolver)
    stray = binding(principal='User:intruder', operation='write')
    prefixed = binding(principal='User:intruder', name='test_', pattern='prefixed')
    wildcard = binding(principal='User:intruder', name='*', host='*')
    other_topic = binding(principal='User:intruder', name='other_topic')
    keep = binding()
    client = FakeAdminClient([kafka_acl.to_admin(b) for b in (stray, prefixed, wildcard, other_topic, keep)])
    manager = kafka_acl.AclManager(fake_admin(client))

    result = kafka_acl.ensure(manager, declared, [], True, check_mode=False)

    assert [r['principal'] for r in result['removed']] == ['User:intruder']
    assert result['removed'][0]['operation'] == 'write'
    assert len(result['added']) == 3  # write + describe for secure_user, describe for User:*
    left = {kafka_acl.from_admin(a) for a in client.acls}
    assert {prefixed, wildcard, other_topic, keep} <= left and stray not in left
    describes = [call[1] for call in client.calls if call[0] == 'describe']
    assert {d.resource_pattern_type for d in describes} == {ResourcePatternType.LITERAL}
    assert 'User:intruder ALLOW WRITE from 10.231.1.41 on TOPIC:LITERAL:test_secure_topic' in \
        result['diff']['before']


def test_second_run_changes_nothing():
    declared = kafka_acl.parse_bindings([entry()], resolver)
    client = FakeAdminClient()
    manager = kafka_acl.AclManager(fake_admin(client))
    assert kafka_acl.ensure(manager, declared, [], True, False)['changed']
    again = kafka_acl.ensure(manager, declared, [], True, False)
    assert not again['changed'] and again['added'] == [] and again['removed'] == []


def test_check_mode_reports_the_plan_and_writes_nothing():
    declared = kafka_acl.parse_bindings([entry()], resolver)
    stray = binding(principal='User:intruder')
    client = FakeAdminClient([kafka_acl.to_admin(stray)])
    result = kafka_acl.ensure(kafka_acl.AclManager(fake_admin(client)), declared, [], True,
                              check_mode=True)
    assert len(result['added']) == 3 and len(result['removed']) == 1
    assert [c[0] for c in client.calls] == ['describe']
    assert [kafka_acl.from_admin(a) for a in client.acls] == [stray]


def test_without_exclusive_other_bindings_stay():
    declared = kafka_acl.parse_bindings([entry()], resolver)
    stray = binding(principal='User:intruder')
    client = FakeAdminClient([kafka_acl.to_admin(stray)])
    result = kafka_acl.ensure(kafka_acl.AclManager(fake_admin(client)), declared, [], False, False)
    assert result['removed'] == [] and stray in {kafka_acl.from_admin(a) for a in client.acls}


def test_absent_deletes_exactly_the_declared_bindings():
    declared = kafka_acl.parse_bindings([entry(operations=['Read'])], resolver)
    write = binding(operation='write')
    client = FakeAdminClient([kafka_acl.to_admin(b) for b in declared + [write]])
    result = kafka_acl.ensure(kafka_acl.AclManager(fake_admin(client)), [], declared, False, False)
    assert [r['operation'] for r in result['removed']] == ['read']
    assert [kafka_acl.from_admin(a) for a in client.acls] == [write]


# --- IPv6 hosts as the broker compares them, and declared absence ---------------------------

JAVA_FORMS = [
    ('10.0.0.5', '10.0.0.5'),
    ('2001:db8::5', '2001:db8:0:0:0:0:0:5'),
    ('2001:0DB8:0000:0000:0000:0000:0000:0005', '2001:db8:0:0:0:0:0:5'),
    ('FD00::A', 'fd00:0:0:0:0:0:0:a'),
    ('::1', '0:0:0:0:0:0:0:1'),
    ('::', '0:0:0:0:0:0:0:0'),
    ('::ffff:10.0.0.5', '10.0.0.5'),
    ('2001:db8::10.0.0.5', '2001:db8:0:0:0:0:a00:5'),
]


@pytest.mark.parametrize('given,java', JAVA_FORMS)
def test_acl_host_is_written_as_java_prints_the_client_address(given, java):
    assert kafka_acl.java_host_address(given) == java
    assert kafka_acl.parse_bindings([entry(host=given, operations='Read')], resolver)[0].host == java


@pytest.mark.skipif(not shutil.which('java'), reason='needs the JDK as a witness')
def test_java_itself_prints_those_forms(tmp_path):
    source = tmp_path / 'Forms.java'
    source.write_text('public class Forms { public static void main(String[] a) throws Exception {'
                      ' for (String s : a) System.out.println(java.net.InetAddress.getByName(s)'
                      '.getHostAddress()); } }')
    printed = subprocess.run(['java', str(source)] + [g for g, _j in JAVA_FORMS],
                             capture_output=True, text=True, check=True).stdout.split()
    assert printed == [j for _g, j in JAVA_FORMS]


def test_deny_rule_for_an_ipv6_client_is_stored_in_the_form_that_applies():
    deny = kafka_acl.parse_bindings([entry(host='dual.fleet.test', operations='Write',
                                           permission='deny')], resolver)
    assert {b.host for b in deny} == {'10.0.0.5', 'fd00:0:0:0:0:0:0:5'}


def test_entry_state_absent_removes_only_that_entry():
    present, absent = kafka_acl.parse_entries(
        [entry(operations=['Read']), entry(operations=['Write'], state='absent')], 'present', resolver)
    write = binding(operation='write')
    client = FakeAdminClient([kafka_acl.to_admin(write)])
    result = kafka_acl.ensure(kafka_acl.AclManager(fake_admin(client)), present, absent, False, False)
    assert [r['operation'] for r in result['removed']] == ['write']
    assert [r['operation'] for r in result['added']] == ['read']
    assert [kafka_acl.from_admin(a).operation for a in client.acls] == ['read']


def test_entry_both_present_and_absent_is_refused():
    with pytest.raises(BadInputError, match='both present and absent'):
        kafka_acl.parse_entries([entry(operations=['Read']), entry(operations=['Read'], state='absent')],
                                'present', resolver)


def test_owned_resource_without_declared_bindings_is_emptied_by_exclusive():
    owned = kafka_acl.parse_resources([{'resource_type': 'topic', 'resource_name': 'retired_topic'}])
    left_over = binding(name='retired_topic')
    elsewhere = binding(name='other_topic')
    client = FakeAdminClient([kafka_acl.to_admin(b) for b in (left_over, elsewhere)])
    manager = kafka_acl.AclManager(fake_admin(client))
    result = kafka_acl.ensure(manager, [], [], True, False, owned=owned)
    assert [r['resource_name'] for r in result['removed']] == ['retired_topic']
    assert [kafka_acl.from_admin(a) for a in client.acls] == [elsewhere]
    with pytest.raises(BadInputError, match='set exclusive: true'):
        kafka_acl.ensure(manager, [], [], False, False, owned=owned)
