"""The TLS part of the security matrix: every TLS port of every component, probed from the
controller with a valid identity (must be served) and with what must be refused - no client
certificate, a foreign CA's certificate, an expired certificate of the fleet's CA, a server
name missing from the server's certificate, TLS 1.0 and TLS 1.1 - plus the brokers' PLAINTEXT
port. Prints check | expected | observed; exit status 1 when any check does not hold.

  python probe_tls_matrix.py --pki-dir DIR --endpoint COMPONENT=HOST:PORT ... --closed HOST:PORT ...
"""
import argparse
import datetime
import os
import socket
import ssl
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probe_secure_core import client_identity, free_port, print_table, signing_ca, wait_port  # noqa: E402

from ansible_collections.kafkasec.platform.plugins.module_utils.pki import crypto  # noqa: E402
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.authority import ensure_ca  # noqa: E402
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.request import ensure_key_and_csr  # noqa: E402
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.signing import issue  # noqa: E402

LEGACY = {'TLS 1.0': ssl.TLSVersion.TLSv1, 'TLS 1.1': ssl.TLSVersion.TLSv1_1}
# How ssl.SSLSocket.version() names them.
SPOKEN = {'TLS 1.0': 'TLSv1', 'TLS 1.1': 'TLSv1.1'}


def served(host, port, context, server_name, wait=2.0):
    """'served' when the server keeps the connection open after the handshake (it waits for a
    request), else 'refused (<why>)'. A server that rejects the client certificate says so
    with an alert, which TLS 1.3 delivers on the first read."""
    try:
        with socket.create_connection((host, port), timeout=5) as raw:
            with context.wrap_socket(raw, server_hostname=server_name) as tls:
                version = tls.version()
                tls.settimeout(wait)
                try:
                    data = tls.recv(1)
                except socket.timeout:
                    return 'served (%s)' % version
                return 'refused (closed by the server)' if not data else 'served (%s)' % version
    except ssl.SSLCertVerificationError as exc:
        return 'refused (%s)' % exc.verify_message
    except ssl.SSLError as exc:
        return 'refused (%s)' % (exc.reason or type(exc).__name__)
    except OSError as exc:
        return 'refused (%s)' % (exc.strerror or type(exc).__name__)


def context_for(ca, cert=None, key=None, version=None):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.load_verify_locations(cafile=ca)
    if version is not None:
        # Offered on purpose: the servers must refuse it. Verification stays on.
        context.set_ciphers('ALL:@SECLEVEL=0')
        context.minimum_version = context.maximum_version = version
    else:
        context.minimum_version = ssl.TLSVersion.TLSv1_2
    if cert:
        context.load_cert_chain(cert, key)
    return context


def expired_identity(work, ca_cert, ca_key, passphrase, sans):
    key = os.path.join(work, 'matrix_expired.key')
    request = ensure_key_and_csr(key, 'ec', None, 'secp256r1', 'CN=secure_user', sans)
    past = crypto.utcnow() - datetime.timedelta(days=3)
    signed = issue(request['csr'], ca_cert, ca_key, passphrase, 1, 0, ['clientAuth'],
                   'CN=secure_user', sans, now=past)
    cert = os.path.join(work, 'matrix_expired.crt')
    with open(cert, 'w') as handle:
        handle.write(''.join(signed['chain']))
    return cert, key


def foreign_identity(work, passphrase, sans):
    ca_cert, ca_key = os.path.join(work, 'foreign-ca.crt'), os.path.join(work, 'foreign-ca.key')
    ensure_ca(ca_cert, ca_key, passphrase, 'CN=kafkasec Kafka CA,O=Company,C=US', 'ec', None,
              'secp256r1', 60)
    return client_identity(work, 'matrix_foreign', ca_cert, ca_key, passphrase,
                           'CN=secure_user', sans)


def probe_can_offer(version, pem):
    """The probe's own OpenSSL must complete `version` with a loopback openssl s_server, or
    a refusal by the fleet would prove nothing."""
    flag = {'TLS 1.0': '-tls1', 'TLS 1.1': '-tls1_1'}[version]
    port = free_port()
    server = subprocess.Popen(['openssl', 's_server', '-accept', '127.0.0.1:%d' % port, '-cert', pem,
                               '-key', pem, flag, '-cipher', 'ALL:@SECLEVEL=0', '-www'],
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_port('127.0.0.1', port)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        context.set_ciphers('ALL:@SECLEVEL=0')
        context.minimum_version = context.maximum_version = LEGACY[version]
        with socket.create_connection(('127.0.0.1', port), timeout=5) as raw:
            with context.wrap_socket(raw) as tls:
                return tls.version()
    except (ssl.SSLError, OSError) as exc:
        return 'failed (%s)' % exc
    finally:
        server.terminate()
        server.wait(5)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--pki-dir', required=True)
    parser.add_argument('--work-dir', required=True)
    parser.add_argument('--ca-passphrase-env', default='KAFKASEC_CA_PASSPHRASE')
    parser.add_argument('--endpoint', action='append', default=[], help='COMPONENT=HOST:PORT')
    parser.add_argument('--closed', action='append', default=[], help='HOST:PORT that must be closed')
    args = parser.parse_args()
    passphrase = os.environ[args.ca_passphrase_env]
    os.makedirs(args.work_dir, exist_ok=True)
    ca = os.path.join(args.pki_dir, 'ca.crt')
    first_host = args.endpoint[0].split('=', 1)[1].rsplit(':', 1)[0]
    # ZooKeeper checks a client certificate against the client's address: every probe identity
    # names the controller's address on the fleet bridge.
    sans = ['IP:%s.1' % socket.gethostbyname(first_host).rsplit('.', 1)[0]]
    ca_cert, ca_key = signing_ca(args.pki_dir)
    valid = client_identity(args.work_dir, 'matrix_valid', ca_cert, ca_key, passphrase, 'CN=secure_user', sans)
    identities = [('a valid identity (baseline)', valid, None, None, 'served'),
                  ('no client certificate', (None, None), None, None, 'refused'),
                  ("a foreign CA's certificate", foreign_identity(args.work_dir, passphrase, sans), None, None, 'refused'),
                  ("an expired certificate of the fleet's CA", expired_identity(args.work_dir, ca_cert, ca_key, passphrase, sans),
                   None, None, 'refused'),
                  ('a server name missing from its certificate', valid, 'not-in-san.fleet.test', None, 'refused')]
    rows = []
    own = {}
    for version in sorted(LEGACY):
        own[version] = probe_can_offer(version, os.path.join(args.pki_dir, 'clients', 'admin.pem'))
        rows.append(('the probe itself completes %s (loopback openssl s_server)' % version,
                     SPOKEN[version], own[version], own[version] == SPOKEN[version]))
    for spec in args.endpoint:
        component, address = spec.split('=', 1)
        host, port = address.rsplit(':', 1)
        port = int(port)
        cases = list(identities) + [('%s' % v, valid, None, LEGACY[v], 'refused') for v in sorted(LEGACY)]
        for label, (cert, key), name, version, expected in cases:
            observed = served(host, port, context_for(ca, cert, key, version), name or host)
            ok = observed.startswith(expected)
            if version is not None:
                ok = ok and own[label] == SPOKEN[label]
            rows.append(('%s %s:%d, %s' % (component, host, port, label), expected, observed, ok))
    for address in args.closed:
        host, port = address.rsplit(':', 1)
        try:
            socket.create_connection((host, int(port)), timeout=5).close()
            observed = 'open'
        except OSError as exc:
            observed = 'closed (%s)' % (exc.strerror or type(exc).__name__)
        rows.append(('PLAINTEXT port %s' % address, 'closed', observed, observed.startswith('closed')))
    return print_table(rows)


if __name__ == '__main__':
    sys.exit(main())
