# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The certificate a TLS server serves, read in a real handshake (the proof that a reload took)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import socket
import ssl

from ansible_collections.kafkasec.platform.plugins.module_utils.pki import crypto
from ansible_collections.kafkasec.platform.plugins.module_utils.errors import KafkasecError


class EndpointError(KafkasecError):
    """The endpoint could not be reached, or its certificate was not accepted."""


def client_context(ca_path, certificate_path=None, key_path=None, verify=True):
    """TLS 1.2+ context; with verify, the server's chain must lead to ca_path and its name match."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    if verify:
        context.load_verify_locations(cafile=ca_path)
    else:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    if certificate_path:
        context.load_cert_chain(certificate_path, key_path or certificate_path)
    return context


def served_certificate(host, port, context, server_name=None, timeout=10.0, connect=None):
    """Handshake with host:port and describe the leaf certificate it served."""
    connect = connect or socket.create_connection
    name = server_name or host
    try:
        with connect((host, port), timeout) as raw:
            with context.wrap_socket(raw, server_hostname=name) as tls:
                der = tls.getpeercert(binary_form=True)
                version = tls.version()
    except ssl.SSLCertVerificationError as exc:
        raise EndpointError('%s:%d served a certificate that was not accepted for %s: %s'
                            % (host, port, name, exc.verify_message or exc))
    except (ssl.SSLError, OSError) as exc:
        raise EndpointError('no TLS handshake with %s:%d (%s)' % (host, port, exc))
    if not der:
        raise EndpointError('%s:%d completed a handshake without a certificate' % (host, port))
    cert = crypto.x509.load_der_x509_certificate(der)
    described = crypto.describe_certificate(cert)
    described.update(protocol=version, authority_key_id=_authority_key_id(cert))
    return described


def _authority_key_id(cert):
    try:
        ext = cert.extensions.get_extension_for_class(crypto.x509.AuthorityKeyIdentifier)
    except crypto.x509.ExtensionNotFound:
        return None
    return crypto.colon_hex(ext.value.key_identifier) if ext.value.key_identifier else None
