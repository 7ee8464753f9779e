"""Who else has this vault open: an advisory lock held on the vault file itself.

Every open `Vault` holds a *shared* lock for as long as it is open. Operations that replace the
whole file (restore, passphrase change, travel mode) need the *exclusive* lock: they get it only
when no other process (the app, a second CLI) has the vault open, and while they hold it nobody
can open the vault. Without this, a restore could move aside the log of a vault another process
is writing to, and entries that process confirmed would end up nowhere.

`flock` locks belong to one open file description and are independent of the POSIX record locks
SQLite takes on the same file, so they do not interfere with its own locking. Our descriptor is
closed only after the vault's SQLite connections (closing another descriptor of a file drops the
process's POSIX locks on it). Where `fcntl` does not exist (Windows), SQLite's own file sharing is
the only guard; `VaultLock` then does nothing.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from commsdesk.storage import errors

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def open_vault_file(path: Path) -> int:
    """A read-only descriptor of a regular file; a FIFO, device or folder is refused at once
    (O_NONBLOCK: opening a FIFO does not wait for a writer), a missing file is VaultNotFound."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) \
        | getattr(os, "O_BINARY", 0)
    try:
        _refuse_special(os.stat(path).st_mode, path)  # a socket cannot even be opened
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise errors.VaultNotFound(path=path) from None
    except IsADirectoryError:
        raise errors.VaultIsDirectory(path=path) from None
    except OSError as exc:
        raise errors.VaultUnreadable(path=path, reason=errors.os_reason(exc)) from None
    try:
        _refuse_special(os.fstat(fd).st_mode, path)  # the file itself, even if swapped since
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _same_file(fd: int, path: Path) -> bool:
    try:
        now = os.stat(path)
    except OSError:
        return False
    held = os.fstat(fd)
    return (held.st_dev, held.st_ino) == (now.st_dev, now.st_ino)


def _refuse_special(mode: int, path: Path) -> None:
    if stat.S_ISDIR(mode):
        raise errors.VaultIsDirectory(path=path)
    if not stat.S_ISREG(mode):
        raise errors.VaultNotRegular(path=path)


class VaultLock:
    """A held lock on one vault file. Use `shared` or `exclusive`; always `release()`."""

    def __init__(self, fd: int, exclusive: bool):
        self._fd: int | None = fd
        self.is_exclusive = exclusive

    @classmethod
    def shared(cls, path: Path) -> VaultLock:
        """For an open vault: refused (VaultBusy) while a whole-file operation runs."""
        return cls._take(path, exclusive=False)

    @classmethod
    def exclusive(cls, path: Path) -> VaultLock:
        """For replacing the file: refused (VaultBusy) while the vault is open anywhere."""
        return cls._take(path, exclusive=True)

    @classmethod
    def _take(cls, path: Path, exclusive: bool) -> VaultLock:
        # A whole-file operation may rename a new file into place between our open and our
        # flock: the lock would then sit on the replaced file while SQLite opens the new one, and
        # the next restore would not see us. So the locked file must still be the one at `path`.
        for _attempt in range(3):
            fd = open_vault_file(path)
            lock = cls(fd, exclusive)
            try:
                lock._flock(exclusive)
                if _same_file(fd, path):
                    return lock
            except BaseException:
                lock.release()
                raise
            lock.release()
        raise errors.VaultBusy()

    def _flock(self, exclusive: bool) -> None:
        if fcntl is None or self._fd is None:
            return
        operation = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
        try:
            fcntl.flock(self._fd, operation)
        except BlockingIOError:
            raise errors.VaultBusy() from None
        except OSError:
            # A file system without flock (some network mounts): SQLite's locks still apply.
            return
        self.is_exclusive = exclusive

    def upgrade(self) -> None:
        """Shared → exclusive, or VaultBusy with the shared lock still held. (Linux may drop the
        old lock while converting, so on refusal the shared lock is taken again.)"""
        try:
            self._flock(True)
        except errors.VaultBusy:
            try:
                self._flock(False)
            except errors.VaultBusy:
                # In the instant ours was being converted, another process took the exclusive
                # lock: it is about to replace or remove the file. This lock is gone (`held` is
                # False), and whoever holds the vault open must stop using it.
                self.release()
            raise

    def downgrade(self) -> None:
        """Exclusive → shared; on a refusal (see `upgrade`) the lock is released."""
        try:
            self._flock(False)
        except errors.VaultBusy:
            self.release()
            raise

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)  # closing the descriptor drops the flock

    def __enter__(self) -> VaultLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
