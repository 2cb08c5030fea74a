from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy

import pytest

from ansible_collections.kafkasec.platform.plugins.module_utils.kafka import topic as kafka_topic
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import BadInputError
from ansible_collections.kafkasec.platform.tests.unit.plugins.module_utils.kafka.kafka_fakes import (
    FakeTopicAdminClient, fake_admin)


def manager_for(topic):
    """A TopicManager over brokers that hold `topic` (or no topic) as test_secure_topic."""
    client = FakeTopicAdminClient({'test_secure_topic': copy.deepcopy(topic)} if topic else {})
    return kafka_topic.TopicManager(fake_admin(client)), client


def applied(client):
    return [kind for kind, _arguments in client.calls]


def params(**overrides):
    base = dict(name='test_secure_topic', partitions=3, replication_factor=3,
                configs={'min.insync.replicas': 2, 'cleanup.policy': 'delete'}, state='present')
    base.update(overrides)
    return base


EXISTING = {'partitions': 3, 'replication_factor': 3,
            'configs': {'min.insync.replicas': '2', 'cleanup.policy': 'delete', 'retention.ms': '1'}}


def test_missing_topic_is_created_with_string_configs():
    manager, client = manager_for(None)
    result = kafka_topic.ensure(manager, params(configs={'unclean.leader.election.enable': False}), False)
    assert result['changed'] and result['actions'] == ['create'] and applied(client) == ['create_topics']
    assert client.topics['test_secure_topic']['configs'] == {'unclean.leader.election.enable': 'false'}
    assert client.topics['test_secure_topic']['partitions'] == 3


def test_matching_topic_is_left_alone_and_undeclared_configs_are_ignored():
    manager, client = manager_for(EXISTING)
    result = kafka_topic.ensure(manager, params(), False)
    assert not result['changed'] and applied(client) == []
    assert result['diff']['before'] == result['diff']['after']
    assert 'retention.ms' not in result['diff']['after']['configs']


def test_only_differing_declared_configs_are_altered():
    manager, client = manager_for(EXISTING)
    result = kafka_topic.ensure(manager, params(configs={'min.insync.replicas': 1,
                                                         'cleanup.policy': 'delete'}), False)
    altered = client.calls[0][1][0].incremental_configs
    assert [(e.name, e.value) for e in altered] == [('min.insync.replicas', '1')]
    assert client.topics['test_secure_topic']['configs']['retention.ms'] == '1'
    assert result['diff']['before']['configs']['min.insync.replicas'] == '2'
    assert result['diff']['after']['configs']['min.insync.replicas'] == '1'


def test_partitions_grow():
    manager, client = manager_for(EXISTING)
    result = kafka_topic.ensure(manager, params(partitions=6), False)
    assert applied(client) == ['create_partitions'] and result['topic']['partitions'] == 6
    assert client.topics['test_secure_topic']['partitions'] == 6


def test_partitions_decrease_is_refused_with_the_fix():
    manager, client = manager_for(EXISTING)
    with pytest.raises(BadInputError) as caught:
        kafka_topic.ensure(manager, params(partitions=2), False)
    assert 'has 3 partitions and 2 are declared' in str(caught.value)
    assert 'declare 3 or more' in str(caught.value) and applied(client) == []


def test_replication_factor_change_is_refused():
    manager, client = manager_for(EXISTING)
    with pytest.raises(BadInputError) as caught:
        kafka_topic.ensure(manager, params(replication_factor=2), False)
    assert 'reassignment' in str(caught.value) and applied(client) == []


def test_absent_deletes_an_existing_topic_only():
    manager, client = manager_for(EXISTING)
    assert kafka_topic.ensure(manager, params(state='absent'), False)['actions'] == ['delete']
    assert client.topics == {}
    assert kafka_topic.ensure(manager, params(state='absent'), False)['changed'] is False


def test_check_mode_plans_without_applying():
    manager, client = manager_for(EXISTING)
    result = kafka_topic.ensure(manager, params(partitions=4), True)
    assert result['changed'] and result['actions'] == ['partitions'] and applied(client) == []


@pytest.mark.parametrize('overrides, words', [
    (dict(name='bad name'), "topic name 'bad name' is not valid"),
    (dict(partitions=0), 'partitions of topic test_secure_topic is 0'),
])
def test_bad_declarations(overrides, words):
    manager, client = manager_for(None)
    with pytest.raises(BadInputError) as caught:
        kafka_topic.ensure(manager, params(**overrides), False)
    assert words in str(caught.value) and applied(client) == []
