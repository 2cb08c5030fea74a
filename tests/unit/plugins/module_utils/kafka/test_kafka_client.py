from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
from confluent_kafka import KafkaError

from ansible_collections.kafkasec.platform.plugins.module_utils.kafka import acl as kafka_acl
from ansible_collections.kafkasec.platform.plugins.module_utils.kafka import client as kafka_client
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import BadInputError

BASE = dict(bootstrap_servers=['kafka1:9093', 'kafka2:9093'], security_protocol='SSL',
            ssl_ca_location='/pki/ca.crt', ssl_certificate_location='/pki/admin.pem',
            ssl_key_location='/pki/admin.pem', ssl_endpoint_identification=True, request_timeout=5)


def test_ssl_config_verifies_hostnames_by_default():
    config = kafka_client.client_config(BASE)
    assert config['bootstrap.servers'] == 'kafka1:9093,kafka2:9093'
    assert config['ssl.endpoint.identification.algorithm'] == 'https'
    assert config['ssl.certificate.location'] == '/pki/admin.pem'


def test_plaintext_config_carries_no_tls_settings():
    config = kafka_client.client_config(dict(BASE, security_protocol='PLAINTEXT'))
    assert not [k for k in config if k.startswith('ssl.')]


def test_unreachable_cluster_is_reported_as_such():
    admin = kafka_client.KafkaAdmin(dict(BASE, bootstrap_servers=['127.0.0.1:1'],
                                         security_protocol='PLAINTEXT', request_timeout=2))
    try:
        admin.describe()
    except kafka_client.KafkaClientError as exc:
        assert 'cannot be reached' in str(exc)
    else:
        raise AssertionError('describe() of an unreachable cluster did not fail')


def test_pkcs12_keystore_and_sasl_settings():
    config = kafka_client.client_config(dict(
        BASE, security_protocol='SASL_SSL', ssl_certificate_location=None, ssl_key_location=None,
        ssl_keystore_location='/pki/admin.p12', ssl_keystore_password='s3cret-keystore',
        sasl_mechanism='SCRAM-SHA-256', sasl_username='admin', sasl_password='s3cret-sasl'))
    assert config['ssl.keystore.location'] == '/pki/admin.p12'
    assert config['ssl.keystore.password'] == 's3cret-keystore'
    assert (config['sasl.mechanism'], config['sasl.username']) == ('SCRAM-SHA-256', 'admin')
    assert 'ssl.certificate.location' not in config


def test_sasl_without_user_and_certificate_without_key_are_refused():
    with pytest.raises(BadInputError, match='SASL_SSL needs sasl_username'):
        kafka_client.client_config(dict(BASE, security_protocol='SASL_SSL'))
    with pytest.raises(BadInputError, match='without ssl_key_location'):
        kafka_client.client_config(dict(BASE, ssl_key_location=None))


def test_failures_are_told_apart():
    admin = kafka_client.KafkaAdmin(dict(BASE, bootstrap_servers=['127.0.0.1:1'],
                                         security_protocol='PLAINTEXT', request_timeout=1))
    refused = admin.classify(KafkaError(KafkaError.TOPIC_AUTHORIZATION_FAILED), 'create topic t')
    assert isinstance(refused, kafka_client.AuthorizationError)
    assert 'refused to create topic t' in str(refused)
    admin.errors.append(KafkaError(KafkaError._SSL, 'ssl://kafka1:9093/bootstrap: SSL handshake '
                                   'failed: error:0A000086:SSL routines::certificate verify failed'))
    handshake = admin.classify(KafkaError(KafkaError._TRANSPORT), 'read the cluster metadata')
    assert isinstance(handshake, kafka_client.HandshakeError) and 'ssl_ca_location' in str(handshake)
    admin.errors[:] = []
    unreachable = admin.classify(KafkaError(KafkaError._TRANSPORT), 'read the cluster metadata')
    assert isinstance(unreachable, kafka_client.ClusterUnreachableError)
    other = admin.classify(KafkaError(KafkaError.INVALID_PARTITIONS), 'grow topic t')
    assert isinstance(other, kafka_client.KafkaClientError)
    assert not isinstance(other, (kafka_client.AuthorizationError, kafka_client.HandshakeError,
                                  kafka_client.ClusterUnreachableError))


def test_unreachable_bootstrap_fails_a_real_admin_call():
    admin = kafka_client.KafkaAdmin(dict(BASE, bootstrap_servers=['127.0.0.1:1'],
                                         security_protocol='PLAINTEXT', request_timeout=2))
    with pytest.raises(kafka_client.ClusterUnreachableError, match='cannot be reached to describe'):
        kafka_acl.AclManager(admin).current([('topic', 'test_secure_topic', 'literal')])


def test_missing_ca_file_is_named_at_setup():
    with pytest.raises(BadInputError, match='ssl.ca.location.*check that the files'):
        kafka_client.KafkaAdmin(dict(BASE, ssl_ca_location='/nonexistent/ca.crt'))
