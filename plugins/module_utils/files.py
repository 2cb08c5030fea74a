# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Atomic writes with owner, group and mode set before the file appears, and backups."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import grp
import os
import pwd
import shutil
import tempfile
import time

from ansible_collections.kafkasec.platform.plugins.module_utils.errors import BadInputError


def read_bytes(path):
    """Content of path, or None when it does not exist."""
    try:
        with open(path, 'rb') as handle:
            return handle.read()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise BadInputError('cannot read %s (%s): fix its permissions' % (path, exc.strerror))


def resolve_ids(owner, group):
    uid = gid = -1
    if owner:
        try:
            uid = pwd.getpwnam(owner).pw_uid
        except KeyError:
            raise BadInputError('owner %r does not exist on this host: create the user first '
                                '(the common role does) or change owner' % owner)
    if group:
        try:
            gid = grp.getgrnam(group).gr_gid
        except KeyError:
            raise BadInputError('group %r does not exist on this host: create the group first '
                                'or change group' % group)
    return uid, gid


def parse_mode(mode):
    if mode is None:
        return None
    if isinstance(mode, int):
        return mode
    try:
        return int(str(mode), 8)
    except ValueError:
        raise BadInputError('mode %r is not an octal file mode: write it as a quoted string such '
                            'as "0600"' % (mode,))


def check_writable(path, check_mode=False):
    """Fail before any work when the destination directory cannot take the file.

    In check mode a missing directory is accepted: an earlier task of the same run (reported,
    not applied) would have created it.
    """
    directory = os.path.dirname(os.path.abspath(path))
    if check_mode and not os.path.isdir(directory):
        return
    if not os.path.isdir(directory):
        raise BadInputError('the directory of %s does not exist: create %s first or choose '
                            'another path' % (path, directory))
    if not os.access(directory, os.W_OK | os.X_OK):
        raise BadInputError('%s is not writable: grant write access to %s or choose another path'
                            % (path, directory))


def backup_path(path):
    return '%s.%d.%s~' % (path, os.getpid(), time.strftime('%Y-%m-%d@%H:%M:%S'))


def write_atomic(path, data, mode=None, owner=None, group=None, backup=False):
    """Write data to a temporary file beside path, then rename it over path.

    Returns the backup's path when a previous file was kept, else None. On any error the
    previous file is left as it was.
    """
    check_writable(path)
    uid, gid = resolve_ids(owner, group)
    file_mode = parse_mode(mode)
    directory = os.path.dirname(os.path.abspath(path))
    try:
        handle, temp = tempfile.mkstemp(dir=directory, prefix='.%s.' % os.path.basename(path))
    except OSError as exc:
        raise BadInputError('cannot write %s (%s): grant write access to %s or choose another '
                            'path' % (path, exc.strerror, directory))
    try:
        with os.fdopen(handle, 'wb') as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
            os.fchmod(out.fileno(), file_mode if file_mode is not None else 0o600)
            if uid != -1 or gid != -1:
                os.fchown(out.fileno(), uid, gid)
        kept = None
        if backup and os.path.exists(path):
            kept = backup_path(path)
            shutil.copy2(path, kept)
        os.replace(temp, path)
        return kept
    except OSError as exc:
        raise BadInputError('cannot write %s (%s): check the directory and disk' % (path, exc.strerror))
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def ensure_attributes(path, mode=None, owner=None, group=None, check_mode=False):
    """Bring an existing file's mode and ownership in line; True when something differs."""
    uid, gid = resolve_ids(owner, group)
    file_mode = parse_mode(mode)
    current = os.stat(path)
    changed = False
    if file_mode is not None and (current.st_mode & 0o7777) != file_mode:
        changed = True
        if not check_mode:
            os.chmod(path, file_mode)
    if (uid != -1 and current.st_uid != uid) or (gid != -1 and current.st_gid != gid):
        changed = True
        if not check_mode:
            os.chown(path, uid, gid)
    return changed
