from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import socket
import ssl
import threading

import pytest

from ansible_collections.kafkasec.platform.plugins.module_utils.pki.endpoint import (
    EndpointError,
    client_context,
    served_certificate,
)
from ansible_collections.kafkasec.platform.tests.unit.plugins.module_utils.pki.pki_fixtures import make_ca, make_identity


@pytest.fixture
def tls_server(tmp_path):
    """A TLS server on loopback serving an identity of a test CA; yields (port, ca, signed)."""
    ca = make_ca(str(tmp_path))
    key, _request, signed = make_identity(str(tmp_path), 'localhost', ca, sans=['DNS:localhost'])
    chain = os.path.join(str(tmp_path), 'chain.pem')
    with open(chain, 'w') as out:
        out.write(''.join(signed['chain']))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(chain, key)
    listener = socket.socket()
    listener.bind(('127.0.0.1', 0))
    listener.listen(4)
    stop = threading.Event()

    def serve():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _addr = listener.accept()
            except socket.timeout:
                continue
            try:
                with context.wrap_socket(conn, server_side=True) as tls:
                    tls.recv(1)
            except (ssl.SSLError, OSError):
                pass

    thread = threading.Thread(target=serve)
    thread.start()
    yield listener.getsockname()[1], ca, signed
    stop.set()
    thread.join()
    listener.close()


def test_served_certificate_is_the_identity_of_the_server(tls_server):
    port, ca, signed = tls_server
    served = served_certificate('127.0.0.1', port, client_context(ca[0]), server_name='localhost')
    assert served['serial'] == signed['serial']
    assert served['subject'] == 'CN=localhost'
    assert served['protocol'] in ('TLSv1.2', 'TLSv1.3')
    assert served['authority_key_id']


def test_a_server_of_another_ca_is_refused(tls_server, tmp_path):
    port, _ca, _signed = tls_server
    other = make_ca(str(tmp_path), name='other')
    with pytest.raises(EndpointError) as refused:
        served_certificate('127.0.0.1', port, client_context(other[0]), server_name='localhost')
    assert 'not accepted for localhost' in str(refused.value)


def test_a_name_missing_from_the_certificate_is_refused(tls_server):
    port, ca, _signed = tls_server
    with pytest.raises(EndpointError) as refused:
        served_certificate('127.0.0.1', port, client_context(ca[0]), server_name='kafka9.example')
    assert 'kafka9.example' in str(refused.value)


def test_nothing_listening_names_the_endpoint():
    probe = socket.socket()
    probe.bind(('127.0.0.1', 0))
    port = probe.getsockname()[1]
    probe.close()
    with pytest.raises(EndpointError) as refused:
        served_certificate('127.0.0.1', port, client_context(None, verify=False), timeout=2)
    assert 'no TLS handshake with 127.0.0.1:%d' % port in str(refused.value)
