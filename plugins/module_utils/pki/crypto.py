# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Keys, distinguished names, CSRs, the CA and certificate signing, on `cryptography`.

Runs on the controller (newest cryptography) and on managed hosts (the OS package, e.g. 38.0.4 on
Debian 12), so only APIs present in 38 are used unconditionally.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import hashlib
import ipaddress
import os
import re
import traceback

from ansible_collections.kafkasec.platform.plugins.module_utils.pki import der
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import (
    BadInputError,
    RequestMismatchError,
    StoreAccessError,
)

try:
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
    from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
    from cryptography.hazmat.primitives.padding import PKCS7
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
    HAS_CRYPTOGRAPHY = True
    CRYPTOGRAPHY_IMPORT_ERROR = None
except ImportError:
    HAS_CRYPTOGRAPHY = False
    CRYPTOGRAPHY_IMPORT_ERROR = traceback.format_exc()

RSA_SIZES = (2048, 3072, 4096)
EC_CURVES = ('secp256r1', 'secp384r1', 'secp521r1')
EKU_NAMES = ('serverAuth', 'clientAuth')
# Not-before is set a little in the past so hosts with a slightly slow clock accept a fresh cert.
BACKDATE = datetime.timedelta(minutes=5)
# PBKDF2-HMAC-SHA256 rounds protecting an encrypted private key (the CA's); cryptography's own
# choice is 2048. About 0.15 s per decryption here, paid once per process.
KEY_KDF_ITERATIONS = 600000
# RFC 1123 host name label; a wildcard may only be the whole left-most label.
_DNS_LABEL = re.compile(r'^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$')
_PEM_BLOCK = re.compile(
    r'-----BEGIN ([A-Z0-9 ]+)-----\r?\n.*?\r?\n-----END \1-----', re.DOTALL)


def utcnow():
    return datetime.datetime.now(datetime.timezone.utc)


def not_after(cert):
    value = getattr(cert, 'not_valid_after_utc', None)
    return value if value is not None else cert.not_valid_after.replace(tzinfo=datetime.timezone.utc)


def not_before(cert):
    value = getattr(cert, 'not_valid_before_utc', None)
    return value if value is not None else cert.not_valid_before.replace(tzinfo=datetime.timezone.utc)


def iso(moment):
    return moment.strftime('%Y-%m-%dT%H:%M:%SZ')


def colon_hex(digest):
    return ':'.join('%02X' % b for b in bytearray(digest))


def cert_fingerprint(cert):
    return colon_hex(cert.fingerprint(hashes.SHA256()))


def public_key_fingerprint(public_key):
    der = public_key.public_bytes(serialization.Encoding.DER,
                                  serialization.PublicFormat.SubjectPublicKeyInfo)
    return colon_hex(hashlib.sha256(der).digest())


def cert_pem(cert):
    return cert.public_bytes(serialization.Encoding.PEM).decode('ascii')


# --- distinguished names and SANs -------------------------------------------------------------

def parse_subject(subject, option='subject'):
    """Read a DN written most-specific first (RFC 4514, as keytool -dname prints it).

    keytool's `S=` is accepted for the state. The written order is kept as Java displays it, so
    `CN=host,OU=..,C=US` maps through `ssl.principal.mapping.rules` to the CN.
    """
    if not isinstance(subject, str) or not subject.strip():
        raise BadInputError('%s is empty: give a DN such as "CN=kafka1.example.com,O=Example"' % option)
    overrides = {'S': NameOID.STATE_OR_PROVINCE_NAME, 's': NameOID.STATE_OR_PROVINCE_NAME}
    try:
        name = x509.Name.from_rfc4514_string(subject.strip(), overrides)
    except (ValueError, TypeError) as exc:
        raise BadInputError(
            '%s %r is not a distinguished name (%s): write it as comma-separated TYPE=value pairs, '
            'most specific first, e.g. "CN=kafka1.example.com,OU=BDP,O=Company,C=US"'
            % (option, subject, exc))
    if not list(name):
        raise BadInputError('%s %r holds no attribute: give at least CN=<name>' % (option, subject))
    return name


def common_name(name):
    values = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return values[0].value if values else None


def check_dns_name(name, entry, option, allow_wildcards=False):
    labels = name[:-1].split('.') if name.endswith('.') else name.split('.')
    if labels and labels[0] == '*' and allow_wildcards and len(labels) > 2:
        labels = labels[1:]
    bad = [label for label in labels if not _DNS_LABEL.match(label)]
    if bad or len(name) > 253:
        hint = ('wildcards need allow_wildcard_names' if '*' in name and not allow_wildcards
                else 'labels of letters, digits and inner hyphens, up to 63 each')
        raise BadInputError('%s entry %r is not a valid DNS name (label %r): use %s'
                            % (option, entry, bad[0] if bad else name, hint))


def parse_sans(entries, option='subject_alt_names', allow_wildcards=False):
    """`DNS:name` / `IP:address` strings to GeneralNames, keeping the given order, without repeats."""
    result = []
    for entry in entries or []:
        kind, sep, value = (entry or '').partition(':')
        kind = kind.strip().upper()
        value = value.strip()
        if not sep or not value or kind not in ('DNS', 'IP'):
            raise BadInputError(
                '%s entry %r is neither DNS nor IP: write it as "DNS:<name>" or "IP:<address>"'
                % (option, entry))
        if kind == 'DNS':
            check_dns_name(value, entry, option, allow_wildcards)
            general = x509.DNSName(value)
        else:
            try:
                general = x509.IPAddress(ipaddress.ip_address(value))
            except ValueError:
                raise BadInputError('%s entry %r: %r is not an IP address; use "DNS:%s" for a name'
                                    % (option, entry, value, value))
        if general not in result:
            result.append(general)
    return result


def san_strings(general_names):
    out = []
    for general in general_names:
        if isinstance(general, x509.DNSName):
            out.append('DNS:%s' % general.value)
        elif isinstance(general, x509.IPAddress):
            out.append('IP:%s' % general.value)
        else:
            out.append(str(general.value))
    return out


def sans_of(obj):
    try:
        return list(obj.extensions.get_extension_for_class(x509.SubjectAlternativeName).value)
    except x509.ExtensionNotFound:
        return []


# --- keys ---------------------------------------------------------------------------------------

def check_key_spec(key_type, key_size, curve):
    if key_type == 'rsa':
        if key_size not in RSA_SIZES:
            raise BadInputError('key_size %r is not supported for RSA: use one of %s'
                                % (key_size, ', '.join(str(s) for s in RSA_SIZES)))
    elif key_type == 'ec':
        if curve not in EC_CURVES:
            raise BadInputError('curve %r is not supported for EC: use one of %s'
                                % (curve, ', '.join(EC_CURVES)))
    else:
        raise BadInputError('key_type %r is unknown: use "rsa" or "ec"' % (key_type,))


def generate_private_key(key_type, key_size=2048, curve='secp256r1'):
    check_key_spec(key_type, key_size, curve)
    if key_type == 'rsa':
        return rsa.generate_private_key(public_exponent=65537, key_size=key_size)
    return ec.generate_private_key(getattr(ec, curve.upper())())


def key_description(key):
    if isinstance(key, (rsa.RSAPrivateKey, rsa.RSAPublicKey)):
        return 'rsa %d' % key.key_size
    if isinstance(key, (ec.EllipticCurvePrivateKey, ec.EllipticCurvePublicKey)):
        return 'ec %s' % key.curve.name
    return type(key).__name__


def key_matches_spec(key, key_type, key_size, curve):
    wanted = 'rsa %d' % key_size if key_type == 'rsa' else 'ec %s' % curve
    return key_description(key) == wanted


def _password_bytes(passphrase):
    if passphrase is None or passphrase == '':
        return None
    return passphrase.encode('utf-8')


def load_private_key(data, passphrase, source):
    """Parse a PEM private key; a wrong or missing passphrase and broken PEM get distinct errors."""
    if b'-----BEGIN' not in data or b'-----END' not in data:
        raise StoreAccessError('%s is not a PEM private key (empty or truncated): restore it from '
                               'backup or remove it to have a new key generated' % source)
    try:
        return serialization.load_pem_private_key(data, password=_password_bytes(passphrase))
    except TypeError as exc:
        if passphrase:
            raise StoreAccessError('%s is not encrypted but a passphrase was given (%s): drop the '
                                   'passphrase or re-encrypt the key' % (source, exc))
        raise StoreAccessError('%s is encrypted: give its passphrase' % source)
    except ValueError as exc:
        if passphrase and 'ENCRYPTED' in data.decode('ascii', 'replace'):
            raise StoreAccessError('the passphrase does not decrypt %s: check the vault value for '
                                   'its passphrase' % source)
        raise StoreAccessError('%s cannot be read as a private key (%s): it is corrupt or '
                               'truncated; restore it from backup' % (source, exc))


def private_key_pem(key, passphrase=None, iterations=KEY_KDF_ITERATIONS):
    """PKCS#8 PEM; with a passphrase, PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) with `iterations`."""
    if not passphrase:
        return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption())
    plain = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                              serialization.NoEncryption())
    salt, iv = os.urandom(16), os.urandom(16)
    secret = PBKDF2HMAC(hashes.SHA256(), 32, salt, iterations).derive(passphrase.encode('utf-8'))
    padder = PKCS7(128).padder()
    encryptor = Cipher(algorithms.AES(secret), modes.CBC(iv)).encryptor()
    sealed = encryptor.update(padder.update(plain) + padder.finalize()) + encryptor.finalize()
    algorithm = der.sequence(
        der.oid(der.OID_PBES2),
        der.sequence(
            der.sequence(der.oid(der.OID_PBKDF2),
                         der.sequence(der.octets(salt), der.integer(iterations),
                                      der.sequence(der.oid(der.OID_HMAC_SHA256), der.null()))),
            der.sequence(der.oid(der.OID_AES256_CBC), der.octets(iv))))
    return der.pem('ENCRYPTED PRIVATE KEY', der.sequence(algorithm, der.octets(sealed)))


# --- certificates and requests -----------------------------------------------------------------

def pem_blocks(text):
    if isinstance(text, bytes):
        text = text.decode('ascii', 'replace')
    return [m.group(0) for m in _PEM_BLOCK.finditer(text or '')]


def load_certificate(pem, option):
    certs = load_certificates(pem, option)
    if len(certs) != 1:
        raise BadInputError('%s holds %d certificates: give exactly one' % (option, len(certs)))
    return certs[0]


def load_certificates(pem, option):
    text = pem.decode('ascii', 'replace') if isinstance(pem, bytes) else (pem or '')
    blocks = [b for b in pem_blocks(text) if 'CERTIFICATE-----' in b.splitlines()[0]]
    opened = text.count('-----BEGIN')
    if not blocks or opened != len(pem_blocks(text)):
        raise BadInputError('%s is not complete PEM (missing or truncated BEGIN/END CERTIFICATE '
                            'block): pass the whole PEM text' % option)
    certs = []
    for block in blocks:
        try:
            certs.append(x509.load_pem_x509_certificate(block.encode('ascii')))
        except ValueError as exc:
            raise BadInputError('%s holds a certificate that cannot be parsed (%s): pass the PEM '
                                'as issued' % (option, exc))
    return certs


def load_csr(pem, option='csr'):
    text = pem.decode('ascii', 'replace') if isinstance(pem, bytes) else (pem or '')
    blocks = [b for b in pem_blocks(text) if 'CERTIFICATE REQUEST-----' in b.splitlines()[0]]
    if len(blocks) != 1:
        raise BadInputError('%s is not one complete PEM certificate request (truncated or '
                            'missing): pass the csr returned by certificate_request' % option)
    try:
        csr = x509.load_pem_x509_csr(blocks[0].encode('ascii'))
    except ValueError as exc:
        raise BadInputError('%s cannot be parsed (%s): pass the csr as returned by '
                            'certificate_request' % (option, exc))
    if not csr.is_signature_valid:
        raise BadInputError('%s signature does not verify: the request was altered or was not '
                            'made with its key; request it again with certificate_request' % option)
    return csr


def build_csr(key, subject_name, general_names):
    builder = x509.CertificateSigningRequestBuilder().subject_name(subject_name)
    if general_names:
        builder = builder.add_extension(x509.SubjectAlternativeName(general_names), critical=False)
    return builder.sign(key, hashes.SHA256())


def csr_pem(csr):
    return csr.public_bytes(serialization.Encoding.PEM).decode('ascii')


def is_issued_by(cert, ca_cert):
    """True when ca_cert's key signed cert (signature checked, not just names)."""
    if cert.issuer != ca_cert.subject:
        return False
    public_key = ca_cert.public_key()
    try:
        if isinstance(public_key, rsa.RSAPublicKey):
            public_key.verify(cert.signature, cert.tbs_certificate_bytes, padding.PKCS1v15(),
                              cert.signature_hash_algorithm)
        elif isinstance(public_key, ec.EllipticCurvePublicKey):
            public_key.verify(cert.signature, cert.tbs_certificate_bytes,
                              ec.ECDSA(cert.signature_hash_algorithm))
        else:
            return False
    except InvalidSignature:
        return False
    return True


def _key_identifiers(builder, subject_public_key, issuer_public_key):
    builder = builder.add_extension(
        x509.SubjectKeyIdentifier.from_public_key(subject_public_key), critical=False)
    return builder.add_extension(
        x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_public_key), critical=False)


def build_ca_certificate(key, subject_name, valid_days, now=None):
    now = now or utcnow()
    builder = (x509.CertificateBuilder()
               .subject_name(subject_name).issuer_name(subject_name)
               .public_key(key.public_key())
               .serial_number(x509.random_serial_number())
               .not_valid_before(now - BACKDATE)
               .not_valid_after(now + datetime.timedelta(days=valid_days))
               .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
               .add_extension(x509.KeyUsage(
                   digital_signature=False, content_commitment=False, key_encipherment=False,
                   data_encipherment=False, key_agreement=False, key_cert_sign=True,
                   crl_sign=True, encipher_only=False, decipher_only=False), critical=True))
    builder = _key_identifiers(builder, key.public_key(), key.public_key())
    return builder.sign(key, hashes.SHA256())


def eku_oids(names):
    table = {'serverAuth': ExtendedKeyUsageOID.SERVER_AUTH,
             'clientAuth': ExtendedKeyUsageOID.CLIENT_AUTH}
    oids = []
    for name in names:
        if name not in table:
            raise BadInputError('extended_key_usage %r is unknown: use serverAuth and/or clientAuth'
                                % (name,))
        oids.append(table[name])
    if not oids:
        raise BadInputError('extended_key_usage is empty: give serverAuth, clientAuth or both')
    return oids


def eku_of(cert):
    try:
        return set(cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value)
    except x509.ExtensionNotFound:
        return set()


def check_ca_pair(ca_cert, ca_key, cert_source, key_source):
    if public_key_fingerprint(ca_cert.public_key()) != public_key_fingerprint(ca_key.public_key()):
        raise BadInputError('the CA key %s does not match the CA certificate %s: point ca_key_path '
                            'and ca_cert_path at the files of the same CA' % (key_source, cert_source))


def basic_constraints_ca(obj):
    try:
        return obj.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        return False


def name_changes(old_subject, old_names, new_subject, new_names):
    """[(field, old, new)] for the subject (RFC 4514) and the SANs (sorted, joined) that differ;
    DNs are compared parsed, SANs as sets."""
    changes = []
    if old_subject != new_subject:
        changes.append(('subject', old_subject.rfc4514_string(), new_subject.rfc4514_string()))
    old_sans, new_sans = set(san_strings(old_names)), set(san_strings(new_names))
    if old_sans != new_sans:
        changes.append(('subject_alt_names', ', '.join(sorted(old_sans)), ', '.join(sorted(new_sans))))
    return changes


def check_request(csr, subject, general_names, requester='the host'):
    """Refuse a CSR that asks for anything but what the controller declared.

    The CSR comes from a managed host, which may be compromised: its subject and SANs must be
    exactly the declared ones (DNs compared parsed, SANs as sets), and it may not ask for a CA.
    """
    if basic_constraints_ca(csr):
        raise RequestMismatchError('the request from %s asks for a CA certificate '
                                   '(basicConstraints CA:TRUE); refused, nothing was signed'
                                   % requester)
    problems = [('%s: declared %s, the request asks %s' if field == 'subject'
                 else '%s: declared [%s], the request asks [%s]') % (field, declared, asked)
                for field, declared, asked in name_changes(subject, general_names, csr.subject,
                                                           sans_of(csr))]
    if problems:
        raise RequestMismatchError(
            'the certificate request from %s does not match what the inventory declares (%s); '
            'nothing was signed. A host that sends another request than it was asked for may be '
            'compromised; if the inventory changed, run the request again'
            % (requester, '; '.join(problems)))


def signing_reasons(csr, ca_cert, current, renew_before_days, eku, now):
    """Why the certificate must be (re)issued; empty when `current` still serves."""
    if current is None:
        return ['no current certificate']
    reasons = []
    if current.subject != csr.subject:
        reasons.append('subject differs (%s -> %s)' % (current.subject.rfc4514_string(),
                                                       csr.subject.rfc4514_string()))
    if set(san_strings(sans_of(current))) != set(san_strings(sans_of(csr))):
        reasons.append('subject alternative names differ')
    if public_key_fingerprint(current.public_key()) != public_key_fingerprint(csr.public_key()):
        reasons.append('public key differs (new key)')
    if not is_issued_by(current, ca_cert):
        reasons.append('issued by another CA')
    if eku_of(current) != set(eku):
        reasons.append('extended key usage differs')
    remaining = not_after(current) - now
    if remaining < datetime.timedelta(days=renew_before_days):
        reasons.append('expires %s, within renew_before_days=%d'
                       % (iso(not_after(current)), renew_before_days))
    return reasons


def sign_csr(csr, ca_cert, ca_key, valid_days, eku, now, subject, general_names):
    """Every extension comes from the controller's declaration; none is copied from the CSR."""
    end = now + datetime.timedelta(days=valid_days)
    if end > not_after(ca_cert):
        latest = (not_after(ca_cert) - now).days
        raise BadInputError(
            'valid_days=%d would end on %s, after the CA certificate expires (%s): lower '
            'valid_days to at most %d or renew the CA first'
            % (valid_days, iso(end), iso(not_after(ca_cert)), max(latest, 0)))
    builder = (x509.CertificateBuilder()
               .subject_name(subject).issuer_name(ca_cert.subject)
               .public_key(csr.public_key())
               .serial_number(x509.random_serial_number())
               .not_valid_before(now - BACKDATE)
               .not_valid_after(end)
               .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
               .add_extension(x509.KeyUsage(
                   digital_signature=True, content_commitment=False, key_encipherment=True,
                   data_encipherment=False, key_agreement=False, key_cert_sign=False,
                   crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
               .add_extension(x509.ExtendedKeyUsage(eku), critical=False))
    if general_names:
        builder = builder.add_extension(x509.SubjectAlternativeName(list(general_names)),
                                        critical=False)
    builder = _key_identifiers(builder, csr.public_key(), ca_cert.public_key())
    return builder.sign(ca_key, hashes.SHA256())


def describe_certificate(cert, now=None):
    now = now or utcnow()
    return {
        'subject': cert.subject.rfc4514_string(),
        'issuer': cert.issuer.rfc4514_string(),
        'serial': '%X' % cert.serial_number,
        'subject_alt_names': san_strings(sans_of(cert)),
        'not_before': iso(not_before(cert)),
        'not_after': iso(not_after(cert)),
        'days_left': (not_after(cert) - now).days,
        'sha256': cert_fingerprint(cert),
    }
