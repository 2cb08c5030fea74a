"""Load that must survive a rotation: an idempotent producer (acks=all) and a consumer, both as
one client identity over SSL, until SIGTERM or --seconds; then every acknowledged record must be
consumed. Writes figures as JSON (--out) and asserts nothing: the proof playbook does."""
import argparse
import json
import signal
import time
import uuid

from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition


def ssl_config(args):
    return {'bootstrap.servers': args.bootstrap, 'security.protocol': 'SSL',
            'ssl.ca.location': args.ca, 'ssl.certificate.location': args.pem,
            'ssl.key.location': args.pem, 'ssl.endpoint.identification.algorithm': 'https'}


class Run(object):
    def __init__(self):
        self.acked = set()
        self.failed = []
        self.ack_times = []
        self.errors = []
        self.stop = False

    def delivered(self, err, msg):
        if err is not None:
            self.failed.append(str(err))
            return
        self.acked.add(int(msg.value().decode().split(':')[1]))
        self.ack_times.append(time.monotonic())


def end_offsets(consumer, topic):
    metadata = consumer.list_topics(topic, timeout=30).topics[topic]
    parts = []
    for partition in metadata.partitions:
        _low, high = consumer.get_watermark_offsets(TopicPartition(topic, partition), timeout=30)
        parts.append(TopicPartition(topic, partition, high))
    return parts


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--bootstrap', required=True)
    parser.add_argument('--ca', required=True)
    parser.add_argument('--pem', required=True)
    parser.add_argument('--topic', required=True)
    parser.add_argument('--group', required=True)
    parser.add_argument('--seconds', type=float, default=3600)
    parser.add_argument('--interval', type=float, default=0.02)
    parser.add_argument('--drain-seconds', type=float, default=90)
    parser.add_argument('--out', required=True)
    args = parser.parse_args()
    run = Run()
    signal.signal(signal.SIGTERM, lambda *_: setattr(run, 'stop', True))
    tag = uuid.uuid4().hex[:12]
    common = ssl_config(args)
    producer = Producer(dict(common, **{'enable.idempotence': True, 'acks': 'all',
                                        'error_cb': lambda e: run.errors.append('producer: %s' % e)}))
    consumer = Consumer(dict(common, **{'group.id': args.group, 'enable.auto.commit': False,
                                        'error_cb': lambda e: run.errors.append('consumer: %s' % e)}))
    consumer.assign(end_offsets(consumer, args.topic))
    seen, duplicates, started, sent = set(), 0, time.monotonic(), 0

    def consume(timeout):
        nonlocal duplicates
        for msg in consumer.consume(500, timeout):
            if msg.error():
                run.errors.append('consume: %s' % msg.error())
                continue
            value = msg.value().decode()
            if value.startswith(tag + ':'):
                seq = int(value.split(':')[1])
                duplicates += seq in seen
                seen.add(seq)

    while not run.stop and time.monotonic() - started < args.seconds:
        producer.produce(args.topic, ('%s:%d' % (tag, sent)).encode(), on_delivery=run.delivered)
        sent += 1
        producer.poll(0)
        consume(0)
        time.sleep(args.interval)
    unflushed = producer.flush(60)
    drain_end = time.monotonic() + args.drain_seconds
    while not run.acked <= seen and time.monotonic() < drain_end:
        consume(1.0)
    consumer.close()
    gaps = [b - a for a, b in zip(run.ack_times, run.ack_times[1:])]
    figures = {
        'seconds': round(time.monotonic() - started, 1), 'sent': sent, 'acked': len(run.acked),
        'failed_sends': len(run.failed), 'unflushed': unflushed,
        'acked_not_consumed': len(run.acked - seen), 'consumed': len(seen), 'duplicates': duplicates,
        'longest_ack_gap_s': round(max(gaps), 3) if gaps else None,
        'client_errors': sorted(set(run.errors + run.failed))[:20],
    }
    with open(args.out, 'w') as out:
        json.dump(figures, out, indent=1)
    print(json.dumps(figures))


if __name__ == '__main__':
    try:
        main()
    except KafkaException as exc:
        raise SystemExit('load: %s' % exc)
