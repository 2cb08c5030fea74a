#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: kafka_cluster_info
short_description: Brokers and under-replicated partitions of a Kafka cluster; wait for health
version_added: 0.1.0
description:
  - Connects with the Admin API (C(confluent-kafka)) and returns the registered brokers and the
    partitions whose in-sync replicas are fewer than their replicas.
  - With O(wait_timeout), polls until O(expected_brokers) are registered and no partition is
    under-replicated, and fails with what it last saw when that does not happen in time.
author: kafkasec.platform contributors (@kafkasec)
options:
  expected_brokers:
    description: Number of brokers a healthy cluster has registered.
    type: int
  wait_timeout:
    description: Seconds to wait for health; 0 reports once without judging.
    type: int
    default: 0
extends_documentation_fragment:
  - kafkasec.platform.requirements.confluent_kafka
  - kafkasec.platform.attributes
  - kafkasec.platform.attributes.info_module
  - kafkasec.platform.kafka_connection
'''

EXAMPLES = r'''
- name: Wait until all brokers are registered and in sync
  kafkasec.platform.kafka_cluster_info:
    bootstrap_servers: ["kafka1.example.com:9093"]
    ssl_ca_location: pki/ca.crt
    ssl_certificate_location: pki/clients/admin.pem
    ssl_key_location: pki/clients/admin.pem
    expected_brokers: 3
    wait_timeout: 180
  delegate_to: localhost
  run_once: true
'''

RETURN = r'''
brokers:
  description: Registered brokers.
  returned: success
  type: list
  elements: dict
under_replicated_partitions:
  description: C(topic-partition) names with fewer in-sync replicas than replicas.
  returned: success
  type: list
  elements: str
cluster_id:
  description: Cluster id.
  returned: success
  type: str
topics:
  description: Topic names the identity may see.
  returned: success
  type: list
  elements: str
'''

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.kafkasec.platform.plugins.module_utils.kafka import client as kafka_client
from ansible_collections.kafkasec.platform.plugins.module_utils import polling


def main():
    module = AnsibleModule(**kafka_client.module_arguments(dict(
        expected_brokers=dict(type='int'), wait_timeout=dict(type='int', default=0))))
    if not kafka_client.HAS_CONFLUENT_KAFKA:
        module.fail_json(msg=missing_required_lib('confluent-kafka'),
                         exception=kafka_client.CONFLUENT_KAFKA_IMPORT_ERROR)
    p = module.params
    state, problem = polling.poll(lambda: kafka_client.cluster_health(p, p['expected_brokers']),
                                  p['wait_timeout'])
    if state is None or (p['wait_timeout'] and problem):
        module.fail_json(msg='cluster not healthy after %ds: %s' % (p['wait_timeout'], problem),
                         **(state or {}))
    module.exit_json(changed=False, **state)


if __name__ == '__main__':
    main()
