"""Escaping rules; the JVM itself reads rendered files in tests/integration/test_secret_formats.py."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.kafkasec.platform.plugins.module_utils.errors import BadInputError
from ansible_collections.kafkasec.platform.plugins.module_utils.file_formats import (
    jaas_string,
    java_properties_value,
)


@pytest.mark.parametrize('value,written', [
    ('plain', 'plain'),
    ('a\\b', 'a\\\\b'),
    ('line\nnext=x', 'line\\nnext=x'),
    (' lead', '\\ lead'),
    ('caf\u00e9', 'caf\\u00e9'),
    ('\U0001F511', '\\ud83d\\udd11'),
    ('#!=:', '#!=:'),
])
def test_properties_values(value, written):
    assert java_properties_value(value) == written


@pytest.mark.parametrize('value,written', [
    ('plain', 'plain'),
    ('p"w;d', 'p\\"w;d'),
    ('a\\b', 'a\\\\b'),
    ('a\nb', 'a\\nb'),
])
def test_jaas_values(value, written):
    assert jaas_string(value) == written


@pytest.mark.parametrize('value,word', [('a${user.home}', '"${"'), ('caf\u00e9', 'printable ASCII'),
                                        ('bell\x07', 'printable ASCII')])
def test_jaas_refuses_what_it_cannot_carry(value, word):
    with pytest.raises(BadInputError, match='vault_secret contains') as info:
        jaas_string(value, 'vault_secret')
    assert word in str(info.value)
