"""The user's own files outside the vault (packs, story cards, exports): bounded reads, new files
that never overwrite, atomic in-place replacement."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO

from commsdesk.errors import DiskFull, FileExists, FileUnreadable, Msg, WriteFailed
from commsdesk.i18n import N_


class NotRegularFile(FileUnreadable):
    """A FIFO, socket, device or folder where a file was expected: refused before any read."""


def _not_regular(path: Path, mode: int) -> FileUnreadable:
    reason = N_("it is a folder") if stat.S_ISDIR(mode) else N_("it is not a regular file")
    return NotRegularFile(path=path, reason=Msg(reason))


def require_regular(path: Path, *, missing_ok: bool = False) -> None:
    """Refuse at once anything that is not a regular file (following links, as an open would).
    `missing_ok`: a path that does not exist yet (a file to be created) is fine."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if missing_ok:
            return
        raise FileUnreadable(path=path, reason=Msg(N_("there is no such file"))) from None
    except OSError:
        raise FileUnreadable(path=path, reason=Msg(N_("the system could not read it"))) from None
    if not stat.S_ISREG(mode):
        raise _not_regular(path, mode)


def open_regular(path: Path) -> BinaryIO:
    """Open a regular file for reading without ever blocking: a FIFO or device is refused, not
    waited on (O_NONBLOCK makes opening a FIFO return at once; the type is checked on the open
    descriptor, so a file swapped after a check is caught too)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):  # a socket cannot even be opened
            raise _not_regular(path, mode)
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise FileUnreadable(path=path, reason=Msg(N_("there is no such file"))) from None
    except IsADirectoryError:
        raise FileUnreadable(path=path, reason=Msg(N_("it is a folder"))) from None
    except PermissionError:
        raise FileUnreadable(path=path, reason=Msg(N_("permission denied"))) from None
    except OSError:
        raise FileUnreadable(path=path, reason=Msg(N_("the system could not read it"))) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise _not_regular(path, mode)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_limited(path: Path, limit: int) -> bytes:
    """At most `limit + 1` bytes of a regular file, so the caller can tell it is too large."""
    with open_regular(path) as handle:
        try:
            return handle.read(limit + 1)
        except OSError:
            raise FileUnreadable(path=path, reason=Msg(N_("the system could not read it"))) from None


def write_new(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Create `path` with `data`; an existing file is never touched, a failed write leaves none."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0), mode)
    except FileExistsError:
        raise FileExists(path=path) from None
    except OSError as exc:
        raise _write_error(exc) from None
    try:
        _write_synced(fd, data)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise _write_error(exc) from None


def replace_atomically(path: Path, data: bytes) -> None:
    """Write a temporary file beside `path`, fsync it, then rename it over `path` in one step."""
    mode = stat.S_IMODE(os.stat(path).st_mode)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name + ".", suffix=".tmp")
    except OSError as exc:
        raise _write_error(exc) from None
    try:
        _write_synced(fd, data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise _write_error(exc) from None
    _sync_folder(path.parent)


def write_private(path: Path, data: bytes) -> None:
    """A file only the user can read: created new, or replaced in one step if it exists (the
    file dialog has already asked before overwriting)."""
    if path.exists():
        replace_atomically(path, data)
        os.chmod(path, 0o600)
    else:
        write_new(path, data, 0o600)


def _write_synced(fd: int, data: bytes) -> None:
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_error(exc: OSError) -> Exception:
    return DiskFull() if exc.errno == errno.ENOSPC else WriteFailed()
