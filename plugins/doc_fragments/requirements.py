# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What each Python dependency is needed for and where, one fragment per dependency."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):

    CRYPTOGRAPHY = r'''
options: {}
requirements:
  - cryptography (on managed hosts the OS package, for example python3-cryptography 38 on
    Debian 12; on the controller 42 or later, which writes PKCS12 truststores Java trusts)
'''

    PYJKS = r'''
options: {}
requirements:
  - pyjks, only where JKS stores are read or written (Debian - python3-pyjks)
'''

    CONFLUENT_KAFKA = r'''
options: {}
requirements:
  - confluent-kafka on the host the module runs on (the admin host - the controller by default)
'''

    KAZOO = r'''
options: {}
requirements:
  - kazoo and pure-sasl on the host the module runs on (the admin host - the controller by default)
'''
