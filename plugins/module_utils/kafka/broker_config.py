# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Per-broker dynamic configs (KIP-226) declared as data, set with incremental_alter_configs.

A declared config is sent when the broker's value differs. Kafka never returns the value of a
sensitive config (passwords), so secrets cannot be compared: they are sent only together with a
change or a reload. `reload` names configs to send even when their value is unchanged: re-sending
a listener's ssl.keystore.location makes the broker read the file again (a renewed keystore).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.kafkasec.platform.plugins.module_utils.errors import BadInputError
from ansible_collections.kafkasec.platform.plugins.module_utils.kafka.topic import config_value

try:
    from confluent_kafka.admin import AlterConfigOpType, ConfigEntry, ConfigResource, ResourceType
except ImportError:
    pass  # kafka_client reports the missing library; plan logic below needs none of it

SECRET_SHOWN = '(secret, sent)'


def desired_state(params):
    """({name: value} declared, {name: value} secrets, [names to reload]), validated."""
    if params['broker_id'] < 0:
        raise BadInputError('broker_id is %d: give the id of a broker (0 or more)' % params['broker_id'])
    configs = dict((k, config_value(v)) for k, v in (params.get('configs') or {}).items())
    secrets = dict((k, config_value(v)) for k, v in (params.get('secrets') or {}).items())
    both = sorted(set(configs) & set(secrets))
    if both:
        raise BadInputError('%s given in both configs and secrets: put a password in secrets only'
                            % ', '.join(both))
    for name in list(configs) + list(secrets):
        if name != name.lower() or not name or ' ' in name:
            raise BadInputError('broker config name %r is not valid: dynamic configs are lowercase, '
                                'e.g. listener.name.client.ssl.keystore.location' % name)
    reload = list(params.get('reload') or [])
    unknown = sorted(set(reload) - set(configs))
    if unknown:
        raise BadInputError('reload names %s, which configs does not declare: declare the value to '
                            're-send (e.g. the keystore location) in configs' % ', '.join(unknown))
    return configs, secrets, reload


def plan(configs, secrets, reload, current):
    """The entries to send: {name: value}, secrets included only when something else is sent."""
    send = dict((k, v) for k, v in configs.items() if current.get(k) != v or k in reload)
    if send:
        send.update(secrets)
    return send


def view(values, secrets):
    """What --diff and the result show: secrets never, only that they were sent."""
    return dict((k, SECRET_SHOWN if k in secrets else v) for k, v in sorted(values.items()))


class BrokerConfigManager:
    """Reads and sets one broker's configs with a kafka_client.KafkaAdmin."""

    def __init__(self, admin):
        self.admin = admin

    def current(self, broker_id, names):
        resource = ConfigResource(ResourceType.BROKER, str(broker_id))
        entries = self.admin.wait(self.admin.admin.describe_configs([resource])[resource],
                                  'describe the configs of broker %d' % broker_id)
        return dict((k, entries[k].value) for k in names if k in entries)

    def apply(self, broker_id, send):
        entries = [ConfigEntry(k, v, incremental_operation=AlterConfigOpType.SET)
                   for k, v in sorted(send.items())]
        resource = ConfigResource(ResourceType.BROKER, str(broker_id), incremental_configs=entries)
        self.admin.wait(self.admin.admin.incremental_alter_configs([resource])[resource],
                        'set %s on broker %d' % (', '.join(sorted(send)), broker_id))


def ensure(manager, params, check_mode):
    broker_id = params['broker_id']
    configs, secrets, reload = desired_state(params)
    before = manager.current(broker_id, sorted(configs))
    send = plan(configs, secrets, reload, before)
    if send and not check_mode:
        manager.apply(broker_id, send)
    after = dict(before, **configs)
    return {'changed': bool(send), 'sent': view(send, secrets),
            'reloaded': sorted(k for k in reload if k in send and before.get(k) == configs[k]),
            'diff': {'before': view(before, secrets), 'after': view(after, secrets)}}
