#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: zookeeper_acl
short_description: Report or secure the ACLs of Kafka's znodes
version_added: 0.1.0
description:
  - Connects to ZooKeeper with SASL DIGEST-MD5 (C(kazoo)), walks O(chroot) and every znode under
    Kafka's own top-level paths there (as C(zookeeper-security-migration) does; C(/consumers),
    which Kafka leaves world-writable for pre-0.9 consumers, is not touched) and reports their ACLs.
  - With O(state=secure), sets them as Kafka's C(zookeeper-security-migration
    --zookeeper.acl=secure) would - C(sasl:<kafka_principal>) with every right, and read for
    everyone except under C(/config/users), C(/config/brokers) and C(/delegation_token/tokens),
    where Kafka keeps credentials - recursively; znodes already so are left alone.
  - Connect as the ZooKeeper super user; nobody else may rewrite ACLs on the brokers' znodes.
author: kafkasec.platform contributors (@kafkasec)
options:
  chroot:
    description:
      - The brokers' ZooKeeper chroot (the end of their C(zookeeper.connect)). With C(/), only
        Kafka's own top-level znodes are walked.
    type: str
    default: /kafka
  kafka_principal:
    description: SASL user the brokers log in to ZooKeeper as.
    type: str
    default: kafka
  kafka_x509_common_names:
    description:
      - Certificate CNs of the brokers (their FQDNs with the pki role). A broker on ZooKeeper's
        TLS port logs in with its certificate as well as its SASL user, and Kafka grants a
        znode's creator all rights under both, so C(x509:) entries whose CN is listed here are
        kept; C(x509:) entries of any other certificate are removed.
    type: list
    elements: str
    default: []
  state:
    description: C(report) reads only; C(secure) sets the ACLs that differ.
    type: str
    choices: [report, secure]
    default: report
extends_documentation_fragment:
  - kafkasec.platform.requirements.kazoo
  - kafkasec.platform.attributes
  - kafkasec.platform.kafka_connection.zookeeper
attributes:
  check_mode:
    support: full
    details: Lists the znodes whose ACLs would change.
  diff_mode:
    support: full
    details: One line per changed znode, its ACLs before and after.
'''

EXAMPLES = r'''
- name: Secure the ACLs of Kafka's znodes
  kafkasec.platform.zookeeper_acl:
    hosts: ["zk1.example.com:2182", "zk2.example.com:2182", "zk3.example.com:2182"]
    ssl_ca_location: "{{ pki_ca_dir }}/ca.crt"
    ssl_certificate_location: "{{ pki_ca_dir }}/clients/admin.pem"
    ssl_key_location: "{{ pki_ca_dir }}/clients/admin.pem"
    sasl_username: admin
    sasl_password: "{{ vault_zookeeper_admin_password }}"
    chroot: /kafka
    state: secure
  delegate_to: localhost
  run_once: true
'''

RETURN = r'''
znodes:
  description: Each znode walked, with its ACLs (C(scheme:id:perms)) after the run.
  returned: success
  type: dict
  sample: {"/kafka/brokers": ["sasl:kafka:cdrwa", "world:anyone:r"]}
changed_znodes:
  description: Znodes whose ACLs were (or, in check mode, would be) set.
  returned: always
  type: list
  elements: str
'''

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.kafkasec.platform.plugins.module_utils.zookeeper import acl as zk_acl
from ansible_collections.kafkasec.platform.plugins.module_utils.zookeeper import client as zk_client
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import KafkasecError


def main():
    spec = dict(zk_client.ZK_ARGUMENT_SPEC)
    spec.update(chroot=dict(type='str', default='/kafka'),
                kafka_principal=dict(type='str', default='kafka'),
                kafka_x509_common_names=dict(type='list', elements='str', default=[]),
                state=dict(type='str', choices=['report', 'secure'], default='report'))
    module = AnsibleModule(argument_spec=spec, required_if=zk_client.ZK_REQUIRED_IF,
                           supports_check_mode=True)
    if not zk_client.HAS_KAZOO:
        module.fail_json(msg=missing_required_lib('kazoo'), exception=zk_client.KAZOO_IMPORT_ERROR)
    p = module.params
    client = None
    try:
        client = zk_client.connect(p['hosts'], p['sasl_username'], p['sasl_password'],
                                   p['request_timeout'], zk_client.TlsSettings.from_params(p))
        result = zk_acl.ensure(client, p['chroot'], p['kafka_principal'], p['state'],
                               module.check_mode, p['kafka_x509_common_names'])
    except KafkasecError as exc:
        module.fail_json(msg=str(exc), changed_znodes=[])
    finally:
        if client is not None:
            client.stop()
            client.close()
    if not module._diff:
        result.pop('diff')
    module.exit_json(**result)


if __name__ == '__main__':
    main()
