# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ZooKeeper access from the admin host: four-letter words for ensemble state, and kazoo with
SASL DIGEST-MD5 for requests (a wrong password connects, then fails on the first request, so a
health check makes a request)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import socket
import traceback

from ansible_collections.kafkasec.platform.plugins.module_utils.errors import KafkasecError

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
)


class ZooKeeperError(KafkasecError):
    """The ensemble could not be reached or refused the client."""


def four_letter(host_port, word, timeout=5):
    """Answer of a four-letter word (e.g. srvr, mntr) as a dict of its `key: value` lines."""
    host, _sep, port = host_port.rpartition(':')
    try:
        with socket.create_connection((host, int(port)), timeout=timeout) as sock:
            sock.sendall(word.encode('ascii'))
            chunks = []
            while True:
                chunk = sock.recv(4096)
                if not chunk:
                    break
                chunks.append(chunk)
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


def ensemble_state(hosts, timeout=5):
    """Mode of each member and, from the leader, how many followers are synced."""
    members = {}
    for host_port in hosts:
        try:
            members[host_port] = four_letter(host_port, 'srvr', timeout).get('Mode', 'unknown')
        except ZooKeeperError as exc:
            members[host_port] = 'down: %s' % exc
    leaders = [h for h, mode in members.items() if mode == 'leader']
    synced = None
    if len(leaders) == 1:
        synced = int(four_letter(leaders[0], 'mntr', timeout).get('zk_synced_followers', '0'))
    return {'members': members, 'leaders': leaders, 'synced_followers': synced,
            'healthy': len(leaders) == 1 and synced == len(hosts) - 1}


def connect(hosts, username=None, password=None, timeout=10):
    """A started kazoo client; with a username, authenticated by SASL DIGEST-MD5."""
    options = {}
    if username:
        options['sasl_options'] = {'mechanism': 'DIGEST-MD5', 'username': username,
                                   'password': password or ''}
    client = KazooClient(hosts=','.join(hosts), timeout=timeout, connection_retry=None,
                         command_retry=None, **options)
    try:
        client.start(timeout=timeout)
        client.get_children('/')  # the request that proves the credentials
    except (KazooTimeoutError, KazooException) as exc:
        client.stop()
        client.close()
        raise ZooKeeperError('ZooKeeper at %s refused or dropped the %s client (%s: %s): check '
                             'the SASL user and password' % (','.join(hosts),
                                                             username or 'anonymous',
                                                             type(exc).__name__, exc))
    return client


def ensemble_health(hosts, username=None, password=None, timeout=10):
    """(state, problem) for polling.poll: the ensemble's state, then with a username a SASL
    request as that user; problem None when all of it holds."""
    state = ensemble_state(hosts, timeout=timeout)
    state['authenticated'] = None
    state['auth_error'] = None
    if username and state['healthy']:
        try:
            client = connect(hosts, username, password, timeout)
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
