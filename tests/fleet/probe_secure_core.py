"""Probes the secured ZooKeeper ensemble and brokers of a fleet from the controller, as an
attacker and as the admin would, and prints a table: check, expected, observed.

  python probe_secure_core.py --pki-dir DIR --zookeeper H:P,... --brokers H:P,... \
      --zk-admin-user admin --zk-admin-password-env VAR --work-dir DIR

Exit status 1 when any check does not hold. Needs confluent-kafka, kazoo, cryptography and
openssl; makes throwaway identities with the collection's own module_utils.
"""
import argparse
import os
import socket
import ssl
import subprocess
import sys
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, '.collections'))

from confluent_kafka import KafkaError, KafkaException, Producer  # noqa: E402
from confluent_kafka.admin import (AclBinding, AclBindingFilter, AclOperation,  # noqa: E402
                                   AclPermissionType, AdminClient, NewTopic,
                                   ResourcePatternType, ResourceType)
from kazoo.client import KazooClient  # noqa: E402

from ansible_collections.kafkasec.platform.plugins.module_utils.zookeeper import client as zk_client  # noqa: E402
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.request import ensure_key_and_csr  # noqa: E402
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.signing import issue  # noqa: E402

ROWS = []


def check(name, expected, observed, ok):
    ROWS.append((name, expected, observed, ok))


def signing_ca(pki_dir):
    """The newest CA generation whose key is still on the controller (pki role: ca-g<N>.*)."""
    generations = sorted(int(f[4:-4]) for f in os.listdir(pki_dir)
                         if f.startswith('ca-g') and f.endswith('.key') and f[4:-4].isdigit())
    if not generations:
        raise SystemExit('no CA key (ca-g<N>.key) in %s' % pki_dir)
    stem = os.path.join(pki_dir, 'ca-g%d' % generations[-1])
    return stem + '.crt', stem + '.key'


def client_identity(work, name, ca_cert, ca_key, ca_pass, subject=None, sans=None):
    """Key + certificate PEM files for a throwaway client signed by the given CA."""
    key = os.path.join(work, name + '.key')
    subject, sans = subject or 'CN=%s' % name, sans or []
    request = ensure_key_and_csr(key, 'ec', None, 'secp256r1', subject, sans)
    signed = issue(request['csr'], ca_cert, ca_key, ca_pass, 30, 1, ['clientAuth'], subject, sans)
    cert = os.path.join(work, name + '.crt')
    with open(cert, 'w') as handle:
        handle.write(''.join(signed['chain']))
    return cert, key


def ssl_config(args, cert=None, key=None):
    config = {'bootstrap.servers': args.brokers, 'security.protocol': 'SSL',
              'ssl.ca.location': os.path.join(args.pki_dir, 'ca.crt'),
              'ssl.endpoint.identification.algorithm': 'https', 'socket.timeout.ms': 10000}
    if cert:
        config.update({'ssl.certificate.location': cert, 'ssl.key.location': key})
    return config


def admin_config(args):
    pem = os.path.join(args.pki_dir, 'clients', 'admin.pem')
    return ssl_config(args, pem, pem)


def produce(config, topic):
    """None when the record was acknowledged, else the error (code name) the broker gave."""
    errors = []
    producer = Producer(dict(config, **{'message.timeout.ms': 15000, 'error_cb': errors.append}))
    result = {}
    producer.produce(topic, b'probe', on_delivery=lambda err, msg: result.update(err=err))
    producer.flush(20)
    err = result.get('err', 'no delivery report (%s)' % [str(e) for e in errors[-2:]])
    if err is None:
        return None
    return err.name() if isinstance(err, KafkaError) else str(err)


def admin_tls(args):
    pem = os.path.join(args.pki_dir, 'clients', 'admin.pem')
    return zk_client.TlsSettings(os.path.join(args.pki_dir, 'ca.crt'), pem, pem)


def probe_zookeeper(args):
    hosts = args.zookeeper.split(',')
    tls = admin_tls(args) if args.zookeeper_tls_port else None
    state = zk_client.ensemble_state(hosts, tls=tls)
    check('ZooKeeper ensemble', 'one leader, %d synced followers' % (len(hosts) - 1),
          'leaders=%d synced=%s' % (len(state['leaders']), state['synced_followers']), state['healthy'])
    password = os.environ[args.zk_admin_password_env]
    client = zk_client.connect(hosts, args.zk_admin_user, password, tls=tls)
    node = '/kafkasec-probe-%s' % uuid.uuid4().hex[:8]
    client.create(node, b'x')
    created = client.exists(node) is not None
    client.delete(node)
    check('ZooKeeper admin (SASL digest) creates and deletes a znode', 'yes',
          'yes' if created and client.exists(node) is None else 'no', created)
    acls = {}
    for path in ('/kafka/brokers', '/kafka/config', '/kafka/kafka-acl', '/kafka/controller'):
        if client.exists(path):
            acls[path] = ['%s:%s:%d' % (a.id.scheme, a.id.id, a.perms) for a in client.get_acls(path)[0]]
    client.stop()
    open_nodes = [p for p, a in acls.items() if 'world:anyone:31' in a]
    sasl_nodes = [p for p, a in acls.items() if any(x.startswith('sasl:') for x in a)]
    check("Kafka's znodes carry SASL ACLs, not world:anyone:cdrwa", '%d of %d' % (len(acls), len(acls)),
          '%d SASL, %d open (%s)' % (len(sasl_nodes), len(open_nodes), ', '.join(sorted(acls))),
          len(acls) >= 3 and len(sasl_nodes) == len(acls) and not open_nodes)
    # Without SASL: over TLS the client still shows a certificate the ensemble trusts, and
    # enforce.auth.schemes=sasl must close the session all the same.
    anonymous = KazooClient(hosts=args.zookeeper, timeout=5, connection_retry=None, command_retry=None,
                            **(tls.kazoo_options() if tls else {}))
    try:
        anonymous.start(timeout=5)
        anonymous.get_children('/')
        observed = 'served'
    except Exception as exc:  # kazoo raises several kinds for a closed session
        observed = 'refused (%s)' % type(exc).__name__
    finally:
        anonymous.stop()
        anonymous.close()
    check('ZooKeeper client without SASL%s' % (' (trusted certificate, TLS)' if tls else ''),
          'refused', observed, observed.startswith('refused'))
    if tls:
        wrong = None
        try:
            zk_client.connect(hosts, args.zk_admin_user, password + '-wrong', timeout=5, tls=tls).stop()
            wrong = 'served'
        except zk_client.ZooKeeperError:
            wrong = 'refused'
        check('ZooKeeper admin with a wrong SASL password', 'refused', wrong, wrong.startswith('refused'))


def probe_zookeeper_plaintext_port(args):
    if not args.zookeeper_tls_port:
        return
    for host_port in args.zookeeper.split(','):
        host = host_port.rsplit(':', 1)[0]
        try:
            socket.create_connection((host, args.zookeeper_plain_port), timeout=5).close()
            observed = 'open'
        except OSError as exc:
            observed = 'closed (%s)' % (exc.strerror or type(exc).__name__)
        check('ZooKeeper plaintext port %s:%d' % (host, args.zookeeper_plain_port), 'closed', observed,
              observed.startswith('closed'))


def probe_zookeeper_tls(args):
    if not args.zookeeper_tls_port:
        return
    host = args.zookeeper.split(',')[0].rsplit(':', 1)[0]
    # ZooKeeper checks a client certificate against the client's address (reverse DNS or IP):
    # the probe's identity names the controller's address on the fleet bridge.
    bridge_ip = socket.gethostbyname(host).rsplit('.', 1)[0] + '.1'
    cert, key = client_identity(args.work_dir, 'probe_zk_client', *signing_ca(args.pki_dir),
                                ca_pass=args.ca_passphrase, sans=['IP:%s' % bridge_ip])
    context = ssl.create_default_context(cafile=os.path.join(args.pki_dir, 'ca.crt'))
    context.load_cert_chain(cert, key)
    try:
        observed = 'accepted (%s)' % tls_handshake(host, args.zookeeper_tls_port, context, host)
    except (ssl.SSLError, OSError) as exc:
        observed = 'refused (%s)' % exc
    check('ZooKeeper TLS port with a client certificate', 'accepted', observed,
          observed.startswith('accepted'))
    bare = ssl.create_default_context(cafile=os.path.join(args.pki_dir, 'ca.crt'))
    try:
        with socket.create_connection((host, args.zookeeper_tls_port), timeout=5) as raw:
            with bare.wrap_socket(raw, server_hostname=host) as tls:
                tls.sendall(b'\x00\x00\x00\x00')
                tls.recv(1)
        observed = 'accepted'
    except (ssl.SSLError, OSError) as exc:
        observed = 'refused (%s)' % type(exc).__name__
    check('ZooKeeper TLS port without a client certificate', 'refused', observed,
          observed.startswith('refused'))


def tls_handshake(host, port, context, server_hostname):
    with socket.create_connection((host, port), timeout=5) as raw:
        with context.wrap_socket(raw, server_hostname=server_hostname) as tls:
            return tls.version()


def legacy_context(args):
    # TLS 1.1 on purpose: the probe must be able to offer what the brokers must refuse.
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.set_ciphers('ALL:@SECLEVEL=0')
    context.minimum_version = ssl.TLSVersion.TLSv1_1
    context.maximum_version = ssl.TLSVersion.TLSv1_1
    pem = os.path.join(args.pki_dir, 'clients', 'admin.pem')
    context.load_cert_chain(pem)
    return context


def probe_tls(args):
    host, port = args.brokers.split(',')[0].rsplit(':', 1)
    port = int(port)
    pem = os.path.join(args.pki_dir, 'clients', 'admin.pem')
    # First prove the probe can speak TLS 1.1 at all, against a loopback openssl server.
    server_port = free_port()
    server = subprocess.Popen(['openssl', 's_server', '-accept', '127.0.0.1:%d' % server_port,
                               '-cert', pem, '-key', pem, '-tls1_1', '-cipher', 'ALL:@SECLEVEL=0',
                               '-www'], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        wait_port('127.0.0.1', server_port)
        try:
            own = tls_handshake('127.0.0.1', server_port, legacy_context(args), 'localhost')
        except (ssl.SSLError, OSError) as exc:
            own = 'failed (%s)' % exc
    finally:
        server.terminate()
        server.wait(5)
    check('probe completes TLS 1.1 with a loopback openssl s_server', 'TLSv1.1', own, own == 'TLSv1.1')
    try:
        observed = tls_handshake(host, port, legacy_context(args), host)
    except (ssl.SSLError, OSError) as exc:
        observed = 'refused (%s)' % type(exc).__name__
    check('broker TLS 1.1 handshake', 'refused', observed, observed.startswith('refused') and own == 'TLSv1.1')

    context = ssl.create_default_context(cafile=os.path.join(args.pki_dir, 'ca.crt'))
    context.load_cert_chain(pem)
    try:
        observed = 'accepted (%s)' % tls_handshake(host, port, context, 'no-such-alias.fleet.test')
    except ssl.SSLCertVerificationError as exc:
        observed = 'refused (%s)' % exc.verify_message
    check('broker certificate under a name not in its SANs', 'refused', observed,
          observed.startswith('refused'))

    no_cert = ssl.create_default_context(cafile=os.path.join(args.pki_dir, 'ca.crt'))
    try:
        with socket.create_connection((host, port), timeout=5) as raw:
            with no_cert.wrap_socket(raw, server_hostname=host) as tls:
                tls.sendall(b'\x00')  # TLS 1.3 reports a missing client cert on first read
                tls.recv(1)
        observed = 'accepted'
    except (ssl.SSLError, OSError) as exc:
        observed = 'refused (%s)' % type(exc).__name__
    check('broker client without a certificate', 'refused', observed, observed.startswith('refused'))


def probe_authorization(args):
    admin = AdminClient(admin_config(args))
    metadata = admin.list_topics(timeout=15)
    check('admin sees the brokers over SSL with hostname verification', '%d brokers' % args.expected_brokers,
          '%d brokers' % len(metadata.brokers), len(metadata.brokers) == args.expected_brokers)
    topic = 'kafkasec-probe-%s' % uuid.uuid4().hex[:8]
    admin.create_topics([NewTopic(topic, 1, min(3, args.expected_brokers))])[topic].result(30)
    ca_cert, ca_key = signing_ca(args.pki_dir)
    nobody = client_identity(args.work_dir, 'probe_nobody', ca_cert, ca_key, args.ca_passphrase)
    observed = produce(ssl_config(args, *nobody), topic)
    check('identity without ACLs produces', 'TOPIC_AUTHORIZATION_FAILED', str(observed),
          observed == 'TOPIC_AUTHORIZATION_FAILED')
    # A full source-style DN must map to User:<CN>: an ACL for that principal lets it produce.
    dn = 'CN=probe_mapped,OU=BDP,O=Company,L=San Jose,ST=CA,C=US'
    mapped = client_identity(args.work_dir, 'probe_mapped', ca_cert, ca_key, args.ca_passphrase, dn)
    binding = AclBinding(ResourceType.TOPIC, topic, ResourcePatternType.LITERAL, 'User:probe_mapped',
                         '*', AclOperation.WRITE, AclPermissionType.ALLOW)
    admin.create_acls([binding])[binding].result(30)
    observed = None
    for _attempt in range(10):  # ACLs reach every broker through ZooKeeper watches
        observed = produce(ssl_config(args, *mapped), topic)
        if observed is None:
            break
        time.sleep(1)
    check('full DN maps to User:<CN> (ACL for User:probe_mapped)', 'produce accepted',
          'accepted' if observed is None else str(observed), observed is None)
    cleanup = AclBindingFilter(ResourceType.TOPIC, topic, ResourcePatternType.LITERAL,
                               'User:probe_mapped', '*', AclOperation.WRITE, AclPermissionType.ALLOW)
    admin.delete_acls([cleanup])[cleanup].result(30)
    admin.delete_topics([topic])


def print_table(rows):
    """Prints (check, expected, observed, ok) rows as a table; 1 when any check failed, else 0."""
    width = max(len(r[0]) for r in rows)
    expected_width = max(len(r[1]) for r in rows + [('', 'expected')])
    print('%-*s | %-*s | %s' % (width, 'check', expected_width, 'expected', 'observed'))
    for name, expected, observed, ok in rows:
        print('%-*s | %-*s | %s%s' % (width, name, expected_width, expected, observed,
                                      '' if ok else '   <-- FAILED'))
    failed = [r for r in rows if not r[3]]
    print('%d passed, %d failed' % (len(rows) - len(failed), len(failed)))
    return 1 if failed else 0


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def wait_port(host, port, limit=10):
    deadline = time.time() + limit
    while time.time() < deadline:
        try:
            socket.create_connection((host, port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--pki-dir', required=True)
    parser.add_argument('--zookeeper', required=True)
    parser.add_argument('--brokers', required=True)
    parser.add_argument('--expected-brokers', type=int, default=3)
    parser.add_argument('--zk-admin-user', default='admin')
    parser.add_argument('--zk-admin-password-env', default='KAFKASEC_ZK_ADMIN_PASSWORD')
    parser.add_argument('--ca-passphrase-env', default='KAFKASEC_CA_PASSPHRASE')
    parser.add_argument('--work-dir', required=True)
    parser.add_argument('--zookeeper-tls-port', type=int, default=0)
    parser.add_argument('--zookeeper-plain-port', type=int, default=2181)
    args = parser.parse_args()
    args.ca_passphrase = os.environ[args.ca_passphrase_env]
    os.makedirs(args.work_dir, exist_ok=True)
    for probe in (probe_zookeeper, probe_zookeeper_plaintext_port, probe_zookeeper_tls, probe_tls,
                  probe_authorization):
        try:
            probe(args)
        except (KafkaException, Exception) as exc:  # a probe that crashes is a failed check
            check(probe.__name__, 'completes', 'crashed: %s: %s' % (type(exc).__name__, exc), False)
    return print_table(ROWS)


if __name__ == '__main__':
    sys.exit(main())
