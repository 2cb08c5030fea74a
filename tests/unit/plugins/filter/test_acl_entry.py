from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.kafkasec.platform.plugins.filter.acl_entry import acl_entry


def test_a_topic_entry_by_default():
    assert acl_entry('connect-offsets', 'User:kafka-connect', ('Read', 'Write')) == {
        'principal': 'User:kafka-connect', 'resource_type': 'topic', 'resource_name': 'connect-offsets',
        'operations': ['Read', 'Write']}


def test_a_group_entry():
    assert acl_entry('connect-sink', 'User:kafka-connect', ['Read'], 'group')['resource_type'] == 'group'


@pytest.mark.parametrize('name,operations,match', [
    ('', ['Read'], 'needs a resource name'),
    (None, ['Read'], 'needs a resource name'),
    ('t', [], 'names no operation'),
])
def test_refuses_an_entry_that_grants_nothing_or_everything(name, operations, match):
    with pytest.raises(AnsibleFilterError, match=match):
        acl_entry(name, 'User:x', operations)
