# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ZooKeeper access from the admin host: four-letter words for ensemble state, and kazoo with
SASL DIGEST-MD5 for requests (a wrong password connects, then fails on the first request, so a
health check makes a request). Both go over TLS (ZooKeeper's secureClientPort, a client
certificate, the server's name verified) unless told otherwise: DIGEST-MD5 authenticates but
does not encrypt."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import socket
import ssl
import traceback

from ansible_collections.kafkasec.platform.plugins.module_utils.errors import (
    BadInputError,
    KafkasecError,
)

try:
    from kazoo.client import KazooClient
    from kazoo.exceptions import KazooException
    from kazoo.handlers.threading import KazooTimeoutError
    HAS_KAZOO = True
    KAZOO_IMPORT_ERROR = None
except ImportError:
    HAS_KAZOO = False
    KAZOO_IMPORT_ERROR = traceback.format_exc()

ZK_ARGUMENT_SPEC = dict(
    hosts=dict(type='list', elements='str', required=True),
    sasl_username=dict(type='str'),
    sasl_password=dict(type='str', no_log=True),
    request_timeout=dict(type='int', default=10),
    tls=dict(type='bool', default=True),
    ssl_ca_location=dict(type='path'),
    ssl_certificate_location=dict(type='path'),
    ssl_key_location=dict(type='path'),
    ssl_endpoint_identification=dict(type='bool', default=True),
)
TLS_FILES = ('ssl_ca_location', 'ssl_certificate_location', 'ssl_key_location')
ZK_REQUIRED_IF = [('tls', True, TLS_FILES)]
PLAIN_PORT = 2181
TLS_PORT = 2182


class ZooKeeperError(KafkasecError):
    """The ensemble could not be reached or refused the client."""


class TlsSettings:
    """Client side of ZooKeeper's TLS port: CA, client certificate and key, name checking. The
    files are loaded once, here, so a bad path fails before any connection is tried."""

    def __init__(self, ca, certificate, key, check_hostname=True):
        self.ca, self.certificate, self.key = ca, certificate, key
        self.check_hostname = check_hostname
        self.context = self._context()

    @classmethod
    def from_params(cls, params):
        """From a module's options; None when tls is off."""
        if not params.get('tls', True):
            return None
        missing = [name for name in TLS_FILES if not params.get(name)]
        if missing:
            raise BadInputError('%s needed for ZooKeeper over TLS: give the CA and a client '
                                'certificate the ensemble trusts (the pki role\'s admin PEM), or '
                                'set tls: false for a plaintext port' % ', '.join(missing))
        return cls(params['ssl_ca_location'], params['ssl_certificate_location'],
                   params['ssl_key_location'], params.get('ssl_endpoint_identification', True))

    def _context(self):
        try:
            context = ssl.create_default_context(cafile=self.ca)
            context.load_cert_chain(self.certificate, self.key)
        except (OSError, ssl.SSLError) as exc:
            raise BadInputError('cannot load the ZooKeeper TLS files (%s): check ssl_ca_location, '
                                'ssl_certificate_location and ssl_key_location' % exc)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.check_hostname = self.check_hostname
        return context

    def kazoo_options(self):
        return {'use_ssl': True, 'ca': self.ca, 'certfile': self.certificate,
                'keyfile': self.key, 'verify_certs': True, 'check_hostname': self.check_hostname}


def default_port(tls):
    return TLS_PORT if tls else PLAIN_PORT


def four_letter(host_port, word, timeout=5, tls=None):
    """Answer of a four-letter word (e.g. srvr, mntr) as a dict of its `key: value` lines."""
    host, _sep, port = host_port.rpartition(':')
    context = tls.context if tls else None
    try:
        with socket.create_connection((host, int(port)), timeout=timeout) as raw:
            sock = context.wrap_socket(raw, server_hostname=host) if context else raw
            sock.sendall(word.encode('ascii'))
            chunks = []
            while True:
                chunk = sock.recv(4096)
                if not chunk:
                    break
                chunks.append(chunk)
    except ssl.SSLError as exc:
        raise ZooKeeperError('%s refused the TLS handshake (%s): check that this port is '
                             'ZooKeeper\'s secureClientPort, ssl_ca_location and the client '
                             'certificate' % (host_port, exc))
    except OSError as exc:
        raise ZooKeeperError('%s did not answer %s (%s): is ZooKeeper running there?'
                             % (host_port, word, exc))
    text = b''.join(chunks).decode('utf-8', 'replace')
    if 'is not executed because it is not in the whitelist' in text:
        raise ZooKeeperError('%s refuses the four-letter word %s: add it to '
                             '4lw.commands.whitelist' % (host_port, word))
    answer = {}
    for line in text.splitlines():
        key, sep, value = line.partition(':' if word == 'srvr' else '\t')
        if sep:
            answer[key.strip()] = value.strip()
    return answer


def ensemble_state(hosts, timeout=5, tls=None):
    """Mode of each member and, from the leader, how many followers are synced."""
    members = {}
    for host_port in hosts:
        try:
            members[host_port] = four_letter(host_port, 'srvr', timeout, tls).get('Mode', 'unknown')
        except ZooKeeperError as exc:
            members[host_port] = 'down: %s' % exc
    leaders = [h for h, mode in members.items() if mode == 'leader']
    synced = None
    if len(leaders) == 1:
        synced = int(four_letter(leaders[0], 'mntr', timeout, tls).get('zk_synced_followers', '0'))
    return {'members': members, 'leaders': leaders, 'synced_followers': synced,
            'healthy': len(leaders) == 1 and synced == len(hosts) - 1}


def connect(hosts, username=None, password=None, timeout=10, tls=None):
    """A started kazoo client, over TLS when given its settings; with a username, authenticated
    by SASL DIGEST-MD5."""
    options = tls.kazoo_options() if tls else {}
    if username:
        options['sasl_options'] = {'mechanism': 'DIGEST-MD5', 'username': username,
                                   'password': password or ''}
    client = KazooClient(hosts=','.join(hosts), timeout=timeout, connection_retry=None,
                         command_retry=None, **options)
    try:
        client.start(timeout=timeout)
        client.get_children('/')  # the request that proves the credentials
    except (KazooTimeoutError, KazooException, ssl.SSLError) as exc:
        client.stop()
        client.close()
        raise ZooKeeperError('ZooKeeper at %s refused or dropped the %s client (%s: %s): check '
                             'the SASL user and password%s' % (
                                 ','.join(hosts), username or 'anonymous', type(exc).__name__,
                                 exc, ', and the TLS port and client certificate' if tls else ''))
    return client


def ensemble_health(hosts, username=None, password=None, timeout=10, tls=None):
    """(state, problem) for polling.poll: the ensemble's state, then with a username a SASL
    request as that user; problem None when all of it holds."""
    state = ensemble_state(hosts, timeout=timeout, tls=tls)
    state['authenticated'] = None
    state['auth_error'] = None
    if username and state['healthy']:
        try:
            client = connect(hosts, username, password, timeout, tls)
            client.stop()
            client.close()
            state['authenticated'] = True
        except KafkasecError as exc:
            state['authenticated'] = False
            state['auth_error'] = str(exc)
            state['healthy'] = False
    if state['healthy']:
        return state, None
    return state, 'members %s, synced followers %s%s' % (
        state['members'], state['synced_followers'],
        ', ' + state['auth_error'] if state['auth_error'] else '')
