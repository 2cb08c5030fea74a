# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Values written into the Java files the roles template, escaped so that the JVM reads back
exactly the value given - a password holding a quote, a semicolon, a backslash or a newline
must neither break the file nor add options to it."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.kafkasec.platform.plugins.module_utils.errors import BadInputError

_PROPERTIES_ESCAPES = {'\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\f': '\\f'}
_JAAS_ESCAPES = {'\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t'}


def java_properties_value(value):
    """A value for `key=value` in a file java.util.Properties.load() reads (ISO-8859-1): escapes
    backslash and control characters, a leading blank, and everything outside Latin-1 as \\uXXXX
    (UTF-16 units, so any character survives)."""
    text = str(value)
    out = []
    for index, char in enumerate(text):
        if char in _PROPERTIES_ESCAPES:
            out.append(_PROPERTIES_ESCAPES[char])
        elif index == 0 and char in ' \t\f':
            out.append('\\' + char)
        elif ord(char) < 0x20 or ord(char) > 0x7e:
            encoded = char.encode('utf-16-be')
            out.extend('\\u%02x%02x' % (encoded[i], encoded[i + 1]) for i in range(0, len(encoded), 2))
        else:
            out.append(char)
    return ''.join(out)


def jaas_string(value, option='value'):
    """The inside of a double-quoted JAAS option value (the JDK's ConfigFile reads it with
    StreamTokenizer). `${` is refused: the JDK expands it as a system property and JAAS has no
    way to write it literally; so is anything outside printable ASCII but tab and newlines,
    since the file's encoding is the JVM's default."""
    text = str(value)
    if '${' in text:
        raise BadInputError('%s contains "${", which a JAAS file cannot carry (the JDK expands it '
                            'as a system property): choose a secret without "${"' % option)
    out = []
    for char in text:
        if char in _JAAS_ESCAPES:
            out.append(_JAAS_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) > 0x7e:
            raise BadInputError('%s contains the character %r, which a JAAS file cannot carry '
                                'portably: use printable ASCII' % (option, char))
        else:
            out.append(char)
    return ''.join(out)
