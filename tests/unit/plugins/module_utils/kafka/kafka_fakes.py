"""A stand-in for the brokers at the network edge: an AdminClient answering from memory with the
brokers' own matching rules for ACL filters, so the planning code runs unchanged above it."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

from concurrent.futures import Future
from types import SimpleNamespace

from confluent_kafka import KafkaError, KafkaException
from confluent_kafka.admin import AclOperation, AclPermissionType, ResourcePatternType, ResourceType

from ansible_collections.kafkasec.platform.plugins.module_utils.kafka import client as kafka_client


def done(value):
    future = Future()
    future.set_result(value)
    return future


def matches(acl_filter, acl):
    """Kafka's AclBindingFilter.matches for the pattern types these tests use."""
    if acl_filter.restype not in (ResourceType.ANY, acl.restype):
        return False
    if acl_filter.resource_pattern_type in (ResourcePatternType.LITERAL, ResourcePatternType.PREFIXED):
        if acl_filter.resource_pattern_type != acl.resource_pattern_type or \
                (acl_filter.name is not None and acl_filter.name != acl.name):
            return False
    elif acl_filter.resource_pattern_type == ResourcePatternType.MATCH:
        if not (acl.name == acl_filter.name or acl.name == '*' or
                (acl.resource_pattern_type == ResourcePatternType.PREFIXED and
                 acl_filter.name.startswith(acl.name))):
            return False
    for field, anything in (('principal', None), ('host', None),
                            ('operation', AclOperation.ANY),
                            ('permission_type', AclPermissionType.ANY)):
        wanted = getattr(acl_filter, field)
        if wanted not in (None, anything) and wanted != getattr(acl, field):
            return False
    return True


class FakeAdminClient:
    def __init__(self, acls=()):
        self.acls = list(acls)
        self.calls = []

    def describe_acls(self, acl_filter):
        self.calls.append(('describe', acl_filter))
        return done([a for a in self.acls if matches(acl_filter, a)])

    def create_acls(self, bindings):
        self.calls.append(('create', bindings))
        self.acls.extend(b for b in bindings if b not in self.acls)
        return dict((b, done(None)) for b in bindings)

    def delete_acls(self, filters):
        self.calls.append(('delete', filters))
        result = {}
        for acl_filter in filters:
            gone = [a for a in self.acls if matches(acl_filter, a)]
            self.acls = [a for a in self.acls if a not in gone]
            result[acl_filter] = done(gone)
        return result


def fake_admin(client, **params):
    admin = kafka_client.KafkaAdmin.__new__(kafka_client.KafkaAdmin)
    admin.params = dict(bootstrap_servers=['kafka1:9093'], request_timeout=5, **params)
    admin.errors = []
    admin.admin = client
    return admin


class FakeTopicAdminClient:
    """Topics in memory: metadata, configs and the calls that change them."""

    def __init__(self, topics=None):
        self.topics = dict(topics or {})  # name -> {partitions, replication_factor, configs}
        self.calls = []

    def list_topics(self, timeout=None):
        def partition(i, rf):
            return SimpleNamespace(id=i, replicas=list(range(rf)), isrs=list(range(rf)))
        return SimpleNamespace(topics=dict(
            (name, SimpleNamespace(topic=name, error=None, partitions=dict(
                (i, partition(i, t['replication_factor'])) for i in range(t['partitions']))))
            for name, t in self.topics.items()))

    def describe_configs(self, resources):
        return dict((r, done(dict((k, SimpleNamespace(value=v))
                                  for k, v in self.topics[r.name]['configs'].items())))
                    for r in resources)

    def create_topics(self, new_topics):
        self.calls.append(('create_topics', new_topics))
        for t in new_topics:
            self.topics[t.topic] = {'partitions': t.num_partitions if t.num_partitions > 0 else 1,
                                    'replication_factor': t.replication_factor if t.replication_factor > 0 else 3,
                                    'configs': dict(t.config)}
        return dict((t.topic, done(None)) for t in new_topics)

    def create_partitions(self, new_partitions):
        self.calls.append(('create_partitions', new_partitions))
        for p in new_partitions:
            self.topics[p.topic]['partitions'] = p.new_total_count
        return dict((p.topic, done(None)) for p in new_partitions)

    def incremental_alter_configs(self, resources):
        self.calls.append(('incremental_alter_configs', resources))
        for r in resources:
            for entry in r.incremental_configs:
                self.topics[r.name]['configs'][entry.name] = entry.value
        return dict((r, done(r)) for r in resources)

    def delete_topics(self, names):
        self.calls.append(('delete_topics', names))
        for name in names:
            del self.topics[name]
        return dict((name, done(None)) for name in names)


class FakeBrokerConfigAdminClient:
    """One broker's configs in memory; sensitive ones read back as None, as Kafka answers.
    `refuse` makes the broker reject an alter with that message (e.g. a keystore it cannot load)."""

    def __init__(self, configs=None, sensitive=(), refuse=None):
        self.configs = dict(configs or {})
        self.sensitive = set(sensitive)
        self.refuse = refuse
        self.calls = []

    def describe_configs(self, resources):
        return dict((r, done(dict((k, SimpleNamespace(value=None if k in self.sensitive else v))
                                  for k, v in self.configs.items())))
                    for r in resources)

    def incremental_alter_configs(self, resources):
        self.calls.append(('incremental_alter_configs', resources))
        result = {}
        for r in resources:
            if self.refuse:
                future = Future()
                future.set_exception(KafkaException(KafkaError(KafkaError.INVALID_CONFIG, self.refuse)))
                result[r] = future
                continue
            for entry in r.incremental_configs:
                self.configs[entry.name] = entry.value
            result[r] = done(r)
        return result
