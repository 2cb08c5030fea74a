# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The few DER shapes the collection writes itself, where `cryptography` offers no knob: the
iteration counts of an encrypted PKCS#8 key and of a PKCS#12 MAC (both default to 2048 or less)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import hashlib
import hmac
import os

SEQUENCE = 0x30
OCTET_STRING = 0x04
INTEGER = 0x02
OID = 0x06
NULL = 0x05

OID_SHA256 = '2.16.840.1.101.3.4.2.1'
OID_HMAC_SHA256 = '1.2.840.113549.2.9'
OID_PBES2 = '1.2.840.113549.1.5.13'
OID_PBKDF2 = '1.2.840.113549.1.5.12'
OID_AES256_CBC = '2.16.840.1.101.3.4.1.42'


# --- writing ----------------------------------------------------------------------------------

def tlv(tag, content):
    size = len(content)
    if size < 0x80:
        head = bytes([size])
    else:
        raw = size.to_bytes((size.bit_length() + 7) // 8, 'big')
        head = bytes([0x80 | len(raw)]) + raw
    return bytes([tag]) + head + content


def sequence(*items):
    return tlv(SEQUENCE, b''.join(items))


def octets(data):
    return tlv(OCTET_STRING, data)


def integer(value):
    return tlv(INTEGER, value.to_bytes(value.bit_length() // 8 + 1, 'big'))


def null():
    return tlv(NULL, b'')


def oid(dotted):
    parts = [int(p) for p in dotted.split('.')]
    body = bytearray([40 * parts[0] + parts[1]])
    for part in parts[2:]:
        chunk = [part & 0x7f]
        part >>= 7
        while part:
            chunk.append(0x80 | (part & 0x7f))
            part >>= 7
        body.extend(reversed(chunk))
    return tlv(OID, bytes(body))


def pem(label, der):
    text = base64.b64encode(der).decode('ascii')
    lines = [text[i:i + 64] for i in range(0, len(text), 64)]
    return ('-----BEGIN %s-----\n%s\n-----END %s-----\n' % (label, '\n'.join(lines), label)).encode('ascii')


# --- reading ----------------------------------------------------------------------------------

def length_at(data, pos):
    """(length, start of content) of the DER length at pos; ValueError when malformed."""
    first = data[pos]
    if first < 0x80:
        return first, pos + 1
    count = first & 0x7f
    if count == 0 or count > 4 or pos + 1 + count > len(data):
        raise ValueError('bad DER length')
    return int.from_bytes(data[pos + 1:pos + 1 + count], 'big'), pos + 1 + count


def children(data, start=0, end=None):
    """[(tag, content bytes, whole element bytes)] of the elements between start and end."""
    end = len(data) if end is None else end
    items = []
    pos = start
    while pos < end:
        tag = data[pos]
        size, content = length_at(data, pos + 1)
        if content + size > end:
            raise ValueError('DER element runs past its container')
        items.append((tag, data[content:content + size], data[pos:content + size]))
        pos = content + size
    return items


# --- PKCS#12 MAC (RFC 7292) -------------------------------------------------------------------

def pkcs12_mac_key(password, salt, iterations):
    """RFC 7292 appendix B.2 with SHA-256, ID 3 (MAC key), 32 bytes: one block of output."""
    block = 64
    diversifier = b'\x03' * block
    secret = (password.encode('utf-16-be') + b'\x00\x00') if password else b''

    def stretch(value):
        if not value:
            return b''
        count = -(-len(value) // block) * block
        return (value * (count // len(value) + 1))[:count]

    digest = hashlib.sha256(diversifier + stretch(salt) + stretch(secret)).digest()
    for _round in range(iterations - 1):
        digest = hashlib.sha256(digest).digest()
    return digest


def reseal_pkcs12(blob, password, iterations):
    """The PFX with its MAC made again over the same content, SHA-256 with `iterations`."""
    outer = children(blob)
    if len(outer) != 1 or outer[0][0] != SEQUENCE:
        raise ValueError('not a PFX')
    parts = children(outer[0][1])
    version, auth_safe = parts[0], parts[1]
    content_info = children(auth_safe[1])
    inner = children(content_info[1][1])[0]
    if inner[0] != OCTET_STRING:
        raise ValueError('authSafe content is not an OCTET STRING')
    signed = inner[1]
    salt = os.urandom(16)
    mac = hmac.new(pkcs12_mac_key(password, salt, iterations), signed, hashlib.sha256).digest()
    mac_data = sequence(sequence(sequence(oid(OID_SHA256), null()), octets(mac)),
                        octets(salt), integer(iterations))
    return sequence(version[2], auth_safe[2], mac_data)
