#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: zookeeper_ensemble_info
short_description: Leader, followers and SASL access of a ZooKeeper ensemble; wait for health
version_added: 0.1.0
description:
  - Asks every member C(srvr) and the leader C(mntr) (four-letter words, which must be in
    C(4lw.commands.whitelist)), over TLS with O(tls), and with O(sasl_username) makes a real request as that user, since
    a wrong password only shows on the first request.
  - Healthy means one leader and every other member a synced follower (and the request succeeded).
  - With O(wait_timeout), polls until healthy and fails with the last state otherwise.
author: kafkasec.platform contributors (@kafkasec)
options:
  client_port:
    description:
      - Client port for O(hosts) entries that carry none; C(2182) (the TLS port) with O(tls),
        else C(2181).
    type: int
  wait_timeout:
    description: Seconds to wait for health; 0 reports once without judging.
    type: int
    default: 0
extends_documentation_fragment:
  - kafkasec.platform.requirements.kazoo
  - kafkasec.platform.attributes
  - kafkasec.platform.attributes.info_module
  - kafkasec.platform.kafka_connection.zookeeper
'''

EXAMPLES = r'''
- name: Wait for a leader and all followers synced
  kafkasec.platform.zookeeper_ensemble_info:
    hosts: ["zk1.example.com:2182", "zk2.example.com:2182", "zk3.example.com:2182"]
    ssl_ca_location: "{{ pki_ca_dir }}/ca.crt"
    ssl_certificate_location: "{{ pki_ca_dir }}/clients/admin.pem"
    ssl_key_location: "{{ pki_ca_dir }}/clients/admin.pem"
    sasl_username: admin
    sasl_password: "{{ vault_zookeeper_admin_password }}"
    wait_timeout: 120
  delegate_to: localhost
  run_once: true
'''

RETURN = r'''
members:
  description: Mode of each member (leader, follower, standalone, or why it is down).
  returned: success
  type: dict
leaders:
  description: Members that say they lead.
  returned: success
  type: list
  elements: str
synced_followers:
  description: Followers the leader reports as synced.
  returned: success
  type: int
authenticated:
  description: Whether the SASL request succeeded (null without O(sasl_username)).
  returned: success
  type: bool
'''

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.kafkasec.platform.plugins.module_utils import polling
from ansible_collections.kafkasec.platform.plugins.module_utils.zookeeper import client as zk_client
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import KafkasecError


def main():
    spec = dict(zk_client.ZK_ARGUMENT_SPEC)
    spec.update(client_port=dict(type='int'), wait_timeout=dict(type='int', default=0))
    module = AnsibleModule(argument_spec=spec, required_if=zk_client.ZK_REQUIRED_IF,
                           supports_check_mode=True)
    if not zk_client.HAS_KAZOO:
        module.fail_json(msg=missing_required_lib('kazoo'), exception=zk_client.KAZOO_IMPORT_ERROR)
    p = module.params
    port = p['client_port'] or zk_client.default_port(p['tls'])
    hosts = [h if ':' in h else '%s:%d' % (h, port) for h in p['hosts']]
    try:
        tls = zk_client.TlsSettings.from_params(p)
    except KafkasecError as exc:
        module.fail_json(msg=str(exc))
    state, problem = polling.poll(
        lambda: zk_client.ensemble_health(hosts, p['sasl_username'], p['sasl_password'],
                                          p['request_timeout'], tls),
        p['wait_timeout'])
    if p['wait_timeout'] and problem:
        module.fail_json(msg='ZooKeeper ensemble not healthy after %ds: %s'
                             % (p['wait_timeout'], problem), **state)
    module.exit_json(changed=False, **state)


if __name__ == '__main__':
    main()
