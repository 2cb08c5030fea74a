"""Apply the source document's topic and ACL set three ways against a running cluster and print
wall and CPU seconds per set side by side. Prints figures only; asserts none.

One set = topic (3 partitions, replication 3, min.insync.replicas=2) + secure_user Read, Write,
Describe from the REST Proxy host + User:* Describe + secure_user's consumer group + a sink
connector's group and topic Read (7 bindings).

  (a) module_utils: the kafka_topic and kafka_acl logic in-process, one Admin client
  (b) ansible-playbook with kafkasec.platform.kafka_topic + kafka_acl on localhost
  (c) the source's pipeline: kafka-topics --create, one kafka-acls --add per source command,
      kafka-acls --list; one JVM each, as the shell scripts start them (Kafka 3.9's own
      TopicCommand/AclCommand, over the admin's TLS identity instead of ZooKeeper)

Usage: python tests/bench/bench_acls.py --bootstrap H:P,.. --pki-dir DIR --kafka-libs DIR
           --rest-host NAME --connect-host NAME [--sets N]
Every set is deleted again after its method ran (not timed).
"""
import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, '.collections'))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from bench_common import measure, print_table  # noqa: E402
from ansible_collections.kafkasec.platform.plugins.module_utils.kafka import acl as kafka_acl  # noqa: E402
from ansible_collections.kafkasec.platform.plugins.module_utils.kafka import client as kafka_client  # noqa: E402
from ansible_collections.kafkasec.platform.plugins.module_utils.kafka import topic as kafka_topic  # noqa: E402


def set_entries(topic, rest, connect):
    return [
        {'principal': 'User:secure_user', 'host': rest, 'operations': ['Read', 'Write', 'Describe'],
         'resource_name': topic},
        {'principal': 'User:*', 'host': '*', 'operations': ['Describe'], 'resource_name': topic},
        {'principal': 'User:secure_user', 'host': rest, 'operations': ['Read'],
         'resource_type': 'group', 'resource_name': topic + '_group'},
        {'principal': 'User:' + connect, 'host': connect, 'operations': ['Read'],
         'resource_type': 'group', 'resource_name': 'connect-sink_' + topic},
        {'principal': 'User:' + connect, 'host': connect, 'operations': ['Read'],
         'resource_name': topic},
    ]


def admin_params(args):
    pem = os.path.join(args.pki_dir, 'clients', 'admin.pem')
    return dict(bootstrap_servers=args.bootstrap.split(','), security_protocol='SSL',
                ssl_ca_location=os.path.join(args.pki_dir, 'ca.crt'), ssl_certificate_location=pem,
                ssl_key_location=pem, ssl_endpoint_identification=True, request_timeout=30)


def topic_params(topic, state='present'):
    return dict(name=topic, partitions=3, replication_factor=3,
                configs={'min.insync.replicas': '2'}, state=state)


def via_module_utils(args, topics):
    def run():
        admin = kafka_client.KafkaAdmin(admin_params(args))
        for topic in topics:
            kafka_topic.ensure(kafka_topic.TopicManager(admin), topic_params(topic), False)
            declared = kafka_acl.parse_bindings(set_entries(topic, args.rest_host, args.connect_host))
            kafka_acl.ensure(kafka_acl.AclManager(admin), declared, [], True, False)
    return measure(run)


PLAYBOOK = """
- hosts: localhost
  gather_facts: false
  vars:
    conn: &conn
      bootstrap_servers: "{{ bootstrap.split(',') }}"
      ssl_ca_location: "{{ pki }}/ca.crt"
      ssl_certificate_location: "{{ pki }}/clients/admin.pem"
      ssl_key_location: "{{ pki }}/clients/admin.pem"
  tasks:
    - kafkasec.platform.kafka_topic:
        <<: *conn
        name: "{{ item }}"
        partitions: 3
        replication_factor: 3
        configs: {min.insync.replicas: 2}
      loop: "{{ sets | list }}"
    - kafkasec.platform.kafka_acl:
        <<: *conn
        exclusive: true
        acls: "{{ sets[item] }}"
      loop: "{{ sets | list }}"
"""


def via_ansible(args, topics):
    with tempfile.TemporaryDirectory() as directory:
        book = os.path.join(directory, 'bench.yml')
        with open(book, 'w') as handle:
            handle.write(PLAYBOOK)
        sets = os.path.join(directory, 'sets.json')
        with open(sets, 'w') as handle:
            json.dump({'sets': dict((t, set_entries(t, args.rest_host, args.connect_host))
                                    for t in topics)}, handle)
        env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.collections'))
        command = [os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), '-i',
                   'localhost,', '-c', 'local', book, '-e', 'bootstrap=%s' % args.bootstrap,
                   '-e', 'pki=%s' % args.pki_dir, '-e', '@' + sets,
                   '-e', 'ansible_python_interpreter=%s' % sys.executable]
        return measure(lambda: subprocess.run(command, env=env, check=True,
                                              stdout=subprocess.DEVNULL))


def acl_command_options(entry):
    """kafka-acls --add options for one entry, the host given as an address as the source did."""
    host = entry.get('host', '*')
    options = ['--add', '--allow-principal', entry['principal'], '--allow-host',
               host if host == '*' else socket.gethostbyname(host)]
    for operation in entry['operations']:
        options += ['--operation', operation]
    return options + ['--' + entry.get('resource_type', 'topic'), entry['resource_name']]


def via_source_pipeline(args, topics):
    with tempfile.TemporaryDirectory() as directory:
        config = os.path.join(directory, 'admin.properties')
        pem = os.path.join(args.pki_dir, 'clients', 'admin.pem')
        with open(config, 'w') as handle:
            handle.write('security.protocol=SSL\nssl.keystore.type=PEM\nssl.keystore.location=%s\n'
                         'ssl.truststore.type=PEM\nssl.truststore.location=%s\n'
                         % (pem, os.path.join(args.pki_dir, 'ca.crt')))
        java = ['java', '-Xmx256M', '-XX:+UseSerialGC', '-cp', os.path.join(args.kafka_libs, '*')]
        common = ['--bootstrap-server', args.bootstrap, '--command-config', config]

        def tool(main, *options):
            subprocess.run(java + [main] + common + list(options), check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        commands = []
        for topic in topics:
            commands.append(('org.apache.kafka.tools.TopicCommand', [
                '--create', '--topic', topic, '--partitions', '3', '--replication-factor', '3',
                '--config', 'min.insync.replicas=2']))
            commands.extend(('kafka.admin.AclCommand', acl_command_options(entry))
                            for entry in set_entries(topic, args.rest_host, args.connect_host))
            commands.append(('kafka.admin.AclCommand', ['--list', '--topic', topic]))

        def run():
            for main, options in commands:
                tool(main, *options)
        return measure(run)


def remove_sets(args, topics):
    admin = kafka_client.KafkaAdmin(admin_params(args))
    for topic in topics:
        declared = kafka_acl.parse_bindings(set_entries(topic, args.rest_host, args.connect_host))
        kafka_acl.ensure(kafka_acl.AclManager(admin), [], declared, False, False)
        kafka_topic.ensure(kafka_topic.TopicManager(admin), topic_params(topic, 'absent'), False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--bootstrap', required=True)
    parser.add_argument('--pki-dir', required=True)
    parser.add_argument('--kafka-libs', required=True)
    parser.add_argument('--rest-host', required=True)
    parser.add_argument('--connect-host', required=True)
    parser.add_argument('--sets', type=int, default=3)
    args = parser.parse_args()
    rows = []
    for key, label, func in (('a', '(a) module_utils', via_module_utils),
                             ('b', '(b) ansible-playbook kafka_topic+kafka_acl', via_ansible),
                             ('c', '(c) source kafka-topics/kafka-acls (JVM)', via_source_pipeline)):
        topics = ['kafkasec_bench_%s_%d' % (key, i) for i in range(args.sets)]
        try:
            wall, cpu = func(args, topics)
        finally:
            remove_sets(args, topics)
        rows.append((label, wall / args.sets, cpu / args.sets))
    print('sets applied per method: %d (1 topic + 7 ACL bindings each, cluster at %s)'
          % (args.sets, args.bootstrap))
    print_table(rows, 'set')


if __name__ == '__main__':
    main()
