"""The rest_proxy and kafka_connect roles' templates rendered by Ansible and read back by the JVM
(tests/integration/java/FormatWitness.java): the secure defaults are what the servers read, and the
source document's settings - REST Proxy's principal propagation (Confluent's commercial plugin,
which cannot run here), its non-TLS listener, Connect's PLAINTEXT connectors - appear only when
asked for."""
import test_secret_formats
from test_secret_formats import TRICKY_PROPERTIES, render, witness

# The same needs as the secret-format tests: the JDK and the Kafka distribution.
pytestmark = test_secret_formats.pytestmark

FLEET = {'groups': {'kafka_broker': ['kafka1.fleet.test', 'kafka2.fleet.test'], 'zookeeper': ['zk1.fleet.test'],
                    'schema_registry': ['rest1.fleet.test'], 'rest_proxy': ['rest1.fleet.test'],
                    'kafka_connect': ['connect1.fleet.test']},
         'pki_keystore_password': 'keystore-secret-1', 'pki_truststore_password': 'truststore-secret-1'}


def properties(tmp_path, role, template, keys, **variables):
    path = render(role, template, dict(FLEET, **variables), tmp_path)
    return witness('props', path, *keys)


def test_rest_proxy_secure_defaults(tmp_path):
    read = properties(tmp_path, 'rest_proxy', 'kafka-rest.properties.j2',
                      ['listeners', 'ssl.client.authentication', 'bootstrap.servers', 'client.security.protocol',
                       'client.ssl.keystore.location', 'client.ssl.endpoint.identification.algorithm',
                       'schema.registry.url', 'schema.registry.ssl.keystore.location', 'kafka.rest.resource.extension.class',
                       'confluent.rest.auth.propagate.method'], inventory_hostname='rest1.fleet.test')
    assert read == {
        'listeners': 'https://rest1.fleet.test:8082', 'ssl.client.authentication': 'REQUIRED',
        'bootstrap.servers': 'SSL://kafka1.fleet.test:9093,SSL://kafka2.fleet.test:9093',
        'client.security.protocol': 'SSL', 'client.ssl.keystore.location': '/etc/kafka-rest/ssl/rest_proxy.keystore.p12',
        'client.ssl.endpoint.identification.algorithm': 'https', 'schema.registry.url': 'https://rest1.fleet.test:8081',
        'schema.registry.ssl.keystore.location': '/etc/kafka-rest/ssl/rest_proxy.keystore.p12',
        'kafka.rest.resource.extension.class': None, 'confluent.rest.auth.propagate.method': None}


def test_rest_proxy_principal_propagation_as_the_source_configures_it(tmp_path):
    read = properties(tmp_path, 'rest_proxy', 'kafka-rest.properties.j2',
                      ['kafka.rest.resource.extension.class', 'confluent.rest.auth.propagate.method',
                       'client.ssl.keystore.location', 'client.ssl.keystore.password', 'listeners'],
                      inventory_hostname='rest1.fleet.test', rest_proxy_principal_propagation=True,
                      rest_proxy_propagation_keystore='/etc/kafka-rest/ssl/users.p12',
                      rest_proxy_propagation_keystore_password=TRICKY_PROPERTIES, rest_proxy_plaintext_port=8083)
    assert read == {
        'kafka.rest.resource.extension.class': 'io.confluent.kafkarest.security.KafkaRestSecurityResourceExtension',
        'confluent.rest.auth.propagate.method': 'SSL', 'client.ssl.keystore.location': '/etc/kafka-rest/ssl/users.p12',
        'client.ssl.keystore.password': TRICKY_PROPERTIES,
        'listeners': 'https://rest1.fleet.test:8082,http://rest1.fleet.test:8083'}


def test_rest_proxy_without_schema_registry_turns_schemas_off(tmp_path):
    groups = dict(FLEET['groups'], schema_registry=[])
    read = properties(tmp_path, 'rest_proxy', 'kafka-rest.properties.j2', ['schema.registry.url'],
                      inventory_hostname='rest1.fleet.test', groups=groups)
    assert read == {'schema.registry.url': ''}


def test_connect_secure_defaults_cover_worker_and_connector_clients(tmp_path):
    prefixes = ['', 'producer.', 'consumer.', 'admin.']
    keys = [p + k for p in prefixes for k in ('security.protocol', 'ssl.keystore.location', 'ssl.endpoint.identification.algorithm')]
    read = properties(tmp_path, 'kafka_connect', 'connect-distributed.properties.j2',
                      keys + ['listeners', 'listeners.https.ssl.client.auth', 'config.storage.replication.factor',
                              'rest.advertised.listener'], inventory_hostname='connect1.fleet.test')
    for prefix in prefixes:
        assert read[prefix + 'security.protocol'] == 'SSL'
        assert read[prefix + 'ssl.keystore.location'] == '/etc/kafka-connect/ssl/kafka_connect.keystore.p12'
        assert read[prefix + 'ssl.endpoint.identification.algorithm'] == 'https'
    assert read['listeners'] == 'https://connect1.fleet.test:8083'
    assert read['listeners.https.ssl.client.auth'] == 'required'
    assert read['config.storage.replication.factor'] == '3'
    assert read['rest.advertised.listener'] == 'https'


def test_connect_the_source_plaintext_mode_only_when_asked(tmp_path):
    read = properties(tmp_path, 'kafka_connect', 'connect-distributed.properties.j2',
                      ['bootstrap.servers', 'security.protocol', 'producer.security.protocol', 'consumer.ssl.keystore.location',
                       'listeners.https.ssl.client.auth'],
                      inventory_hostname='connect1.fleet.test', kafka_connect_security_protocol='PLAINTEXT',
                      kafka_connect_bootstrap_servers=['kafka1.fleet.test:9092'])
    assert read == {'bootstrap.servers': 'kafka1.fleet.test:9092', 'security.protocol': 'PLAINTEXT',
                    'producer.security.protocol': 'PLAINTEXT', 'consumer.ssl.keystore.location': None,
                    'listeners.https.ssl.client.auth': 'required'}


def role_value(tmp_path, role, expression, **variables):
    """A role variable as Ansible computes it, through a one-line template of the test's own."""
    import json
    source = tmp_path / 'expression.j2'
    source.write_text('{{ %s | to_json }}' % expression)
    with open(render(role, str(source), dict(FLEET, **variables), tmp_path)) as handle:
        return json.load(handle)


CONNECTORS = [{'name': 'hdfs_sink_test_secure_topic', 'topics': ['test_secure_topic']},
              {'name': 'files_in', 'topics': ['incoming'], 'type': 'source'}]


def test_connect_acls_are_its_group_internal_topics_and_sink_groups(tmp_path):
    acls = role_value(tmp_path, 'kafka_connect', '_kafka_connect_acls', inventory_hostname='connect1.fleet.test',
                      kafka_connect_connectors=CONNECTORS)
    seen = {(a['principal'], a['resource_type'], a['resource_name']): sorted(a['operations']) for a in acls}
    internal = ['Create', 'Describe', 'DescribeConfigs', 'Read', 'Write']
    assert seen == {('User:kafka-connect', 'group', 'connect-cluster'): ['Describe', 'Read'],
                    ('User:kafka-connect', 'topic', 'connect-configs'): internal,
                    ('User:kafka-connect', 'topic', 'connect-offsets'): internal,
                    ('User:kafka-connect', 'topic', 'connect-status'): internal,
                    ('User:kafka-connect', 'group', 'connect-hdfs_sink_test_secure_topic'): ['Read']}


def test_connect_the_source_mode_grants_anonymous(tmp_path):
    acls = role_value(tmp_path, 'kafka_connect', '_kafka_connect_acls', inventory_hostname='connect1.fleet.test',
                      kafka_connect_connectors=CONNECTORS, kafka_connect_security_protocol='PLAINTEXT')
    assert {a['principal'] for a in acls} == {'User:ANONYMOUS'}
    assert ('group', 'connect-hdfs_sink_test_secure_topic') in {(a['resource_type'], a['resource_name']) for a in acls}


def test_schema_registry_acls_are_what_the_server_was_denied(tmp_path):
    acls = role_value(tmp_path, 'schema_registry', '_schema_registry_acls', inventory_hostname='rest1.fleet.test')
    assert {(a['principal'], a['resource_type'], a['resource_name']): sorted(a['operations']) for a in acls} == {
        ('User:schema-registry', 'topic', '_schemas'): ['Describe', 'DescribeConfigs', 'Read', 'Write'],
        ('User:schema-registry', 'group', 'schema-registry'): ['Describe', 'Read']}
