"""zk_client against a loopback stand-in for ZooKeeper's four-letter-word port (the network
edge); the real ensemble is probed by molecule verify."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import socket
import ssl
import threading

import pytest

from ansible_collections.kafkasec.platform.plugins.module_utils.zookeeper import client as zk_client
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import BadInputError

ANSWERS = {
    b'srvr': b'Zookeeper version: 3.8.4\nLatency min/avg/max: 0/0.1/3\nMode: leader\nNode count: 9\n',
    b'mntr': b'zk_version\t3.8.4\nzk_server_state\tleader\nzk_synced_followers\t2\n',
}


def answer(conn):
    word = conn.recv(4)
    conn.sendall(ANSWERS.get(word, b'%s is not executed because it is not in the whitelist.\n' % word))


def serve(handle):
    """A loopback listener answering each connection with handle(conn); yields its port."""
    server = socket.socket()
    server.bind(('127.0.0.1', 0))
    server.listen(8)

    def loop():
        while True:
            try:
                conn, _addr = server.accept()
            except OSError:
                return
            try:
                with conn:
                    handle(conn)
            except (ssl.SSLError, OSError):
                pass
    threading.Thread(target=loop, daemon=True).start()
    yield server.getsockname()[1]
    server.close()


@pytest.fixture
def fake_member():
    for port in serve(answer):
        yield '127.0.0.1:%d' % port


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


# --- the TLS port: certificates both ways, the server's name checked ---------------------------

@pytest.fixture
def tls_member(tmp_path):
    from ansible_collections.kafkasec.platform.tests.unit.plugins.module_utils.pki.pki_fixtures import make_ca, make_identity
    directory = str(tmp_path)
    ca = make_ca(directory)
    files = {}
    for name in ('localhost', 'admin'):
        key, _request, signed = make_identity(directory, name, ca, sans=['DNS:%s' % name])
        chain = os.path.join(directory, name + '.chain.pem')
        with open(chain, 'w') as handle:
            handle.write(''.join(signed['chain']))
        files[name] = (chain, key)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*files['localhost'])
    context.load_verify_locations(ca[0])
    context.verify_mode = ssl.CERT_REQUIRED

    def answer_over_tls(conn):
        with context.wrap_socket(conn, server_side=True) as tls:
            answer(tls)
    for port in serve(answer_over_tls):
        yield port, ca[0], files['admin']


def test_four_letter_words_over_tls_with_a_client_certificate(tls_member):
    port, ca, (cert, key) = tls_member
    tls = zk_client.TlsSettings(ca, cert, key)
    assert zk_client.four_letter('localhost:%d' % port, 'srvr', tls=tls)['Mode'] == 'leader'


def test_tls_member_under_a_name_its_certificate_lacks_is_refused(tls_member):
    port, ca, (cert, key) = tls_member
    with pytest.raises(zk_client.ZooKeeperError, match='refused the TLS handshake'):
        zk_client.four_letter('127.0.0.1:%d' % port, 'srvr', tls=zk_client.TlsSettings(ca, cert, key))


def test_tls_is_the_default_and_needs_its_files():
    with pytest.raises(BadInputError, match='ssl_ca_location, ssl_certificate_location, ssl_key_location needed'):
        zk_client.TlsSettings.from_params({'hosts': ['zk1:2182']})
    assert zk_client.TlsSettings.from_params({'tls': False}) is None
    assert zk_client.default_port(True) == 2182 and zk_client.default_port(False) == 2181
