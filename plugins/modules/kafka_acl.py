#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: kafka_acl
short_description: Kafka ACL bindings through the brokers' Admin API, exact and scoped
version_added: 0.1.0
description:
  - Creates or deletes the ACL bindings listed in O(acls) through the brokers' Admin API
    (C(confluent-kafka)), as the identity given by the connection options (the admin).
  - No ZooKeeper credentials are needed or used - the brokers' authorizer stores the ACLs.
  - With O(exclusive=true), every binding on a I(resource pattern named in O(acls)) - the
    resource type, name and pattern type together - that O(acls) does not declare is deleted.
    Bindings on any other pattern are never touched, including C(PREFIXED) or C(*) patterns that
    also match a declared name.
  - Host names in O(acls[].host) are resolved to IP addresses where the module runs, because the
    brokers compare ACL hosts with the client's address and a name would silently match nothing.
    Addresses are written as Java prints them (IPv6 uncompressed, C(2001:db8:0:0:0:0:0:5)), the
    only form the brokers' comparison matches - a compressed IPv6 deny rule would never apply.
  - An entry with O(acls[].state=absent) declares bindings that must not exist. With
    O(exclusive=true), O(resources) names patterns the inventory owns even when it declares no
    binding on them any more, so removing the last binding of a resource removes it from the
    cluster too.
author: kafkasec.platform contributors (@kafkasec)
options:
  acls:
    description: The bindings. Each entry expands to one binding per operation and host address.
    type: list
    elements: dict
    required: true
    suboptions:
      principal:
        description: Principal with its type, for example C(User:secure_user) or C(User:*).
        type: str
        required: true
      host:
        description:
          - Client address, host name or inventory name (resolved to all its addresses), or C(*).
        type: str
        default: '*'
      operations:
        description:
          - Operations, in Kafka's or snake case spelling (C(Read), C(DescribeConfigs),
            C(describe_configs)) - C(all), C(read), C(write), C(create), C(delete), C(alter),
            C(describe), C(cluster_action), C(describe_configs), C(alter_configs),
            C(idempotent_write).
        type: list
        elements: str
        required: true
        aliases: [operation]
      permission:
        description: C(allow) or C(deny).
        type: str
        default: allow
      resource_type:
        description: C(topic), C(group), C(cluster) or C(transactional_id).
        type: str
        default: topic
      resource_name:
        description: Resource name, or C(*) for all; for C(cluster) it defaults to C(kafka-cluster).
        type: str
      pattern_type:
        description: C(literal) (the name exactly) or C(prefixed) (names starting with it).
        type: str
        default: literal
      state:
        description: Whether this entry's bindings exist; O(state) when not given.
        type: str
        choices: [present, absent]
  state:
    description: Whether the bindings exist, for entries that do not set their own O(acls[].state).
    type: str
    choices: [present, absent]
    default: present
  exclusive:
    description:
      - Also delete every binding on the declared resource patterns (and those in O(resources))
        that O(acls) does not declare present.
    type: bool
    default: false
  resources:
    description:
      - Resource patterns the inventory owns; with O(exclusive=true) every binding on them that
        O(acls) does not declare present is deleted, even when O(acls) names them no more.
    type: list
    elements: dict
    default: []
    suboptions:
      resource_type:
        description: C(topic), C(group), C(cluster) or C(transactional_id).
        type: str
        default: topic
      resource_name:
        description: Resource name, or C(*); for C(cluster) it defaults to C(kafka-cluster).
        type: str
      pattern_type:
        description: C(literal) or C(prefixed).
        type: str
        default: literal
extends_documentation_fragment:
  - kafkasec.platform.requirements.confluent_kafka
  - kafkasec.platform.attributes
  - kafkasec.platform.kafka_connection
attributes:
  check_mode:
    support: full
    details: The plan comes from the brokers' current ACLs; nothing is written.
  diff_mode:
    support: full
    details: One line per binding on the declared resource patterns, before and after.
'''

EXAMPLES = r'''
- name: The source document's ACLs on test_secure_topic, and only those
  kafkasec.platform.kafka_acl:
    bootstrap_servers: ["kafka1.example.com:9093"]
    ssl_ca_location: pki/ca.crt
    ssl_certificate_location: pki/clients/admin.pem
    ssl_key_location: pki/clients/admin.pem
    exclusive: true
    acls:
      - principal: User:secure_user
        host: rest1.example.com
        operations: [Read, Write, Describe]
        resource_name: test_secure_topic
      - principal: User:*
        operations: [Describe]
        resource_name: test_secure_topic
  delegate_to: localhost
  run_once: true

- name: A connector's consumer group
  kafkasec.platform.kafka_acl:
    bootstrap_servers: ["kafka1.example.com:9093"]
    ssl_keystore_location: pki/clients/admin.p12
    ssl_keystore_password: "{{ vault_admin_keystore_password }}"
    ssl_ca_location: pki/ca.crt
    acls:
      - principal: User:connect1.example.com
        operations: Read
        resource_type: group
        resource_name: connect-file-sink
  delegate_to: localhost
  run_once: true
'''

RETURN = r'''
added:
  description: Bindings created (or, in check mode, that would be).
  returned: always
  type: list
  elements: dict
  sample: [{principal: "User:secure_user", host: "10.0.0.41", operation: read, permission: allow,
            resource_type: topic, resource_name: test_secure_topic, pattern_type: literal}]
removed:
  description: Bindings deleted (or, in check mode, that would be).
  returned: always
  type: list
  elements: dict
'''

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.kafkasec.platform.plugins.module_utils.kafka import acl as kafka_acl
from ansible_collections.kafkasec.platform.plugins.module_utils.kafka import client as kafka_client
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import KafkasecError

ACL_SPEC = dict(
    principal=dict(type='str', required=True),
    host=dict(type='str', default='*'),
    operations=dict(type='list', elements='str', required=True, aliases=['operation']),
    permission=dict(type='str', default='allow'),
    resource_type=dict(type='str', default='topic'),
    resource_name=dict(type='str'),
    pattern_type=dict(type='str', default='literal'),
    state=dict(type='str', choices=['present', 'absent']),
)
RESOURCE_SPEC = dict(
    resource_type=dict(type='str', default='topic'),
    resource_name=dict(type='str'),
    pattern_type=dict(type='str', default='literal'),
)


def main():
    module = AnsibleModule(**kafka_client.module_arguments(dict(
        acls=dict(type='list', elements='dict', required=True, options=ACL_SPEC),
        state=dict(type='str', choices=['present', 'absent'], default='present'),
        exclusive=dict(type='bool', default=False),
        resources=dict(type='list', elements='dict', default=[], options=RESOURCE_SPEC),
    )))
    if not kafka_client.HAS_CONFLUENT_KAFKA:
        module.fail_json(msg=missing_required_lib('confluent-kafka'),
                         exception=kafka_client.CONFLUENT_KAFKA_IMPORT_ERROR)
    p = module.params
    try:
        present, absent = kafka_acl.parse_entries(p['acls'], p['state'])
        owned = kafka_acl.parse_resources(p['resources'])
        manager = kafka_acl.AclManager(kafka_client.KafkaAdmin(p))
        result = kafka_acl.ensure(manager, present, absent, p['exclusive'], module.check_mode,
                                  owned=owned)
    except KafkasecError as exc:
        module.fail_json(msg=str(exc), added=[], removed=[])
    if not module._diff:
        result.pop('diff')
    module.exit_json(**result)


if __name__ == '__main__':
    main()
