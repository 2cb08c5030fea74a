from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.kafkasec.platform.plugins.module_utils.errors import BadInputError, KafkasecError
from ansible_collections.kafkasec.platform.plugins.module_utils.kafka import broker_config

from ansible_collections.kafkasec.platform.tests.unit.plugins.module_utils.kafka.kafka_fakes import (
    FakeBrokerConfigAdminClient,
    fake_admin,
)

LOCATION = 'listener.name.client.ssl.keystore.location'
PASSWORD = 'listener.name.client.ssl.keystore.password'
STORE = '/etc/kafka/ssl/kafka_broker.keystore.p12'
SECRET = 'keystore-password-under-test'


def run(client, check_mode=False, **params):
    wanted = dict(broker_id=1, configs={LOCATION: STORE}, secrets={PASSWORD: SECRET}, reload=[])
    wanted.update(params)
    return broker_config.ensure(broker_config.BrokerConfigManager(fake_admin(client)), wanted, check_mode)


def sent_entries(client):
    return dict((e.name, e.value) for _call, resources in client.calls for r in resources for e in r.incremental_configs)


def test_a_matching_config_sends_nothing_not_even_the_secret():
    client = FakeBrokerConfigAdminClient({LOCATION: STORE, PASSWORD: SECRET}, sensitive=[PASSWORD])
    result = run(client)
    assert not result['changed'] and result['sent'] == {} and client.calls == []


def test_a_changed_config_is_sent_with_its_secret_which_is_never_shown():
    client = FakeBrokerConfigAdminClient({LOCATION: '/old.p12'}, sensitive=[PASSWORD])
    result = run(client)
    assert result['changed']
    assert sent_entries(client) == {LOCATION: STORE, PASSWORD: SECRET}
    assert result['sent'] == {LOCATION: STORE, PASSWORD: broker_config.SECRET_SHOWN}
    assert SECRET not in repr(result)
    assert result['diff'] == {'before': {LOCATION: '/old.p12'}, 'after': {LOCATION: STORE}}


def test_reload_resends_an_unchanged_location_and_says_so():
    client = FakeBrokerConfigAdminClient({LOCATION: STORE}, sensitive=[PASSWORD])
    result = run(client, reload=[LOCATION])
    assert result['changed'] and result['reloaded'] == [LOCATION]
    assert sent_entries(client) == {LOCATION: STORE, PASSWORD: SECRET}


def test_check_mode_plans_the_same_and_sends_nothing():
    client = FakeBrokerConfigAdminClient({LOCATION: STORE})
    result = run(client, check_mode=True, reload=[LOCATION])
    assert result['changed'] and result['reloaded'] == [LOCATION] and client.calls == []


def test_the_brokers_refusal_is_the_error_and_names_the_configs():
    client = FakeBrokerConfigAdminClient({LOCATION: STORE}, refuse='Validation of dynamic config update of SSLFactory failed')
    with pytest.raises(KafkasecError) as caught:
        run(client, reload=[LOCATION])
    assert 'SSLFactory' in str(caught.value) and LOCATION in str(caught.value)
    assert SECRET not in str(caught.value)


@pytest.mark.parametrize('params,words', [
    (dict(reload=['listener.name.internal.ssl.keystore.location']), 'which configs does not declare'),
    (dict(configs={'Listener.Name.CLIENT.ssl.keystore.location': STORE}), 'lowercase'),
    (dict(configs={LOCATION: STORE, PASSWORD: 'x'}), 'in both configs and secrets'),
    (dict(broker_id=-1), 'broker_id is -1'),
])
def test_bad_declarations_name_the_input_and_the_fix(params, words):
    with pytest.raises(BadInputError) as caught:
        run(FakeBrokerConfigAdminClient({LOCATION: STORE}), **params)
    assert words in str(caught.value)
