"""The user's own files outside the vault (packs, story cards, exports): bounded reads, new files
that never overwrite, atomic in-place replacement."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from commsdesk.i18n import N_
from commsdesk.storage.errors import DiskFull, Msg, VaultExists, VaultUnreadable, WriteFailed


def read_limited(path: Path, limit: int) -> bytes:
    """At most `limit + 1` bytes of a regular file, so the caller can tell it is too large."""
    try:
        with open(path, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise VaultUnreadable(path=path, reason=Msg(N_("it is not a regular file")))
            return handle.read(limit + 1)
    except FileNotFoundError:
        raise VaultUnreadable(path=path, reason=Msg(N_("there is no such file"))) from None
    except IsADirectoryError:
        raise VaultUnreadable(path=path, reason=Msg(N_("it is a folder"))) from None
    except PermissionError:
        raise VaultUnreadable(path=path, reason=Msg(N_("permission denied"))) from None
    except OSError:
        raise VaultUnreadable(path=path, reason=Msg(N_("the system could not read it"))) from None


def write_new(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Create `path` with `data`; an existing file is never touched, a failed write leaves none."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0), mode)
    except FileExistsError:
        raise VaultExists(path=path) from None
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
