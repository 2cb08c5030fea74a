# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Kafka Admin API access from the admin host (the controller's venv by default).

Option names follow the collection's connection doc fragment (kafkasec.platform.kafka_connection).
Failures are raised as one of three kinds a user fixes differently: the cluster cannot be
reached, the TLS handshake (or SASL login) failed, or the cluster refused the request.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import traceback

from ansible_collections.kafkasec.platform.plugins.module_utils.errors import BadInputError, KafkasecError

try:
    from confluent_kafka import KafkaError, KafkaException
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
    ssl_key_password=dict(type='str', no_log=True),
    ssl_keystore_location=dict(type='path'),
    ssl_keystore_password=dict(type='str', no_log=True),
    ssl_endpoint_identification=dict(type='bool', default=True),
    sasl_mechanism=dict(type='str', choices=['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'],
                        default='SCRAM-SHA-512'),
    sasl_username=dict(type='str'),
    sasl_password=dict(type='str', no_log=True),
    request_timeout=dict(type='int', default=15),
)
CONNECTION_MUTUALLY_EXCLUSIVE = [('ssl_keystore_location', 'ssl_certificate_location')]
CONNECTION_REQUIRED_TOGETHER = [('ssl_keystore_location', 'ssl_keystore_password'),
                                ('sasl_username', 'sasl_password')]


class KafkaClientError(KafkasecError):
    """The cluster answered with an error that is neither of the kinds below."""


class ClusterUnreachableError(KafkaClientError):
    """No broker answered at the bootstrap servers."""


class HandshakeError(KafkaClientError):
    """TLS handshake or SASL authentication failed: the client's or brokers' credentials."""


class AuthorizationError(KafkaClientError):
    """The cluster knows the client and refused the request (ACLs)."""


def client_config(params):
    """librdkafka settings for the connection options; bad combinations raise BadInputError."""
    protocol = params['security_protocol']
    config = {
        'bootstrap.servers': ','.join(params['bootstrap_servers']),
        'security.protocol': protocol,
        'socket.timeout.ms': params['request_timeout'] * 1000,
    }
    if protocol != 'PLAINTEXT':
        config['ssl.endpoint.identification.algorithm'] = (
            'https' if params['ssl_endpoint_identification'] else 'none')
        for option, key in (('ssl_ca_location', 'ssl.ca.location'),
                            ('ssl_certificate_location', 'ssl.certificate.location'),
                            ('ssl_key_location', 'ssl.key.location'),
                            ('ssl_key_password', 'ssl.key.password'),
                            ('ssl_keystore_location', 'ssl.keystore.location'),
                            ('ssl_keystore_password', 'ssl.keystore.password')):
            if params.get(option):
                config[key] = params[option]
        if params.get('ssl_certificate_location') and not params.get('ssl_key_location'):
            raise BadInputError('ssl_certificate_location is set without ssl_key_location: give '
                                'the client key too (the same file when it is a PEM bundle)')
    if protocol == 'SASL_SSL':
        if not params.get('sasl_username'):
            raise BadInputError('security_protocol SASL_SSL needs sasl_username and sasl_password')
        config.update({'sasl.mechanism': params.get('sasl_mechanism') or 'SCRAM-SHA-512',
                       'sasl.username': params['sasl_username'],
                       'sasl.password': params.get('sasl_password') or ''})
    return config


class KafkaAdmin:
    """AdminClient whose failures come out as the three kinds of KafkaClientError."""

    def __init__(self, params):
        self.params = params
        self.errors = []
        config = client_config(params)
        config['error_cb'] = self.errors.append
        try:
            self.admin = AdminClient(config)
        except KafkaException as exc:
            # librdkafka loads the CA, key and keystore here: a missing file or wrong password
            raise BadInputError('the Kafka client cannot be set up (%s): check that the files '
                                'in ssl_ca_location, ssl_certificate_location, ssl_key_location '
                                'or ssl_keystore_location exist and their passwords are right'
                                % exc.args[0].str())

    @property
    def timeout(self):
        return self.params['request_timeout']

    def metadata(self):
        try:
            return self.admin.list_topics(timeout=self.timeout)
        except KafkaException as exc:
            raise self.classify(exc.args[0] if exc.args else exc, 'read the cluster metadata')

    def wait(self, future, action):
        """Result of one Admin API future, or the classified error of `action`."""
        try:
            return future.result(timeout=self.timeout + 5)
        except KafkaException as exc:
            raise self.classify(exc.args[0] if exc.args else exc, action)
        except Exception as exc:  # a future that timed out or was cancelled
            raise self.classify(exc, action)

    def describe(self):
        """Brokers and partitions: what health waits need."""
        metadata = self.metadata()
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

    def classify(self, error, action):
        """One of the error kinds for `error` (a KafkaError or exception) raised doing `action`."""
        servers = ','.join(self.params['bootstrap_servers'])
        seen = ' '.join(str(e) for e in self.errors[-5:])
        text = ('%s %s' % (seen, error)).strip()
        code = error.name() if HAS_CONFLUENT_KAFKA and isinstance(error, KafkaError) else ''
        lowered = text.lower()
        if code.endswith('AUTHORIZATION_FAILED'):
            return AuthorizationError(
                'the cluster at %s refused to %s (%s): the client identity lacks the ACLs for '
                'it; use the admin identity or grant them' % (servers, action, code))
        if 'sasl' in lowered and ('authentication' in lowered or 'auth' in code.lower()):
            return HandshakeError('SASL authentication with %s failed (%s): check sasl_username, '
                                  'sasl_password and sasl_mechanism' % (servers, text))
        if 'handshake' in lowered or 'certificate verify failed' in lowered or code == '_SSL':
            return HandshakeError(
                'TLS handshake with %s failed (%s): check ssl_ca_location, the client certificate '
                'and that the brokers\' certificates name the host you connect to' % (servers, text))
        if code in ('', '_TRANSPORT', '_TIMED_OUT', '_ALL_BROKERS_DOWN', '_RESOLVE',
                    '_TIMED_OUT_QUEUE', '_WAIT_COORD'):
            return ClusterUnreachableError(
                'the cluster at %s cannot be reached to %s (%s): check bootstrap_servers and that '
                'the brokers run' % (servers, action, text or 'no answer'))
        return KafkaClientError('the cluster at %s could not %s: %s' % (servers, action, text))


def cluster_health(params, expected_brokers=None):
    """(state, problem) for polling.poll: state None when the cluster did not answer, problem
    None when `expected_brokers` are registered and no partition is under-replicated."""
    try:
        state = KafkaAdmin(params).describe()
    except KafkasecError as exc:
        return None, str(exc)
    if (expected_brokers is None or len(state['brokers']) == expected_brokers) \
            and not state['under_replicated_partitions']:
        return state, None
    problem = 'brokers %s, under-replicated %s' % ([b['id'] for b in state['brokers']],
                                                   state['under_replicated_partitions'])
    return state, problem


def module_arguments(extra_spec, **kwargs):
    """AnsibleModule keyword arguments: the connection options plus a module's own."""
    spec = dict(CONNECTION_ARGUMENT_SPEC)
    spec.update(extra_spec)
    arguments = dict(argument_spec=spec, supports_check_mode=True,
                     mutually_exclusive=list(CONNECTION_MUTUALLY_EXCLUSIVE),
                     required_together=list(CONNECTION_REQUIRED_TOGETHER))
    arguments.update(kwargs)
    return arguments
