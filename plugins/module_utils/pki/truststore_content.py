# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Controller-side build of a truststore, sent to hosts whose cryptography cannot write one."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64

from ansible_collections.kafkasec.platform.plugins.module_utils.pki import stores


def build_truststore_b64(trusted_certificates, store_type, password):
    """Base64 of a store holding the trusted certificates, or None when the host can build it."""
    if not trusted_certificates or store_type != 'pkcs12':
        return None
    entries = stores.trusted_entries(trusted_certificates)
    return base64.b64encode(stores.build_store(entries, store_type, password)).decode('ascii')
