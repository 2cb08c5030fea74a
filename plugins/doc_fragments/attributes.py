# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):

    DOCUMENTATION = r'''
options: {}
attributes:
  check_mode:
    description: Can run in check mode and return the changes it would make without making them.
  diff_mode:
    description: Returns what changed (metadata only, never key material) in C(--diff) mode.
'''

    FILES = r'''
options:
  owner:
    description: Owner of the written file. Defaults to the user running the module.
    type: str
  group:
    description: Group of the written file. Defaults to the user's primary group.
    type: str
  backup:
    description:
      - Keep a copy of the file being replaced, named C(<path>.<pid>.<timestamp>~), created
        exclusively with mode C(0600) and the replaced file's owner; its path is returned.
      - A symbolic link at any path this module writes is refused, never followed.
    type: bool
    default: true
'''

    # Modules that only read: full check mode, no diff.
    INFO_MODULE = r'''
options: {}
attributes:
  check_mode:
    support: full
    details: The module only reads, so check mode runs it unchanged.
  diff_mode:
    support: none
'''
