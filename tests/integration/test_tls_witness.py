"""Independent witnesses: openssl s_server serves an exported identity and demands a client
certificate; Python's ssl module is the client. Same CA: handshake succeeds. Foreign CA: refused."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import socket
import ssl
import subprocess
import time

import pytest

from ansible_collections.kafkasec.platform.plugins.module_utils.pki.store_apply import desired_entries, ensure_store, export_pem

from ansible_collections.kafkasec.platform.tests.unit.plugins.module_utils.pki.pki_fixtures import STORE_PASS, make_ca, make_identity


def _export(tmp_path, ca, name):
    key, _req, signed = make_identity(str(tmp_path), name, ca, subject='CN=%s' % name,
                                      sans=['DNS:localhost', 'IP:127.0.0.1'])
    store = str(tmp_path / (name + '.p12'))
    ensure_store(store, 'pkcs12', STORE_PASS, desired_entries(name, key, signed['certificate'],
                                                              signed['chain']))
    pem = str(tmp_path / (name + '.pem'))
    export_pem(store, 'pkcs12', STORE_PASS, name, pem)
    return pem


def _free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    ca = make_ca(str(tmp_path))
    pem = _export(tmp_path, ca, 'server')
    port = _free_port()
    proc = subprocess.Popen(['openssl', 's_server', '-accept', '127.0.0.1:%d' % port,
                             '-cert', pem, '-key', pem, '-CAfile', ca[0], '-Verify', '1',
                             '-verify_return_error', '-tls1_2', '-www'],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            socket.create_connection(('127.0.0.1', port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield tmp_path, ca, port
    proc.terminate()
    proc.wait(timeout=5)


def _handshake(port, ca_file, client_pem):
    context = ssl.create_default_context(cafile=ca_file)
    context.load_cert_chain(client_pem)
    with socket.create_connection(('127.0.0.1', port), timeout=5) as raw:
        with context.wrap_socket(raw, server_hostname='localhost') as tls:
            tls.sendall(b'GET / HTTP/1.0\r\n\r\n')
            return tls.recv(64)


def test_client_from_same_ca_completes_handshake(server):
    tmp_path, ca, port = server
    client = _export(tmp_path, ca, 'secure_user')
    assert _handshake(port, ca[0], client).startswith(b'HTTP/1.0 200')


def test_client_from_foreign_ca_is_refused(server):
    tmp_path, ca, port = server
    foreign_ca = make_ca(str(tmp_path), name='foreign', subject='CN=Foreign CA')
    client = _export(tmp_path, foreign_ca, 'intruder')
    with pytest.raises((ssl.SSLError, ConnectionResetError, BrokenPipeError)):
        _handshake(port, ca[0], client)
