# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One client action against the brokers, as one identity, for playbooks/verify.yml.

  python kafka_client_check.py --bootstrap H:P,.. --ca CA --cert PEM --key PEM --topic T
      (--produce PAYLOAD | --consume PAYLOAD --group G) [--registry URL] [--timeout S]

With --registry the value is the source document's Avro record {"name": PAYLOAD, "salary": 1000},
serialized against that Schema Registry (over HTTPS with the same CA and client certificate) and
deserialized on the way back. --consume also matches a JSON record of that shape (REST Proxy's).

Prints one JSON object: {"outcome": "ok" | <Kafka error name> | "HANDSHAKE_REFUSED" | "TIMED_OUT",
"detail": "..."} and exits 0; judging the outcome is the playbook's job. It is a separate process
so the playbook can run it inside another network namespace (ip netns exec), where the brokers
see that namespace's address as the client's.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import argparse
import json
import time

from confluent_kafka import Consumer, KafkaError, Producer
from confluent_kafka.serialization import MessageField, SerializationContext, SerializationError

QUIET_ERRORS = ('_PARTITION_EOF',)
# The source document's value schema.
AVRO_SCHEMA = json.dumps({'type': 'record', 'name': 'test', 'fields': [
    {'name': 'name', 'type': 'string'}, {'name': 'salary', 'type': 'int'}]})


def settings(args, errors):
    return {'bootstrap.servers': args.bootstrap, 'security.protocol': 'SSL',
            'ssl.ca.location': args.ca, 'ssl.certificate.location': args.cert,
            'ssl.key.location': args.key, 'ssl.endpoint.identification.algorithm': 'https',
            'socket.timeout.ms': 10000, 'error_cb': errors.append}


def refused_at_handshake(errors):
    return any(word in str(e).lower() for e in errors for word in ('handshake', 'alert', 'certificate'))


def transport_outcome(errors):
    """What the connection errors say when no request got an answer."""
    detail = str(errors[0]) if errors else 'no answer'
    return ('HANDSHAKE_REFUSED' if refused_at_handshake(errors) else 'TIMED_OUT'), detail


def registry(args):
    from confluent_kafka.schema_registry import SchemaRegistryClient
    return SchemaRegistryClient({'url': args.registry, 'ssl.ca.location': args.ca,
                                 'ssl.certificate.location': args.cert,
                                 'ssl.key.location': args.key})


def encode(args, payload):
    if not args.registry:
        return payload.encode('utf-8')
    from confluent_kafka.schema_registry.avro import AvroSerializer
    serializer = AvroSerializer(registry(args), AVRO_SCHEMA)
    return serializer({'name': payload, 'salary': 1000},
                      SerializationContext(args.topic, MessageField.VALUE))


def plain_or_json_name(value):
    """The bytes as written, or the name of a JSON record like the source's (REST Proxy writes those)."""
    try:
        return json.loads(value)['name'].encode('utf-8')
    except (ValueError, TypeError, KeyError, AttributeError):
        return value


def decoder(args):
    """The value as the producer meant it: bytes, or the name of the source's Avro or JSON record."""
    if not args.registry:
        return plain_or_json_name
    from confluent_kafka.schema_registry.avro import AvroDeserializer
    deserializer = AvroDeserializer(registry(args))
    context = SerializationContext(args.topic, MessageField.VALUE)

    def decode(value):
        try:
            return deserializer(value, context)['name'].encode('utf-8')
        except (SerializationError, TypeError, KeyError):
            return None  # a record that is not Avro (the plain checks write some)
    return decode


def produce(args):
    errors, report = [], {}
    producer = Producer(dict(settings(args, errors), **{'message.timeout.ms': args.timeout * 1000}))
    try:
        value = encode(args, args.produce)
    except Exception as exc:  # the registry's refusal is the outcome, whatever its type
        return 'REGISTRY_REFUSED', str(exc)
    producer.produce(args.topic, value, on_delivery=lambda err, msg: report.update(err=err))
    deadline = time.time() + args.timeout + 5
    while 'err' not in report and time.time() < deadline and not refused_at_handshake(errors):
        producer.poll(0.5)
    if 'err' not in report:
        return transport_outcome(errors)
    err = report['err']
    if err is None:
        return 'ok', 'acknowledged'
    if err.code() == KafkaError._MSG_TIMED_OUT and errors:
        return transport_outcome(errors)
    return err.name(), err.str()


def consume(args):
    errors = []
    decode = decoder(args)
    consumer = Consumer(dict(settings(args, errors), **{
        'group.id': args.group, 'auto.offset.reset': 'earliest', 'enable.auto.commit': False}))
    consumer.subscribe([args.topic])
    deadline = time.time() + args.timeout
    try:
        while time.time() < deadline and not refused_at_handshake(errors):
            message = consumer.poll(1.0)
            if message is None:
                continue
            if message.error():
                if message.error().name() in QUIET_ERRORS:
                    continue
                return message.error().name(), message.error().str()
            try:
                value = decode(message.value())
            except Exception as exc:  # the registry's refusal is the outcome, whatever its type
                return 'REGISTRY_REFUSED', str(exc)
            if value == args.consume.encode('utf-8'):
                where = (message.partition(), message.offset())
                return 'ok', 'read back at partition %d offset %d' % where
        return transport_outcome(errors)
    finally:
        consumer.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--bootstrap', required=True)
    parser.add_argument('--ca', required=True)
    parser.add_argument('--cert', required=True)
    parser.add_argument('--key', required=True)
    parser.add_argument('--topic', required=True)
    parser.add_argument('--group', default='kafkasec-verify')
    parser.add_argument('--timeout', type=int, default=30)
    parser.add_argument('--registry', metavar='URL', help='Schema Registry for Avro values')
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument('--produce', metavar='PAYLOAD')
    action.add_argument('--consume', metavar='PAYLOAD')
    args = parser.parse_args()
    outcome, detail = produce(args) if args.produce is not None else consume(args)
    print(json.dumps({'outcome': outcome, 'detail': detail}))


if __name__ == '__main__':
    main()
