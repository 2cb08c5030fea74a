# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ACL bindings declared as data, compared and applied through the brokers' Admin API.

A binding is a tuple (resource_type, resource_name, pattern_type, principal, host, operation,
permission) of lower-case names, so declared and described bindings compare as plain values.
Exclusive mode works per declared *resource pattern* (type, name, pattern type): it describes
with that exact pattern and deletes exact bindings only, never anything on another pattern.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import ipaddress
import re
import socket
from collections import namedtuple

from ansible_collections.kafkasec.platform.plugins.module_utils.errors import BadInputError

try:
    from confluent_kafka.admin import (AclBinding, AclBindingFilter, AclOperation,
                                       AclPermissionType, ResourcePatternType, ResourceType)
except ImportError:
    pass  # kafka_client reports the missing library; plan logic below needs none of it

OPERATIONS = ('all', 'read', 'write', 'create', 'delete', 'alter', 'describe', 'cluster_action',
              'describe_configs', 'alter_configs', 'idempotent_write')
RESOURCE_TYPES = ('topic', 'group', 'cluster', 'transactional_id')
PATTERN_TYPES = ('literal', 'prefixed')
PERMISSIONS = ('allow', 'deny')
CLUSTER_NAME = 'kafka-cluster'
PRINCIPAL = re.compile(r'^[A-Za-z][A-Za-z0-9_]*:\S.*$')

Binding = namedtuple('Binding', 'resource_type resource_name pattern_type principal host '
                                'operation permission')


def _choice(value, choices, field, where):
    """`value` normalised (case, CamelCase, dashes) if it names one of `choices`."""
    name = re.sub(r'(?<=[a-z])(?=[A-Z])', '_', str(value)).replace('-', '_').lower()
    if name not in choices:
        raise BadInputError('%s %r in %s is not one of %s' % (field, value, where, ', '.join(choices)))
    return name


def java_host_address(address):
    """`address` as Java's InetAddress.getHostAddress() prints it, which is what the brokers'
    authorizer compares ACL hosts with: IPv6 in eight uncompressed lower-case groups
    (2001:db8:0:0:0:0:0:5), an IPv4-mapped IPv6 address as plain IPv4, a zone kept after '%'."""
    text, _sep, zone = str(address).partition('%')
    parsed = ipaddress.ip_address(text)
    if parsed.version == 6 and parsed.ipv4_mapped is not None:
        parsed = parsed.ipv4_mapped
    if parsed.version == 4:
        return str(parsed)
    groups = ':'.join('%x' % int(group, 16) for group in parsed.exploded.split(':'))
    return groups + ('%' + zone if zone else '')


def resolve_host(host, where, resolver=socket.getaddrinfo):
    """IP addresses Kafka will match for `host`: '*' and addresses as given, names resolved;
    every address written the way the broker compares it."""
    if host in (None, '', '*'):
        return ['*']
    try:
        return [java_host_address(host)]
    except ValueError:
        pass
    try:
        answers = resolver(host, None, 0, socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise BadInputError('host %r in %s does not resolve (%s): Kafka matches ACL hosts '
                            'against client IP addresses, so give an address or a name this '
                            'admin host resolves' % (host, where, exc))
    return sorted({java_host_address(answer[4][0]) for answer in answers})


def parse_resource(entry, where):
    """(resource_type, resource_name, pattern_type) of an entry, names checked."""
    resource_type = _choice(entry.get('resource_type') or 'topic', RESOURCE_TYPES,
                            'resource_type', where)
    name = entry.get('resource_name')
    if resource_type == 'cluster':
        name = name or CLUSTER_NAME
    if not name:
        raise BadInputError('%s has no resource_name: name the %s (or * for all)'
                            % (where, resource_type))
    pattern_type = _choice(entry.get('pattern_type') or 'literal', PATTERN_TYPES,
                           'pattern_type', where)
    return resource_type, name, pattern_type


def parse_resources(entries):
    """The resource patterns an inventory owns (the module's `resources` option)."""
    return sorted({parse_resource(entry, 'resources[%d]' % index)
                   for index, entry in enumerate(entries or [])})


def parse_entries(entries, state='present', resolver=socket.getaddrinfo):
    """(present, absent): the declared entries as two sorted lists of Binding, each entry under
    its own `state` or else the module's."""
    split = {'present': set(), 'absent': set()}
    for index, entry in enumerate(entries):
        entry_state = entry.get('state') or state
        if entry_state not in split:
            raise BadInputError('state %r in acls[%d] is not present or absent'
                                % (entry_state, index))
        split[entry_state].update(parse_bindings([entry], resolver, first_index=index))
    both = split['present'] & split['absent']
    if both:
        raise BadInputError('acls declares %s both present and absent: keep one of the two entries'
                            % as_line(sorted(both)[0]))
    return sorted(split['present']), sorted(split['absent'])


def parse_bindings(entries, resolver=socket.getaddrinfo, first_index=0):
    """Declared ACL entries (the module's `acls` option) as a sorted list of Binding."""
    bindings = set()
    for index, entry in enumerate(entries, first_index):
        where = 'acls[%d]' % index
        principal = entry.get('principal') or ''
        if not PRINCIPAL.match(principal):
            raise BadInputError('principal %r in %s lacks its type: write it as User:<name> '
                                '(or User:* for everyone)' % (principal, where))
        resource_type, name, pattern_type = parse_resource(entry, where)
        permission = _choice(entry.get('permission') or 'allow', PERMISSIONS, 'permission', where)
        operations = entry.get('operations') or []
        if isinstance(operations, str):
            operations = [operations]
        if not operations:
            raise BadInputError('%s has no operations: list them, e.g. [Read, Describe]' % where)
        for host in resolve_host(entry.get('host'), where, resolver):
            for operation in operations:
                bindings.add(Binding(resource_type, name, pattern_type, principal, host,
                                     _choice(operation, OPERATIONS, 'operation', where), permission))
    return sorted(bindings)


def plan(present, absent, current, exclusive):
    """(to_add, to_remove) lists of Binding, given the bindings the cluster has on exactly the
    resource patterns in play (declared ones and, with exclusive, the owned ones)."""
    current, wanted = set(current), set(present)
    to_add = sorted(wanted - current)
    unwanted = set(absent) & current
    if exclusive:
        unwanted |= current - wanted
    return to_add, sorted(unwanted)


def patterns(bindings, owned=()):
    return sorted({(b.resource_type, b.resource_name, b.pattern_type) for b in bindings}
                  | set(owned))


def as_dict(binding):
    return binding._asdict()


def as_line(binding):
    """One line per binding for --diff, in kafka-acls' words."""
    return '%s %s %s from %s on %s:%s:%s' % (binding.principal, binding.permission.upper(),
                                             binding.operation.upper(), binding.host,
                                             binding.resource_type.upper(),
                                             binding.pattern_type.upper(), binding.resource_name)


def _enum(cls, name):
    return getattr(cls, name.upper())


def to_admin(binding, cls=None):
    """The binding as confluent-kafka's AclBinding, or as an exact AclBindingFilter (every field
    specific, so a delete matches this binding only)."""
    return (cls or AclBinding)(_enum(ResourceType, binding.resource_type), binding.resource_name,
                               _enum(ResourcePatternType, binding.pattern_type), binding.principal,
                               binding.host, _enum(AclOperation, binding.operation),
                               _enum(AclPermissionType, binding.permission))


def from_admin(acl):
    return Binding(acl.restype.name.lower(), acl.name, acl.resource_pattern_type.name.lower(),
                   acl.principal, acl.host, acl.operation.name.lower(),
                   acl.permission_type.name.lower())


class AclManager:
    """Describe, create and delete bindings with a kafka_client.KafkaAdmin."""

    def __init__(self, admin):
        self.admin = admin

    def current(self, resource_patterns):
        """Bindings on exactly these (resource type, name, pattern type) patterns."""
        found = set()
        for resource_type, name, pattern_type in resource_patterns:
            query = AclBindingFilter(_enum(ResourceType, resource_type), name,
                                     _enum(ResourcePatternType, pattern_type), None, None,
                                     AclOperation.ANY, AclPermissionType.ANY)
            acls = self.admin.wait(self.admin.admin.describe_acls(query),
                                   'describe the ACLs of %s %s' % (resource_type, name))
            found.update(from_admin(a) for a in acls)
        return sorted(found)

    def create(self, bindings):
        if bindings:
            futures = self.admin.admin.create_acls([to_admin(b) for b in bindings])
            for acl, future in futures.items():
                self.admin.wait(future, 'create the ACL %s' % as_line(from_admin(acl)))

    def delete(self, bindings):
        if bindings:
            futures = self.admin.admin.delete_acls([to_admin(b, AclBindingFilter) for b in bindings])
            for acl_filter, future in futures.items():
                self.admin.wait(future, 'delete the ACL %s' % as_line(from_admin(acl_filter)))


def ensure(manager, present, absent, exclusive, check_mode, owned=()):
    """Apply (unless check_mode) and return the result the module reports. `owned`: resource
    patterns whose every undeclared binding goes with exclusive, even when none is declared."""
    if owned and not exclusive:
        raise BadInputError('resources lists the patterns exclusive mode owns: set exclusive: true '
                            'or drop resources')
    current = manager.current(patterns(present + absent, owned if exclusive else ()))
    to_add, to_remove = plan(present, absent, current, exclusive)
    if not check_mode:
        manager.delete(to_remove)
        manager.create(to_add)
    after = sorted((set(current) - set(to_remove)) | set(to_add))
    return {
        'changed': bool(to_add or to_remove),
        'added': [as_dict(b) for b in to_add],
        'removed': [as_dict(b) for b in to_remove],
        'diff': {'before': ''.join(as_line(b) + '\n' for b in current),
                 'after': ''.join(as_line(b) + '\n' for b in after)},
    }
