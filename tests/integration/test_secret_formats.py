"""The roles' JAAS and properties templates, rendered by Ansible with secrets that hold a quote, a
semicolon, a backslash and a newline, then read back by the JVM itself (tests/integration/java):
each value must come back exactly, and no option may be added. Also Kafka's own principal
mapper on the DN the broker sees, with the role's default mapping rule."""
import base64
import glob
import json
import os
import shutil
import subprocess
import sys

import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WITNESS = os.path.join(ROOT, 'tests', 'integration', 'java', 'FormatWitness.java')
RENDER = os.path.join(ROOT, 'tests', 'integration', 'render_template.py')
KAFKA_LIBS = os.path.join(ROOT, 'tests', 'fleet', 'kafka-dist', 'target', 'libs')
TRICKY = 'p"w;d\\x\nnext="evil" ;}'  # ends a quoted value, adds an option, escapes, breaks a line
TRICKY_PROPERTIES = TRICKY + ' caf\u00e9 \u20ac\U0001F511'

pytestmark = pytest.mark.skipif(not shutil.which('java') or not glob.glob(os.path.join(KAFKA_LIBS, 'kafka-clients-*.jar')),
                                reason='needs the JDK and the Kafka distribution (make kafka-dist)')


def role_vars(role):
    with open(os.path.join(ROOT, 'roles', role, 'defaults', 'main.yml')) as handle:
        return yaml.safe_load(handle)


def render(role, template, variables, tmp_path):
    """The role's template rendered by Ansible (tests/integration/render_template.py); its path."""
    path = tmp_path / template.replace('.j2', '')
    done = subprocess.run([sys.executable, RENDER, role, template, str(path), json.dumps(variables)],
                          capture_output=True, text=True, check=False)
    if done.returncode:
        raise RenderRefused(done.stderr)
    return str(path)


class RenderRefused(Exception):
    pass


def witness(*args):
    done = subprocess.run(['java', '-cp', os.path.join(KAFKA_LIBS, '*'), WITNESS] + list(args),
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return {k: base64.b64decode(v).decode('utf-8') if v != 'MISSING' else None
            for k, v in (line.split('=', 1) for line in done.stdout.splitlines())}


def test_broker_jaas_reads_back_the_password_and_nothing_more(tmp_path):
    path = render('kafka_broker', 'kafka_server_jaas.conf.j2',
                  {'common_zookeeper_kafka_password': TRICKY}, tmp_path)
    assert witness('jaas', path, 'Client') == {'username': 'kafka', 'password': TRICKY}


def test_zookeeper_jaas_reads_back_every_password(tmp_path):
    secrets = {'common_zookeeper_admin_password': TRICKY + 'a', 'common_zookeeper_kafka_password': TRICKY + 'k',
               'zookeeper_quorum_password': TRICKY + 'q'}
    path = render('zookeeper', 'zookeeper_jaas.conf.j2', secrets, tmp_path)
    assert witness('jaas', path, 'Server') == {'user_admin': secrets['common_zookeeper_admin_password'],
                                               'user_kafka': secrets['common_zookeeper_kafka_password']}
    assert witness('jaas', path, 'QuorumLearner') == {'username': 'zkquorum',
                                                      'password': secrets['zookeeper_quorum_password']}


def test_jaas_refuses_what_it_cannot_carry(tmp_path):
    with pytest.raises(RenderRefused, match=r'common_zookeeper_kafka_password contains "\$\{"'):
        render('kafka_broker', 'kafka_server_jaas.conf.j2',
               {'common_zookeeper_kafka_password': 'a${user.home}b'}, tmp_path)


def test_server_properties_read_back_every_secret_and_the_mapping_rule(tmp_path):
    secrets = {'kafka_broker_keystore_password': TRICKY_PROPERTIES + 'k',
               'kafka_broker_truststore_password': ' ' + TRICKY_PROPERTIES + 't',
               'kafka_broker_password_encoder_secret': TRICKY_PROPERTIES + '#e\\',
               'kafka_broker_properties': {'num.io.threads': '2'}}
    path = render('kafka_broker', 'server.properties.j2', secrets, tmp_path)
    rule = role_vars('kafka_broker')['kafka_broker_principal_mapping_rules']
    read = witness('props', path, 'listener.name.client.ssl.keystore.password',
                   'listener.name.internal.ssl.truststore.password', 'password.encoder.secret',
                   'ssl.principal.mapping.rules', 'num.io.threads', 'next')
    assert read == {'listener.name.client.ssl.keystore.password': secrets['kafka_broker_keystore_password'],
                    'listener.name.internal.ssl.truststore.password': secrets['kafka_broker_truststore_password'],
                    'password.encoder.secret': secrets['kafka_broker_password_encoder_secret'],
                    'ssl.principal.mapping.rules': rule, 'num.io.threads': '2', 'next': None}


@pytest.mark.parametrize('dn,principal', [
    ('CN=kafka1.fleet.test,OU=BDP,O=Company,L=San Jose,ST=CA,C=US', 'kafka1.fleet.test'),
    ('CN=admin,OU=BDP,O=Company,C=US', 'admin'),
    ('CN=admin\\,OU=x,OU=BDP,O=Company,C=US', 'admin\\,OU\\=x'),  # Java escapes '=' too
    ('CN=admin\\, ,OU=BDP,C=US', 'admin\\,'),
    ('CN=admin+UID=x,OU=BDP,C=US', 'admin+UID=x'),
    ('CN=adm\\\\in,O=Company', 'adm\\\\in'),
])
def test_default_mapping_rule_keeps_escaped_characters_in_the_cn(dn, principal):
    rule = role_vars('kafka_broker')['kafka_broker_principal_mapping_rules']
    seen = witness('principal', rule, dn)
    assert seen['principal'] == principal, seen
    if principal != 'admin':
        assert seen['principal'] != 'admin'
