# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ACLs of Kafka's znodes, read and set the way Kafka's `zookeeper-security-migration
--zookeeper.acl=secure` leaves them: the brokers' SASL principal has every right, everyone may
read, except under the paths Kafka holds secrets in (no world read there).

An ACL is handled as the string `scheme:id:perms` (perms in ZooKeeper's cdrwa letters), so the
ACLs of a znode compare as a set of strings.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.kafkasec.platform.plugins.module_utils.errors import BadInputError
from ansible_collections.kafkasec.platform.plugins.module_utils.zookeeper.client import ZooKeeperError

try:
    from kazoo.exceptions import KazooException, NoNodeError
    from kazoo.security import ACL, Id
except ImportError:
    pass  # zk_client reports the missing library

# Kafka's ZkData.SecureRootPaths (3.9) relative to the chroot: walked when there is no chroot,
# so the rest of a shared ensemble is left alone.
KAFKA_ROOT_PATHS = ('/admin', '/brokers', '/cluster', '/config', '/controller',
                    '/controller_epoch', '/isr_change_notification', '/latest_producer_id_block',
                    '/log_dir_event_notification', '/delegation_token', '/kafka-acl',
                    '/kafka-acl-changes', '/kafka-acl-extended', '/kafka-acl-extended-changes',
                    '/migration', '/feature')
# ZkData.sensitiveRootPaths: user and broker configs (SCRAM credentials, encrypted passwords)
# and delegation tokens get no world read.
SENSITIVE_PATHS = ('/config/users', '/config/brokers', '/delegation_token/tokens')
PERMISSION_LETTERS = (('c', 4), ('d', 8), ('r', 1), ('w', 2), ('a', 16))


def acl_string(acl):
    letters = ''.join(letter for letter, bit in PERMISSION_LETTERS if acl.perms & bit)
    return '%s:%s:%s' % (acl.id.scheme, acl.id.id, letters)


def parse_acl(text):
    scheme, _sep, rest = text.partition(':')
    ident, _sep, letters = rest.rpartition(':')
    perms = sum(bit for letter, bit in PERMISSION_LETTERS if letter in letters)
    return ACL(perms, Id(scheme, ident))


def normalize_chroot(chroot):
    chroot = '/' + (chroot or '').strip('/')
    if '//' in chroot or any(part in ('.', '..') for part in chroot.split('/')):
        raise BadInputError('chroot %r is not a ZooKeeper path: give it like /kafka' % chroot)
    return chroot


def relative(path, chroot):
    return path[len(chroot):] or '/' if chroot != '/' else path


def is_sensitive(path, chroot):
    rel = relative(path, chroot)
    return any(rel == p or rel.startswith(p + '/') for p in SENSITIVE_PATHS)


def common_name(dn):
    """The CN of an RFC 2253 DN as ZooKeeper prints x509 ids (None without one)."""
    match = re.search(r'(?:^|,)\s*CN=((?:[^,\\]|\\.)*)', dn)
    return match.group(1) if match else None


def secure_acls(path, chroot, principal, current=(), x509_common_names=()):
    """The ACL strings `path` should carry.

    Kafka grants "creator all": every identity of the broker that made the znode, so a broker on
    ZooKeeper's TLS port adds its certificate subject (x509) beside its SASL user. Those x509
    entries are kept when their CN names a broker in `x509_common_names` (ZooKeeper only accepts
    certificates of the CA it trusts); any other is dropped.
    """
    wanted = {'sasl:%s:cdrwa' % principal}
    for acl in current:
        scheme, _sep, rest = acl.partition(':')
        subject = rest.rpartition(':')[0]
        if scheme == 'x509' and common_name(subject) in x509_common_names:
            wanted.add('x509:%s:cdrwa' % subject)
    if not is_sensitive(path, chroot):
        wanted.add('world:anyone:r')
    return sorted(wanted)


def walk(client, chroot):
    """The chroot and every znode under Kafka's secure root paths, parents first.

    Like zookeeper-security-migration, /consumers (the pre-0.9 consumers' path, which Kafka
    leaves world-writable) and anything else under the chroot are not walked.
    """
    chroot_prefix = '' if chroot == '/' else chroot
    if chroot != '/' and not client.exists(chroot):
        raise BadInputError('znode %s does not exist: check chroot (the brokers\' '
                            'zookeeper.connect ends with it)' % chroot)
    found = [chroot] if chroot != '/' else []
    pending = [chroot_prefix + p for p in KAFKA_ROOT_PATHS if client.exists(chroot_prefix + p)]
    while pending:
        path = pending.pop(0)
        found.append(path)
        try:
            children = client.get_children(path)
        except NoNodeError:
            continue  # deleted while walking (e.g. a notification consumed)
        pending.extend(sorted(path + '/' + child for child in children))
    return found


def ensure(client, chroot, principal, state, check_mode, x509_common_names=()):
    """Report (state=report) or set (state=secure) the ACLs; returns the module's result."""
    chroot = normalize_chroot(chroot)
    if not principal or ':' in principal:
        raise BadInputError('kafka_principal %r is not a SASL user name: give the user the '
                            'brokers log in to ZooKeeper as, e.g. kafka' % principal)
    znodes, changed, before, after = {}, [], [], []
    try:
        for path in walk(client, chroot):
            try:
                acls, _stat = client.get_acls(path)
            except NoNodeError:
                continue
            current = sorted(acl_string(a) for a in acls)
            znodes[path] = current
            if state != 'secure':
                continue
            wanted = secure_acls(path, chroot, principal, current, x509_common_names)
            if current != wanted:
                changed.append(path)
                before.append('%s %s\n' % (path, ' | '.join(current)))
                after.append('%s %s\n' % (path, ' | '.join(wanted)))
                if not check_mode:
                    client.set_acls(path, [parse_acl(a) for a in wanted])
                    znodes[path] = wanted
    except KazooException as exc:
        raise ZooKeeperError('ZooKeeper refused to %s the ACLs under %s (%s: %s): connect as the '
                             'ZooKeeper super user (sasl_username) with its password'
                             % ('set' if state == 'secure' else 'read', chroot,
                                type(exc).__name__, exc))
    return {'changed': bool(changed), 'changed_znodes': changed, 'znodes': znodes,
            'diff': {'before': ''.join(before), 'after': ''.join(after)}}
