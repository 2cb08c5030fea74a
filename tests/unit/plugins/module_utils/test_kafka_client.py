from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.kafkasec.platform.plugins.module_utils import kafka_client

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
