from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.kafkasec.platform.plugins.filter.layout import tls_files


def test_every_component_gets_its_tls_files_under_its_config_dir():
    layout = tls_files({'kafka_broker': {'config_dir': '/etc/kafka/'},
                        'zookeeper': {'config_dir': '/etc/zookeeper'}})
    assert layout['kafka_broker'] == {
        'dir': '/etc/kafka/ssl', 'key': '/etc/kafka/ssl/kafka_broker.key',
        'keystore': '/etc/kafka/ssl/kafka_broker.keystore.p12',
        'truststore': '/etc/kafka/ssl/kafka_broker.truststore.p12',
        'keystore_password_file': '/etc/kafka/ssl/keystore.password',
        'truststore_password_file': '/etc/kafka/ssl/truststore.password'}
    assert layout['zookeeper']['keystore'] == '/etc/zookeeper/ssl/zookeeper.keystore.p12'


def test_component_without_config_dir_is_named():
    with pytest.raises(AnsibleFilterError, match='common_components.rest_proxy has no config_dir'):
        tls_files({'rest_proxy': {'user': 'kafka-rest'}})
