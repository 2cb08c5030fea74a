"""zk_client against a loopback stand-in for ZooKeeper's four-letter-word port (the network
edge); the real ensemble is probed by molecule verify."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import socket
import threading

import pytest

from ansible_collections.kafkasec.platform.plugins.module_utils import zk_client

ANSWERS = {
    b'srvr': b'Zookeeper version: 3.8.4\nLatency min/avg/max: 0/0.1/3\nMode: leader\nNode count: 9\n',
    b'mntr': b'zk_version\t3.8.4\nzk_server_state\tleader\nzk_synced_followers\t2\n',
}


@pytest.fixture
def fake_member():
    server = socket.socket()
    server.bind(('127.0.0.1', 0))
    server.listen(8)

    def serve():
        while True:
            try:
                conn, _addr = server.accept()
            except OSError:
                return
            with conn:
                word = conn.recv(4)
                conn.sendall(ANSWERS.get(word, b'%s is not executed because it is not in the whitelist.\n' % word))
    threading.Thread(target=serve, daemon=True).start()
    yield '127.0.0.1:%d' % server.getsockname()[1]
    server.close()


def test_four_letter_words_are_parsed(fake_member):
    assert zk_client.four_letter(fake_member, 'srvr')['Mode'] == 'leader'
    assert zk_client.four_letter(fake_member, 'mntr')['zk_synced_followers'] == '2'


def test_word_outside_the_whitelist_names_the_setting(fake_member):
    with pytest.raises(zk_client.ZooKeeperError, match='4lw.commands.whitelist'):
        zk_client.four_letter(fake_member, 'conf')


def test_ensemble_state_counts_synced_followers(fake_member):
    state = zk_client.ensemble_state([fake_member, '127.0.0.1:1', '127.0.0.1:1'])
    assert state['leaders'] == [fake_member] and state['synced_followers'] == 2
    assert state['members']['127.0.0.1:1'].startswith('down:')
    assert state['healthy']  # the leader reports both followers synced


def test_unreachable_member_is_named():
    with pytest.raises(zk_client.ZooKeeperError, match='127.0.0.1:1 did not answer srvr'):
        zk_client.four_letter('127.0.0.1:1', 'srvr')
