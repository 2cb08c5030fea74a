# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The PKI modules' options, defined once: key, names and signing options here, their docs in
the kafkasec.platform.pki doc fragment. Modules build their argument specs from these, and the
tls_identity action validates its task's arguments against the same spec on the controller."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

EKU_CHOICES = ['serverAuth', 'clientAuth']


def key_spec(key_size=2048, curve='secp256r1'):
    """Key algorithm options; the CA passes its own (larger) defaults."""
    return dict(
        key_type=dict(type='str', choices=['rsa', 'ec'], default='rsa'),
        key_size=dict(type='int', default=key_size),
        curve=dict(type='str', default=curve),
    )


def names_spec():
    """What the certificate says: subject and subject alternative names."""
    return dict(
        subject=dict(type='str', required=True),
        subject_alt_names=dict(type='list', elements='str', default=[]),
    )


def signing_spec(ca_required=True):
    """The CA on the controller and what it signs. tls_identity's host module leaves the CA
    options optional (they never reach it); its action requires them."""
    return dict(
        ca_cert_path=dict(type='path', required=ca_required),
        ca_key_path=dict(type='path', required=ca_required),
        ca_passphrase=dict(type='str', required=ca_required, no_log=True),
        valid_days=dict(type='int', default=365),
        renew_before_days=dict(type='int', default=30),
        extended_key_usage=dict(type='list', elements='str', choices=EKU_CHOICES,
                                default=list(EKU_CHOICES)),
        allow_wildcard_names=dict(type='bool', default=False),
        force_renew=dict(type='bool', default=False),
        allow_name_changes=dict(type='bool', default=True),
    )


def file_spec(backup=True):
    """Owner, group and backup of written files (the attributes.files doc fragment)."""
    return dict(owner=dict(type='str'), group=dict(type='str'),
                backup=dict(type='bool', default=backup))


def merged(*specs, **extra):
    spec = {}
    for part in specs + (extra,):
        spec.update(part)
    return spec
