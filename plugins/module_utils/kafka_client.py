# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Kafka Admin API access from the admin host (the controller's venv by default).

Option names follow the collection's connection doc fragment: bootstrap_servers,
security_protocol, ssl_ca_location, ssl_certificate_location, ssl_key_location,
ssl_endpoint_identification, request_timeout.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import traceback

from ansible_collections.kafkasec.platform.plugins.module_utils.errors import KafkasecError

try:
    from confluent_kafka import KafkaException
    from confluent_kafka.admin import AdminClient
    HAS_CONFLUENT_KAFKA = True
    CONFLUENT_KAFKA_IMPORT_ERROR = None
except ImportError:
    HAS_CONFLUENT_KAFKA = False
    CONFLUENT_KAFKA_IMPORT_ERROR = traceback.format_exc()

CONNECTION_ARGUMENT_SPEC = dict(
    bootstrap_servers=dict(type='list', elements='str', required=True),
    security_protocol=dict(type='str', choices=['SSL', 'SASL_SSL', 'PLAINTEXT'], default='SSL'),
    ssl_ca_location=dict(type='path'),
    ssl_certificate_location=dict(type='path'),
    ssl_key_location=dict(type='path'),
    ssl_endpoint_identification=dict(type='bool', default=True),
    request_timeout=dict(type='int', default=15),
)


class KafkaClientError(KafkasecError):
    """The cluster could not be reached, refused the TLS handshake, or refused the request."""


def client_config(params):
    config = {
        'bootstrap.servers': ','.join(params['bootstrap_servers']),
        'security.protocol': params['security_protocol'],
        'socket.timeout.ms': params['request_timeout'] * 1000,
    }
    if params['security_protocol'] != 'PLAINTEXT':
        config['ssl.endpoint.identification.algorithm'] = (
            'https' if params['ssl_endpoint_identification'] else 'none')
        for option, key in (('ssl_ca_location', 'ssl.ca.location'),
                            ('ssl_certificate_location', 'ssl.certificate.location'),
                            ('ssl_key_location', 'ssl.key.location')):
            if params.get(option):
                config[key] = params[option]
    return config


class KafkaAdmin:
    """A thin wrapper that turns librdkafka failures into messages naming the cause."""

    def __init__(self, params):
        self.params = params
        self.errors = []
        config = client_config(params)
        config['error_cb'] = self.errors.append
        self.admin = AdminClient(config)

    def describe(self):
        """Brokers and partitions: what health waits need."""
        timeout = self.params['request_timeout']
        try:
            metadata = self.admin.list_topics(timeout=timeout)
        except KafkaException as exc:
            raise KafkaClientError(self.explain(exc))
        brokers = sorted((b.id, b.host, b.port) for b in metadata.brokers.values())
        under_replicated = []
        for topic in metadata.topics.values():
            for partition in topic.partitions.values():
                if len(partition.isrs) < len(partition.replicas):
                    under_replicated.append('%s-%d' % (topic.topic, partition.id))
        return {
            'cluster_id': metadata.cluster_id,
            'controller_id': metadata.controller_id,
            'brokers': [{'id': i, 'host': h, 'port': p} for i, h, p in brokers],
            'topics': sorted(metadata.topics),
            'under_replicated_partitions': sorted(under_replicated),
        }

    def explain(self, exc):
        seen = ' '.join(str(e) for e in self.errors[-5:]) + ' ' + str(exc)
        servers = ','.join(self.params['bootstrap_servers'])
        lowered = seen.lower()
        if 'handshake' in lowered or 'certificate verify failed' in lowered:
            return ('TLS handshake with %s failed (%s): check ssl_ca_location, the client '
                    'certificate and that the brokers\' certificates name the host you connect to'
                    % (servers, seen.strip()))
        if 'authoriz' in lowered:
            return 'the cluster at %s refused the request: %s' % (servers, seen.strip())
        return ('the cluster at %s cannot be reached (%s): check bootstrap_servers and that the '
                'brokers run' % (servers, seen.strip()))
