# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Exceptions raised by the collection's module_utils; only modules turn them into fail_json."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class KafkasecError(Exception):
    """A failure whose message names the input at fault and how to fix it."""


class BadInputError(KafkasecError):
    """An option value cannot be used as given."""


class StoreAccessError(KafkasecError):
    """An existing key, certificate or keystore cannot be read (wrong password, corrupt data)."""


class RequestMismatchError(KafkasecError):
    """A certificate request asks for another identity than the controller declared."""
