"""Opening a vault file: checks before the key is tried, the key itself, and the hardening pragmas.

Fail closed: a file that does not open is never created, replaced or repaired here.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import sqlcipher3

from commsdesk.i18n import N_
from commsdesk.search.analyzer import fold
from commsdesk.storage import errors
from commsdesk.storage.kdf import SALT_BYTES

PAGE_SIZE = 4096
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 3000

DatabaseError = sqlcipher3.DatabaseError
Connection = sqlcipher3.Connection


def inspect_existing(path: Path) -> bytes:
    """Everything that can be said about a vault file without a key; returns its salt.

    A FIFO, socket or device is refused without waiting on it; nothing is ever written."""
    from commsdesk.storage.filelock import open_vault_file

    fd = open_vault_file(path)
    try:
        size = os.fstat(fd).st_size
        head = os.read(fd, SALT_BYTES) if size else b""
    except OSError as exc:
        raise errors.VaultUnreadable(path=path, reason=errors.os_reason(exc)) from None
    finally:
        os.close(fd)
    if size == 0:
        raise errors.VaultEmpty(path=path)
    if head == SQLITE_HEADER:
        raise errors.VaultNotEncrypted(path=path)
    if size < PAGE_SIZE or size % PAGE_SIZE:
        raise errors.VaultTruncated(path=path)
    return head


def _uri(path: Path, mode: str) -> str:
    uri = f"{path.resolve().as_uri()}?mode={'ro' if mode == 'immutable' else mode}"
    # immutable: no locks, no -shm, no log; the only way SQLite reads a WAL-mode file on
    # read-only media. Used only when the file cannot be opened any other way.
    return uri + "&immutable=1" if mode == "immutable" else uri


def _raw_key_literal(key: bytes | bytearray, salt: bytes) -> str:
    # SQLCipher's raw key with explicit salt: 32 key bytes then the 16-byte file salt, in hex.
    return f"\"x'{bytes(key).hex()}{salt.hex()}'\""


def _keyed(path: Path, key: bytes | bytearray, salt: bytes, mode: str) -> Connection:
    """A connection whose key has been proven by reading the schema; nothing written yet."""
    try:
        conn = sqlcipher3.connect(
            _uri(path, mode), uri=True, isolation_level=None, check_same_thread=False,
            timeout=BUSY_TIMEOUT_MS / 1000,
        )
    except sqlcipher3.OperationalError:  # its text is SQLite's English, never shown
        raise errors.VaultUnreadable(path=path,
                                     reason=errors.Msg(N_("the system could not read it"))) from None
    try:
        # Before the key is used: no log lines on stderr. SQLCipher always wipes and locks its own
        # allocations (keys, cipher buffers); its "enhanced" memory security, which extends that
        # to every allocation SQLite makes, stays off (SQLCipher's default since 4.5): it made
        # every statement 3-4x slower (mlock/munlock per allocation), could not lock a page cache
        # larger than RLIMIT_MEMLOCK (8 MiB on most Linux desktops) anyway, and the same text lives
        # in Python and Qt memory that nothing wipes. docs/security.md, "Memory".
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("PRAGMA cipher_memory_security = OFF")
        conn.execute(f"PRAGMA key = {_raw_key_literal(key, salt)}")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError as exc:
            raise translate_error(exc, opening=True) from None
    except BaseException:
        conn.close()
        raise
    return conn


def connect(path: Path, key: bytes | bytearray, salt: bytes, *, create: bool = False) -> Connection:
    """A keyed, hardened connection for reading and writing."""
    conn = _keyed(path, key, salt, "rwc" if create else "rw")
    try:
        harden(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def connect_read_only(path: Path, key: bytes | bytearray, salt: bytes, *,
                      complete: bool = True) -> Connection:
    """A keyed connection that cannot write: plain read-only, or, where even that needs a write
    (a WAL-mode file on read-only media), immutable. `query_only` guards against our own slips.

    An immutable connection does not read the -wal: where a crashed writer left entries there
    it would show (and export) less than was saved, so it is refused unless `complete` is off
    (only to tell what the file is)."""
    try:
        conn = _keyed(path, key, salt, "ro")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except (errors.VaultUnreadable, errors.WriteFailed):
        if complete and _has_log(path):
            raise errors.VaultLogUnreadable() from None
        conn = _keyed(path, key, salt, "immutable")
    try:
        conn.execute("PRAGMA query_only = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.create_function("fold", 1, fold, deterministic=True)
    except BaseException:
        conn.close()
        raise
    return conn


def _has_log(path: Path) -> bool:
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        return False


def probe(path: Path, key: bytes | bytearray, salt: bytes, accept: Callable[[Connection], None]) -> None:
    """Prove the key and let `accept` check what the file is, on a connection that cannot write,
    before any connection that may write (switching to WAL, rolling back a log) touches it: a
    file that is refused keeps every byte, and no -wal or -shm appears beside it. With no log
    beside the file nobody has it open, so it is read as immutable (a read-only connection to a
    WAL-mode file would create both side files and leave them behind)."""
    quiet = not any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-shm", "-journal"))
    conn = _keyed(path, key, salt, "immutable") if quiet \
        else connect_read_only(path, key, salt, complete=False)
    try:
        accept(conn)
    except sqlcipher3.Error as exc:
        raise translate_error(exc, opening=True) from None
    finally:
        conn.close()


def harden(conn: Connection) -> None:
    """Pragmas every vault connection runs with; tests assert each one."""
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise errors.VaultBusy()
    # FULL in WAL mode fsyncs the log at every commit: a saved entry survives power loss.
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA cache_size = -32000")
    conn.execute("PRAGMA trusted_schema = OFF")
    # Unicode-aware case and ё/е folding for name filters (SQLite's lower() knows only ASCII).
    conn.create_function("fold", 1, fold, deterministic=True)


def translate_error(exc: BaseException, *, opening: bool = False,
                    path: Path | None = None) -> errors.VaultError:
    """Map an SQLite/SQLCipher exception to a user-facing error without leaking its text.
    With `path`, a vague write failure on a disk with no room left is reported as a full disk."""
    text = str(exc).lower()
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return errors.DiskFull()
        return _full_or(errors.WriteFailed(), path)
    if "disk is full" in text or "database or disk is full" in text:
        return errors.DiskFull()
    if "locked" in text or "busy" in text:
        return errors.VaultBusy()
    if opening and ("not a database" in text or "encrypted" in text):
        return errors.WrongPassphrase()
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return errors.VaultDamaged()
    if "disk i/o error" in text or "readonly" in text or "unable to open" in text:
        return _full_or(errors.WriteFailed(), path)
    return errors.VaultDamaged()


FULL_BELOW_BYTES = 256 * 1024


def disk_is_full(folder: Path) -> bool:
    """Less room left than one more write needs (SQLite often reports ENOSPC as an I/O error)."""
    try:
        return shutil.disk_usage(folder).free < FULL_BELOW_BYTES
    except OSError:
        return False


def _full_or(error: errors.VaultError, path: Path | None) -> errors.VaultError:
    if path is not None and disk_is_full(path if path.is_dir() else path.parent):
        return errors.DiskFull()
    return error


def fsync_dir(directory: Path) -> None:
    """Make a rename durable (POSIX); harmless where directories cannot be opened."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
