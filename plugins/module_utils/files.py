# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Atomic writes with owner, group and mode set before the file appears, and backups.

A symlink at a destination is refused, never followed: a path this collection manages may not
lead to a file it does not manage (another identity's key, a system file).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import grp
import os
import pwd
import stat
import tempfile
import time

from ansible_collections.kafkasec.platform.plugins.module_utils.errors import BadInputError


def refuse_symlink(path):
    """Raise when path is a symbolic link (a dangling one included)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise BadInputError('cannot inspect %s (%s): fix its permissions' % (path, exc.strerror))
    if stat.S_ISLNK(info.st_mode):
        raise BadInputError('%s is a symbolic link (to %s): this collection does not write '
                            'through links; remove the link or point the option at the real '
                            'file' % (path, os.readlink(path)))


def read_bytes(path, follow_symlinks=True):
    """Content of path, or None when it does not exist."""
    flags = os.O_RDONLY | (0 if follow_symlinks else os.O_NOFOLLOW)
    try:
        handle = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if not follow_symlinks and os.path.islink(path):
            refuse_symlink(path)
        raise BadInputError('cannot read %s (%s): fix its permissions' % (path, exc.strerror))
    with os.fdopen(handle, 'rb') as stream:
        return stream.read()


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


def make_backup(path):
    """Copy path beside itself: created exclusively (never through a link or over a file),
    0600 and owned as the original from the start. Returns the backup's path."""
    source = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    try:
        info = os.fstat(source)
        base = backup_path(path)
        for attempt in range(100):
            kept = base if not attempt else '%s%d~' % (base[:-1], attempt)
            try:
                target = os.open(kept, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW,
                                 0o600)
                break
            except FileExistsError:
                continue
        else:
            raise OSError(17, 'too many backups of %s in one second' % path)
        try:
            os.fchmod(target, 0o600)
            os.fchown(target, info.st_uid, info.st_gid)
            while True:
                chunk = os.read(source, 1 << 16)
                if not chunk:
                    break
                os.write(target, chunk)
            os.fsync(target)
        finally:
            os.close(target)
    finally:
        os.close(source)
    return kept


def write_atomic(path, data, mode=None, owner=None, group=None, backup=False):
    """Write data to a temporary file beside path, then rename it over path.

    Returns the backup's path when a previous file was kept, else None. On any error the
    previous file is left as it was.
    """
    check_writable(path)
    refuse_symlink(path)
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
            kept = make_backup(path)
        os.replace(temp, path)
        return kept
    except OSError as exc:
        raise BadInputError('cannot write %s (%s): check the directory and disk' % (path, exc.strerror))
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def ensure_attributes(path, mode=None, owner=None, group=None, check_mode=False):
    """Bring an existing file's mode and ownership in line; True when something differs.

    Works on a descriptor opened without following links, so a link swapped in after a check
    cannot redirect the chmod or chown."""
    uid, gid = resolve_ids(owner, group)
    file_mode = parse_mode(mode)
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError as exc:
        refuse_symlink(path)
        raise BadInputError('cannot open %s (%s): fix its permissions' % (path, exc.strerror))
    try:
        current = os.fstat(handle)
        changed = False
        if file_mode is not None and (current.st_mode & 0o7777) != file_mode:
            changed = True
            if not check_mode:
                os.fchmod(handle, file_mode)
        if (uid != -1 and current.st_uid != uid) or (gid != -1 and current.st_gid != gid):
            changed = True
            if not check_mode:
                os.fchown(handle, uid, gid)
    finally:
        os.close(handle)
    return changed
