#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: kafka_topic
short_description: Kafka topic - partitions, declared configs, existence - through the Admin API
version_added: 0.1.0
description:
  - Creates a topic, grows its partitions, sets the configs it declares (incrementally; configs not
    declared are left as they are) or deletes it, through the brokers' Admin API (C(confluent-kafka)).
  - A smaller partition count or a different replication factor than the topic has is refused with
    an error - Kafka cannot remove partitions, and changing replicas is a reassignment.
author: kafkasec.platform contributors (@kafkasec)
options:
  name:
    description: Topic name.
    type: str
    required: true
  partitions:
    description: Partition count; on creation the brokers' default when omitted.
    type: int
  replication_factor:
    description: Replicas per partition; on creation the brokers' default when omitted.
    type: int
  configs:
    description: Topic configs to set, for example C(min.insync.replicas) or C(retention.ms).
    type: dict
    default: {}
  state:
    description: Whether the topic exists.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - kafkasec.platform.requirements.confluent_kafka
  - kafkasec.platform.attributes
  - kafkasec.platform.kafka_connection
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
    details: Partitions, replication factor and the declared configs, before and after.
'''

EXAMPLES = r'''
- name: The source document's topic
  kafkasec.platform.kafka_topic:
    bootstrap_servers: ["kafka1.example.com:9093"]
    ssl_ca_location: pki/ca.crt
    ssl_certificate_location: pki/clients/admin.pem
    ssl_key_location: pki/clients/admin.pem
    name: test_secure_topic
    partitions: 3
    replication_factor: 3
    configs:
      min.insync.replicas: 2
  delegate_to: localhost
  run_once: true
'''

RETURN = r'''
actions:
  description: What was (or, in check mode, would be) done - C(create), C(partitions), C(configs), C(delete).
  returned: always
  type: list
  elements: str
topic:
  description: Partitions, replication factor and declared configs after the run; null when absent.
  returned: success
  type: dict
'''

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.kafkasec.platform.plugins.module_utils.kafka import client as kafka_client
from ansible_collections.kafkasec.platform.plugins.module_utils.kafka import topic as kafka_topic
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import KafkasecError


def main():
    module = AnsibleModule(**kafka_client.module_arguments(dict(
        name=dict(type='str', required=True),
        partitions=dict(type='int'),
        replication_factor=dict(type='int'),
        configs=dict(type='dict', default={}),
        state=dict(type='str', choices=['present', 'absent'], default='present'),
    )))
    if not kafka_client.HAS_CONFLUENT_KAFKA:
        module.fail_json(msg=missing_required_lib('confluent-kafka'),
                         exception=kafka_client.CONFLUENT_KAFKA_IMPORT_ERROR)
    try:
        manager = kafka_topic.TopicManager(kafka_client.KafkaAdmin(module.params))
        result = kafka_topic.ensure(manager, module.params, module.check_mode)
    except KafkasecError as exc:
        module.fail_json(msg=str(exc), actions=[])
    if not module._diff:
        result.pop('diff')
    module.exit_json(**result)


if __name__ == '__main__':
    main()
