from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
from kazoo.exceptions import NoAuthError, NoNodeError

from ansible_collections.kafkasec.platform.plugins.module_utils.zookeeper import acl as zk_acl
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import BadInputError
from ansible_collections.kafkasec.platform.plugins.module_utils.zookeeper.client import ZooKeeperError

SECURE = ['sasl:kafka:cdrwa', 'world:anyone:r']
OPEN = ['world:anyone:cdrwa']
BROKER_X509 = 'x509:CN=kafka1.fleet.test,OU=BDP,O=Company,C=US:cdrwa'
STRANGER_X509 = 'x509:CN=stranger,O=Elsewhere:cdrwa'
SUBJECTS = ['kafka1.fleet.test']


class FakeZooKeeper:
    """The kazoo calls zk_acl makes, answered from a dict of path -> ACL strings."""

    def __init__(self, nodes, writable=True):
        self.nodes = dict((path, [zk_acl.parse_acl(a) for a in acls]) for path, acls in nodes.items())
        self.writable = writable
        self.set_calls = []

    def exists(self, path):
        return path in self.nodes

    def get_children(self, path):
        if path not in self.nodes:
            raise NoNodeError()
        prefix = path.rstrip('/') + '/'
        return [p[len(prefix):] for p in self.nodes if p.startswith(prefix) and '/' not in p[len(prefix):]]

    def get_acls(self, path):
        return list(self.nodes[path]), None

    def set_acls(self, path, acls):
        if not self.writable:
            raise NoAuthError()
        self.set_calls.append(path)
        self.nodes[path] = list(acls)

    def strings(self, path):
        return sorted(zk_acl.acl_string(a) for a in self.nodes[path])


def fleet_tree():
    return FakeZooKeeper({
        '/': OPEN, '/zookeeper': OPEN, '/other-app': OPEN,
        '/kafka': SECURE, '/kafka/consumers': OPEN, '/kafka/brokers': SECURE,
        '/kafka/brokers/ids': OPEN, '/kafka/brokers/ids/1': SECURE + [BROKER_X509, STRANGER_X509],
        '/kafka/config': SECURE, '/kafka/config/users': SECURE,
        '/kafka/config/users/alice': ['sasl:kafka:cdrwa'], '/kafka/config/brokers': OPEN,
    })


def test_secure_sets_creator_all_and_world_read_but_not_on_credentials():
    zk = fleet_tree()
    result = zk_acl.ensure(zk, '/kafka', 'kafka', 'secure', False, SUBJECTS)
    assert result['changed_znodes'] == ['/kafka/brokers/ids', '/kafka/config/brokers',
                                        '/kafka/config/users', '/kafka/brokers/ids/1']
    assert zk.strings('/kafka/brokers/ids') == SECURE
    assert zk.strings('/kafka/brokers/ids/1') == sorted(SECURE + [BROKER_X509])
    assert zk.strings('/kafka/consumers') == OPEN  # as zookeeper-security-migration leaves it
    assert zk.strings('/kafka/config/brokers') == ['sasl:kafka:cdrwa']
    assert zk.strings('/kafka/config/users') == ['sasl:kafka:cdrwa']
    assert zk.strings('/other-app') == OPEN and zk.strings('/zookeeper') == OPEN
    assert '/kafka/brokers/ids world:anyone:cdrwa' in result['diff']['before']


def test_second_run_and_check_mode_change_nothing():
    zk = fleet_tree()
    planned = zk_acl.ensure(zk, '/kafka', 'kafka', 'secure', True, SUBJECTS)
    assert len(planned['changed_znodes']) == 4 and zk.set_calls == []
    zk_acl.ensure(zk, '/kafka', 'kafka', 'secure', False, SUBJECTS)
    again = zk_acl.ensure(zk, '/kafka', 'kafka', 'secure', False, SUBJECTS)
    assert not again['changed'] and len(zk.set_calls) == 4


def test_report_reads_every_kafka_znode_and_writes_nothing():
    zk = fleet_tree()
    result = zk_acl.ensure(zk, 'kafka/', 'kafka', 'report', check_mode=False)
    assert not result['changed'] and zk.set_calls == []
    assert result['znodes']['/kafka/brokers/ids'] == OPEN
    assert '/other-app' not in result['znodes'] and '/kafka/consumers' not in result['znodes']
    assert len(result['znodes']) == 8


def test_without_chroot_only_kafka_top_level_paths_are_walked():
    zk = FakeZooKeeper({'/': OPEN, '/brokers': OPEN, '/other-app': OPEN, '/zookeeper': OPEN})
    result = zk_acl.ensure(zk, '/', 'kafka', 'secure', check_mode=False)
    assert result['changed_znodes'] == ['/brokers']


def test_refusal_names_the_super_user():
    with pytest.raises(ZooKeeperError, match='super user'):
        zk_acl.ensure(FakeZooKeeper({'/kafka': OPEN}, writable=False), '/kafka', 'kafka', 'secure', False)


@pytest.mark.parametrize('chroot, principal, words', [
    ('/nowhere', 'kafka', 'znode /nowhere does not exist'),
    ('/ka/../x', 'kafka', 'is not a ZooKeeper path'),
    ('/kafka', 'sasl:kafka', 'is not a SASL user name'),
])
def test_bad_input(chroot, principal, words):
    with pytest.raises(BadInputError, match=words):
        zk_acl.ensure(fleet_tree(), chroot, principal, 'secure', False)


def test_common_name_of_zookeeper_x509_ids():
    assert zk_acl.common_name('CN=kafka1.fleet.test,OU=BDP,O=Company,L=San Jose,ST=CA,C=US') == 'kafka1.fleet.test'
    assert zk_acl.common_name('O=Elsewhere,CN=a\\,b') == 'a\\,b'
    assert zk_acl.common_name('O=Elsewhere') is None
