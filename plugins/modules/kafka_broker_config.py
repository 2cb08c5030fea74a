#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: kafka_broker_config
short_description: Per-broker dynamic configs (KIP-226), for example reloading a listener's keystore
version_added: 0.1.0
description:
  - Sets the declared dynamic configs of one broker through the Admin API
    (C(incremental_alter_configs), C(confluent-kafka)) when the broker's value differs; configs not
    declared are left as they are.
  - O(reload) names configs to send even when unchanged - re-sending
    C(listener.name.<listener>.ssl.keystore.location) makes the broker read a renewed keystore at the
    same path without a restart. The broker refuses a keystore whose DN or SANs changed (KIP-978)
    unless C(ssl.allow.dn.changes) / C(ssl.allow.san.changes) allow it, and one it cannot open; the
    refusal is the module's error.
  - Passwords go in O(secrets). The broker never returns their values, so they cannot be compared -
    they are sent only together with a change or a reload, and never shown. Their dynamic values
    are encoded with the brokers' C(password.encoder.secret).
author: kafkasec.platform contributors (@kafkasec)
options:
  broker_id:
    description: Id of the broker whose configs are set.
    type: int
    required: true
  configs:
    description: Dynamic configs to set, lowercase names, for example C(listener.name.client.ssl.keystore.location).
    type: dict
    default: {}
  secrets:
    description:
      - Password configs to send with the others, for example C(listener.name.client.ssl.keystore.password).
      - Sent only when a config of O(configs) is sent; never compared or shown.
    type: dict
    default: {}
  reload:
    description: Names in O(configs) to send even when the broker's value is the same (a reload).
    type: list
    elements: str
    default: []
extends_documentation_fragment:
  - kafkasec.platform.requirements.confluent_kafka
  - kafkasec.platform.attributes
  - kafkasec.platform.kafka_connection
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
    details: The declared configs before and after; secrets appear only as C((secret, sent)).
'''

EXAMPLES = r'''
- name: Make broker 1 read its renewed CLIENT keystore, without a restart
  kafkasec.platform.kafka_broker_config:
    bootstrap_servers: ["kafka1.example.com:9093"]
    ssl_ca_location: pki/ca.crt
    ssl_certificate_location: pki/clients/admin.pem
    ssl_key_location: pki/clients/admin.pem
    broker_id: 1
    configs:
      listener.name.client.ssl.keystore.location: /etc/kafka/ssl/kafka_broker.keystore.p12
    secrets:
      listener.name.client.ssl.keystore.password: "{{ vault_keystore_password }}"
      listener.name.client.ssl.key.password: "{{ vault_keystore_password }}"
    reload:
      - listener.name.client.ssl.keystore.location
  delegate_to: localhost
'''

RETURN = r'''
sent:
  description: What was (or, in check mode, would be) sent; secrets shown as C((secret, sent)).
  returned: always
  type: dict
reloaded:
  description: Configs sent with an unchanged value, that is reloads.
  returned: success
  type: list
  elements: str
'''

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.kafkasec.platform.plugins.module_utils.kafka import broker_config
from ansible_collections.kafkasec.platform.plugins.module_utils.kafka import client as kafka_client
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import KafkasecError


def main():
    module = AnsibleModule(**kafka_client.module_arguments(dict(
        broker_id=dict(type='int', required=True),
        configs=dict(type='dict', default={}),
        secrets=dict(type='dict', default={}, no_log=True),
        reload=dict(type='list', elements='str', default=[]),
    )))
    if not kafka_client.HAS_CONFLUENT_KAFKA:
        module.fail_json(msg=missing_required_lib('confluent-kafka'),
                         exception=kafka_client.CONFLUENT_KAFKA_IMPORT_ERROR)
    try:
        manager = broker_config.BrokerConfigManager(kafka_client.KafkaAdmin(module.params))
        result = broker_config.ensure(manager, module.params, module.check_mode)
    except KafkasecError as exc:
        module.fail_json(msg=str(exc), sent={})
    if not module._diff:
        result.pop('diff')
    module.exit_json(**result)


if __name__ == '__main__':
    main()
