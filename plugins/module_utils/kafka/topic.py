# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A topic declared as data: created, grown, its declared configs set, or deleted.

Partitions only grow and the replication factor never changes here (that is a reassignment);
configs not declared are left as they are.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.kafkasec.platform.plugins.module_utils.errors import BadInputError

try:
    from confluent_kafka.admin import (AlterConfigOpType, ConfigEntry, ConfigResource,
                                       NewPartitions, NewTopic, ResourceType)
except ImportError:
    pass  # kafka_client reports the missing library; plan logic below needs none of it


def config_value(value):
    if isinstance(value, bool):
        return 'true' if value else 'false'
    return str(value)


def desired_state(params):
    """The declared topic, validated: {partitions, replication_factor, configs}."""
    name = params['name']
    if not name or len(name) > 249 or not all(c.isalnum() or c in '._-' for c in name):
        raise BadInputError('topic name %r is not valid: use 1 to 249 letters, digits, ".", "_" '
                            'or "-"' % name)
    for option in ('partitions', 'replication_factor'):
        if params.get(option) is not None and params[option] < 1:
            raise BadInputError('%s of topic %s is %d: give a number of at least 1'
                                % (option, name, params[option]))
    return {'partitions': params.get('partitions'),
            'replication_factor': params.get('replication_factor'),
            'configs': dict((k, config_value(v)) for k, v in (params.get('configs') or {}).items())}


def plan(name, wanted, current, state):
    """Actions as a list of (kind, argument); raises BadInputError for changes out of scope."""
    if state == 'absent':
        return [('delete', name)] if current else []
    if current is None:
        return [('create', wanted)]
    actions = []
    if wanted['replication_factor'] is not None and \
            wanted['replication_factor'] != current['replication_factor']:
        raise BadInputError(
            'topic %s has replication factor %d, not the declared %d: changing it is a partition '
            'reassignment (kafka-reassign-partitions), which this module does not do; declare %d'
            % (name, current['replication_factor'], wanted['replication_factor'],
               current['replication_factor']))
    if wanted['partitions'] is not None:
        if wanted['partitions'] < current['partitions']:
            raise BadInputError(
                'topic %s has %d partitions and %d are declared: Kafka cannot remove partitions; '
                'declare %d or more, or delete and recreate the topic'
                % (name, current['partitions'], wanted['partitions'], current['partitions']))
        if wanted['partitions'] > current['partitions']:
            actions.append(('partitions', wanted['partitions']))
    changed = dict((k, v) for k, v in wanted['configs'].items() if current['configs'].get(k) != v)
    if changed:
        actions.append(('configs', changed))
    return actions


def view(state, declared_configs):
    """What --diff shows: partitions, replication factor and the declared configs only."""
    if state is None:
        return {}
    return {'partitions': state['partitions'], 'replication_factor': state['replication_factor'],
            'configs': dict((k, state['configs'].get(k)) for k in sorted(declared_configs))}


class TopicManager:
    """Reads and changes one topic with a kafka_client.KafkaAdmin."""

    def __init__(self, admin):
        self.admin = admin

    def current(self, name, config_names):
        topic = self.admin.metadata().topics.get(name)
        if topic is None or topic.error is not None:
            return None
        partitions = sorted(topic.partitions.values(), key=lambda p: p.id)
        configs = {}
        if config_names:
            resource = ConfigResource(ResourceType.TOPIC, name)
            future = self.admin.admin.describe_configs([resource])[resource]
            entries = self.admin.wait(future, 'describe the configs of topic %s' % name)
            configs = dict((k, entries[k].value) for k in config_names if k in entries)
        return {'partitions': len(partitions),
                'replication_factor': len(partitions[0].replicas) if partitions else 0,
                'configs': configs}

    def apply(self, name, actions):
        admin, client = self.admin, self.admin.admin
        for kind, argument in actions:
            if kind == 'delete':
                admin.wait(client.delete_topics([name])[name], 'delete topic %s' % name)
            elif kind == 'create':
                topic = NewTopic(name, num_partitions=argument['partitions'] or -1,
                                 replication_factor=argument['replication_factor'] or -1,
                                 config=argument['configs'])
                admin.wait(client.create_topics([topic])[name], 'create topic %s' % name)
            elif kind == 'partitions':
                admin.wait(client.create_partitions([NewPartitions(name, argument)])[name],
                           'grow topic %s to %d partitions' % (name, argument))
            else:
                entries = [ConfigEntry(k, v, incremental_operation=AlterConfigOpType.SET)
                           for k, v in sorted(argument.items())]
                resource = ConfigResource(ResourceType.TOPIC, name, incremental_configs=entries)
                admin.wait(client.incremental_alter_configs([resource])[resource],
                           'set configs %s of topic %s' % (sorted(argument), name))


def ensure(manager, params, check_mode):
    name = params['name']
    wanted = desired_state(params)
    before = manager.current(name, sorted(wanted['configs']))
    actions = plan(name, wanted, before, params['state'])
    if not check_mode:
        manager.apply(name, actions)
    after = None
    if params['state'] == 'present':
        after = dict(before or {'partitions': wanted['partitions'],
                                'replication_factor': wanted['replication_factor'], 'configs': {}})
        after['configs'] = dict(after['configs'], **wanted['configs'])
        for kind, argument in actions:
            if kind == 'partitions':
                after['partitions'] = argument
    return {'changed': bool(actions), 'actions': [kind for kind, _argument in actions],
            'topic': after,
            'diff': {'before': view(before, wanted['configs']),
                     'after': view(after, wanted['configs'])}}
