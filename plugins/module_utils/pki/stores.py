# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read, build and compare PKCS12, JKS and PEM key/trust stores.

A store is compared by what it holds (aliases, kinds, certificate and public-key fingerprints),
never by its bytes: PKCS12 output is salted and differs on every build.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import importlib

from ansible_collections.kafkasec.platform.plugins.module_utils.pki import crypto, der
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import (
    BadInputError,
    KafkasecError,
    StoreAccessError,
)

try:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.serialization import pkcs12
except ImportError:
    pass  # crypto.HAS_CRYPTOGRAPHY tells the module


PRIVATE_KEY_ENTRY = 'PrivateKeyEntry'
TRUSTED_CERT_ENTRY = 'trustedCertEntry'
JKS_MAGIC = b'\xfe\xed\xfe\xed'
JCEKS_MAGIC = b'\xce\xce\xce\xce'
# PBKDF2 rounds of the key and certificate bags and of the MAC. cryptography writes the MAC with
# 2048 (38.x: 1) rounds, which would make password guessing cheap, so the MAC is made again.
# The JDK accepts up to 5,000,000.
PKCS12_ITERATIONS = 100000


class Entry:
    """One alias of a store. `key` stays in memory only; it is never returned or diffed."""

    def __init__(self, alias, kind, chain, key=None):
        self.alias = alias.lower()
        self.kind = kind
        self.chain = list(chain)
        self.key = key

    @property
    def certificate(self):
        return self.chain[0]

    def signature(self):
        """What makes two entries the same for Java."""
        key_fp = crypto.public_key_fingerprint(self.key.public_key()) if self.key is not None else None
        return (self.alias, self.kind, tuple(crypto.cert_fingerprint(c) for c in self.chain), key_fp)

    def describe(self, now=None):
        info = crypto.describe_certificate(self.certificate, now)
        info.update({'alias': self.alias, 'kind': self.kind, 'chain_length': len(self.chain),
                     'chain_sha256': [crypto.cert_fingerprint(c) for c in self.chain]})
        if self.key is not None:
            info['key'] = crypto.key_description(self.key)
            info['public_key_sha256'] = crypto.public_key_fingerprint(self.key.public_key())
        return info

    def diff_line(self):
        line = '%s %s subject=%s sha256=%s' % (self.alias, self.kind,
                                               self.certificate.subject.rfc4514_string(),
                                               crypto.cert_fingerprint(self.certificate))
        if len(self.chain) > 1:
            line += ' chain=%d' % len(self.chain)
        return line


def same_entries(left, right):
    return sorted(e.signature() for e in left) == sorted(e.signature() for e in right)


def diff_text(entries):
    return ''.join(e.diff_line() + '\n' for e in sorted(entries, key=lambda e: e.alias))


# --- reading --------------------------------------------------------------------------------

def detect_type(data):
    if data[:4] == JKS_MAGIC:
        return 'jks'
    if data[:4] == JCEKS_MAGIC:
        return 'jceks'
    if data.lstrip()[:10] == b'-----BEGIN':
        return 'pem'
    if data[:1] == b'\x30':
        return 'pkcs12'
    return None


def _looks_like_pfx(data):
    """Outer PFX SEQUENCE spans the whole file and starts with version 3: tells a wrong password
    (structure fine, MAC fails) from a corrupt or truncated file; cryptography raises the same
    error for both."""
    try:
        if data[0] != 0x30:
            return False
        length, pos = der.length_at(data, 1)
        return pos + length == len(data) and data[pos:pos + 3] == b'\x02\x01\x03'
    except (ValueError, IndexError):
        return False


def _read_pkcs12(data, password, source):
    if not _looks_like_pfx(data):
        raise StoreAccessError('%s is not a valid PKCS12 store (corrupt or truncated): restore it '
                               'from its backup or set force to rebuild it' % source)
    try:
        store = pkcs12.load_pkcs12(data, password.encode('utf-8') if password else None)
    except ValueError:
        raise StoreAccessError('%s cannot be opened with the given password: give the password it '
                               'was created with, or set force to replace it (a backup is kept '
                               'with backup)' % source)
    entries = []
    extra = list(store.additional_certs)
    if store.key is not None and store.cert is not None:
        alias = (store.cert.friendly_name or b'1').decode('utf-8')
        chain = [store.cert.certificate] + _chain_for(store.cert.certificate,
                                                      [c.certificate for c in extra])
        entries.append(Entry(alias, PRIVATE_KEY_ENTRY, chain, key=store.key))
        extra = [c for c in extra if c.friendly_name]
    for index, bag in enumerate(extra):
        # cryptography does not expose the Java trust attribute; a named certificate bag
        # without a key is what serialize_java_truststore writes.
        alias = bag.friendly_name.decode('utf-8') if bag.friendly_name else 'cert-%d' % index
        entries.append(Entry(alias, TRUSTED_CERT_ENTRY, [bag.certificate]))
    return entries


def _chain_for(leaf, pool):
    chain, current = [], leaf
    while True:
        parent = next((c for c in pool if c.subject == current.issuer and c not in chain
                       and c != current), None)
        if parent is None:
            return chain
        chain.append(parent)
        if parent.subject == parent.issuer:
            return chain
        current = parent


def require_pyjks():
    """pyjks, imported only when a JKS store is handled: its import costs more than a PKCS12 run."""
    try:
        return importlib.import_module('jks')
    except ImportError:
        raise KafkasecError('JKS stores need the pyjks library on the host that handles them: '
                            'install it (Debian/Ubuntu: apt install python3-pyjks; controller: '
                            'pip install pyjks) or use type pkcs12')


def _read_jks(data, password, source):
    jks = require_pyjks()
    try:
        store = jks.KeyStore.loads(data, password or '')
    except jks.util.KeystoreSignatureException:
        raise StoreAccessError('%s cannot be opened with the given password: give the password it '
                               'was created with, or set force to replace it' % source)
    except jks.util.DecryptionFailureException:
        raise StoreAccessError('%s holds a key whose password differs from the store password: '
                               'this collection expects one password for both' % source)
    except (jks.util.KeystoreException, ValueError, IndexError, EOFError) as exc:
        raise StoreAccessError('%s is not a valid JKS store (%s): restore it from its backup or '
                               'set force to rebuild it' % (source, exc))
    except Exception as exc:  # pyjks raises struct.error and others on truncated input
        raise StoreAccessError('%s is not a valid JKS store (%s: %s): restore it from its backup '
                               'or set force to rebuild it' % (source, type(exc).__name__, exc))
    entries = []
    for alias, entry in store.private_keys.items():
        key = serialization.load_der_private_key(entry.pkey_pkcs8, password=None)
        chain = [x509.load_der_x509_certificate(der) for _kind, der in entry.cert_chain]
        entries.append(Entry(alias, PRIVATE_KEY_ENTRY, chain, key=key))
    for alias, entry in store.certs.items():
        entries.append(Entry(alias, TRUSTED_CERT_ENTRY, [x509.load_der_x509_certificate(entry.cert)]))
    return entries


def _read_pem(data, password, source):
    certs, key = [], None
    for block in crypto.pem_blocks(data):
        header = block.splitlines()[0]
        if 'CERTIFICATE-----' in header:
            certs.append(x509.load_pem_x509_certificate(block.encode('ascii')))
        elif 'PRIVATE KEY-----' in header:
            key = crypto.load_private_key(block.encode('ascii'), password, source)
    if data.count(b'-----BEGIN') != len(crypto.pem_blocks(data)) or not certs:
        raise StoreAccessError('%s is not complete PEM (a BEGIN without END, or no certificate): '
                               'export it again' % source)
    if key is not None:
        leaf = next((c for c in certs if crypto.public_key_fingerprint(c.public_key())
                     == crypto.public_key_fingerprint(key.public_key())), certs[0])
        rest = [c for c in certs if c is not leaf]
        return [Entry('pem', PRIVATE_KEY_ENTRY, [leaf] + _chain_for(leaf, rest), key=key)]
    return [Entry('cert-%d' % i, TRUSTED_CERT_ENTRY, [c]) for i, c in enumerate(certs)]


def read_store(data, store_type, password, source):
    """Parse a store. store_type 'auto' detects PKCS12, JKS or PEM from the content."""
    if not data:
        raise StoreAccessError('%s is empty: remove it or set force to rebuild it' % source)
    found = detect_type(data)
    if found == 'jceks':
        raise StoreAccessError('%s is a JCEKS store, which is not supported: convert it to PKCS12 '
                               'or JKS' % source)
    if store_type == 'auto':
        if found is None:
            raise StoreAccessError('%s is neither PKCS12, JKS nor PEM (corrupt?): restore it from '
                                   'its backup' % source)
        store_type = found
    elif found is not None and found != store_type:
        raise StoreAccessError('%s is a %s store, not %s: set type to %s or force a rebuild'
                               % (source, found, store_type, found))
    reader = {'pkcs12': _read_pkcs12, 'jks': _read_jks, 'pem': _read_pem}[store_type]
    return reader(data, password, source)


# --- building -------------------------------------------------------------------------------

def _pkcs12_encryption(password):
    if not password:
        raise BadInputError('password is empty: Java keystores need a password')
    return (serialization.PrivateFormat.PKCS12.encryption_builder()
            .kdf_rounds(PKCS12_ITERATIONS)
            .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
            .hmac_hash(hashes.SHA256())
            .build(password.encode('utf-8')))


def identity_entry(alias, key, certificate, chain):
    if crypto.public_key_fingerprint(key.public_key()) != crypto.public_key_fingerprint(certificate.public_key()):
        raise BadInputError('certificate for alias %r does not match private_key_path: pass the '
                            'certificate issued for this key' % alias)
    return Entry(alias, PRIVATE_KEY_ENTRY, [certificate] + list(chain), key=key)


def trusted_entries(trusted_certificates):
    """`[{alias, certificate (PEM)}]` to entries; the same alias twice with different
    certificates is refused."""
    seen = {}
    for index, item in enumerate(trusted_certificates):
        if not item.get('alias') or not item.get('certificate'):
            raise BadInputError('trusted_certificates[%d] needs both alias and certificate' % index)
        cert = crypto.load_certificate(item['certificate'], 'trusted_certificates[%d].certificate' % index)
        low = item['alias'].lower()
        if low in seen and crypto.cert_fingerprint(seen[low][1]) != crypto.cert_fingerprint(cert):
            raise BadInputError('alias %r is given twice with different certificates in '
                                'trusted_certificates: give each certificate its own alias'
                                % item['alias'])
        seen.setdefault(low, (item['alias'], cert))
    return [Entry(alias, TRUSTED_CERT_ENTRY, [cert]) for alias, cert in seen.values()]


def can_build_pkcs12_truststore():
    return hasattr(pkcs12, 'serialize_java_truststore')


def build_store(entries, store_type, password):
    """Serialize entries: one PrivateKeyEntry (identity) or trusted certificates only."""
    keyed = [e for e in entries if e.kind == PRIVATE_KEY_ENTRY]
    trusted = [e for e in entries if e.kind == TRUSTED_CERT_ENTRY]
    if store_type == 'jks':
        jks = require_pyjks()
        jks_entries = []
        for e in keyed:
            pkcs8 = e.key.private_bytes(serialization.Encoding.DER,
                                        serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption())
            entry = jks.PrivateKeyEntry.new(e.alias, [c.public_bytes(serialization.Encoding.DER)
                                                      for c in e.chain], pkcs8)
            entry.encrypt(password)
            jks_entries.append(entry)
        for e in trusted:
            jks_entries.append(jks.TrustedCertEntry.new(
                e.alias, e.certificate.public_bytes(serialization.Encoding.DER)))
        return jks.KeyStore.new('jks', jks_entries).saves(password)
    encryption = _pkcs12_encryption(password)
    if keyed and trusted:
        raise BadInputError('a PKCS12 store here holds either one identity or trusted '
                            'certificates: use a separate truststore')
    if len(keyed) > 1:
        raise BadInputError('a keystore holds one identity: give one alias')
    if keyed:
        e = keyed[0]
        return der.reseal_pkcs12(
            pkcs12.serialize_key_and_certificates(e.alias.encode('utf-8'), e.key, e.certificate,
                                                  e.chain[1:], encryption),
            password, PKCS12_ITERATIONS)
    if not can_build_pkcs12_truststore():
        raise KafkasecError(
            'building a PKCS12 truststore that Java trusts needs cryptography with '
            'serialize_java_truststore (this Python has an older release): build it on the '
            'controller - the kafkasec.platform.keystore action does so when run from a playbook')
    return der.reseal_pkcs12(pkcs12.serialize_java_truststore(
        [pkcs12.PKCS12Certificate(e.certificate, e.alias.encode('utf-8')) for e in trusted],
        encryption), password, PKCS12_ITERATIONS)


def pem_bundle(entry):
    """Key + chain as PEM, what the source document's convert.sh produces for curl."""
    if entry.key is None:
        raise BadInputError('alias %r holds no private key: export the alias of a '
                            'PrivateKeyEntry' % entry.alias)
    return crypto.private_key_pem(entry.key) + b''.join(
        c.public_bytes(serialization.Encoding.PEM) for c in entry.chain)
