"""The schema_registry role's templates rendered by Ansible and read back by the JVM
(tests/integration/java/FormatWitness.java): secrets come back exactly, the secure defaults are
what the server reads, and the source document's looser settings appear only when asked for."""
import pytest

import test_secret_formats
from test_secret_formats import TRICKY, TRICKY_PROPERTIES, render, witness

# The same needs as the secret-format tests: the JDK and the Kafka distribution.
pytestmark = test_secret_formats.pytestmark

SR = {'groups': {'kafka_broker': ['kafka1.fleet.test', 'kafka2.fleet.test'], 'zookeeper': ['zk1.fleet.test'],
                 'schema_registry': ['rest1.fleet.test']},
      'inventory_hostname': 'rest1.fleet.test',
      'schema_registry_keystore_password': 'keystore-secret-1', 'schema_registry_truststore_password': 'truststore-secret-1'}


def sr_properties(tmp_path, keys, **variables):
    path = render('schema_registry', 'schema-registry.properties.j2', dict(SR, **variables), tmp_path)
    return witness('props', path, *keys)


def test_secure_defaults_are_what_the_server_reads(tmp_path):
    read = sr_properties(tmp_path, ['listeners', 'ssl.client.authentication', 'inter.instance.protocol',
                                    'kafkastore.bootstrap.servers', 'kafkastore.security.protocol',
                                    'kafkastore.ssl.endpoint.identification.algorithm',
                                    'kafkastore.ssl.keystore.location', 'kafkastore.topic.replication.factor',
                                    'kafkastore.connection.url', 'resource.extension.class', 'ssl.enabled.protocols'])
    assert read == {
        'listeners': 'https://rest1.fleet.test:8081', 'ssl.client.authentication': 'REQUIRED',
        'inter.instance.protocol': 'https',
        'kafkastore.bootstrap.servers': 'SSL://kafka1.fleet.test:9093,SSL://kafka2.fleet.test:9093',
        'kafkastore.security.protocol': 'SSL', 'kafkastore.ssl.endpoint.identification.algorithm': 'https',
        'kafkastore.ssl.keystore.location': '/etc/schema-registry/ssl/schema_registry.keystore.p12',
        'kafkastore.topic.replication.factor': '3', 'kafkastore.connection.url': None,
        'resource.extension.class': None, 'ssl.enabled.protocols': 'TLSv1.3,TLSv1.2'}


def test_every_secret_reads_back_and_adds_nothing(tmp_path):
    secrets = {'schema_registry_keystore_password': TRICKY_PROPERTIES + 'k',
               'schema_registry_truststore_password': ' ' + TRICKY_PROPERTIES + 't',
               'schema_registry_dek_registry': True,
               'schema_registry_metadata_encoder_secret': TRICKY_PROPERTIES + '#e\\'}
    read = sr_properties(tmp_path, ['ssl.keystore.password', 'kafkastore.ssl.key.password',
                                    'kafkastore.ssl.truststore.password', 'metadata.encoder.secret',
                                    'resource.extension.class', 'next'], **secrets)
    assert read == {'ssl.keystore.password': secrets['schema_registry_keystore_password'],
                    'kafkastore.ssl.key.password': secrets['schema_registry_keystore_password'],
                    'kafkastore.ssl.truststore.password': secrets['schema_registry_truststore_password'],
                    'metadata.encoder.secret': secrets['schema_registry_metadata_encoder_secret'],
                    'resource.extension.class': 'io.confluent.dekregistry.DekRegistryResourceExtension',
                    'next': None}


def test_the_source_plaintext_store_only_when_asked(tmp_path):
    read = sr_properties(tmp_path, ['kafkastore.bootstrap.servers', 'kafkastore.security.protocol',
                                    'kafkastore.ssl.keystore.location'],
                         schema_registry_kafkastore_security_protocol='PLAINTEXT',
                         schema_registry_kafkastore_bootstrap_servers=['kafka1.fleet.test:9092'])
    assert read == {'kafkastore.bootstrap.servers': 'PLAINTEXT://kafka1.fleet.test:9092',
                    'kafkastore.security.protocol': 'PLAINTEXT', 'kafkastore.ssl.keystore.location': None}


def test_zookeeper_jaas_client_section_reads_back(tmp_path):
    variables = dict(SR, schema_registry_zookeeper_connection_url='zk1.fleet.test:2181',
                     schema_registry_zookeeper_user='schemaregistry', schema_registry_zookeeper_password=TRICKY)
    path = render('schema_registry', 'schema_registry_client_jaas.conf.j2', variables, tmp_path)
    assert witness('jaas', path, 'Client') == {'username': 'schemaregistry', 'password': TRICKY}


@pytest.mark.parametrize('jaas', [False, True])
def test_start_script_passes_jaas_only_with_a_zookeeper_store(tmp_path, jaas):
    variables = dict(SR, schema_registry_zookeeper_connection_url='zk1.fleet.test:2181' if jaas else '')
    path = render('schema_registry', 'schema-registry-start-secure.j2', variables, tmp_path)
    with open(path) as handle:
        script = handle.read()
    assert ('-Djava.security.auth.login.config=/etc/schema-registry/schema_registry_client_jaas.conf' in script) == jaas
    assert "SCHEMA_REGISTRY_JMX_OPTS=' '" in script
    assert script.rstrip().endswith('/etc/schema-registry/schema-registry.properties')
