"""Opening a vault file: checks before the key is tried, the key itself, and the hardening pragmas.

Fail closed: a file that does not open is never created, replaced or repaired here.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import sqlcipher3

from commsdesk.search.analyzer import fold
from commsdesk.storage import errors
from commsdesk.storage.kdf import SALT_BYTES

PAGE_SIZE = 4096
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 3000

DatabaseError = sqlcipher3.DatabaseError
Connection = sqlcipher3.Connection


def inspect_existing(path: Path) -> bytes:
    """Everything that can be said about a vault file without a key; returns its salt."""
    if path.is_dir():
        raise errors.VaultIsDirectory(path=path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(SALT_BYTES)
    except FileNotFoundError:
        raise errors.VaultNotFound(path=path) from None
    except OSError as exc:
        raise errors.VaultUnreadable(path=path, reason=exc.strerror or exc.__class__.__name__) from None
    if size == 0:
        raise errors.VaultEmpty(path=path)
    if head == SQLITE_HEADER:
        raise errors.VaultNotEncrypted(path=path)
    if size < PAGE_SIZE or size % PAGE_SIZE:
        raise errors.VaultTruncated(path=path)
    return head


def _uri(path: Path, create: bool) -> str:
    mode = "rwc" if create else "rw"
    return f"{path.resolve().as_uri()}?mode={mode}"


def _raw_key_literal(key: bytes | bytearray, salt: bytes) -> str:
    # SQLCipher's raw key with explicit salt: 32 key bytes then the 16-byte file salt, in hex.
    return f"\"x'{bytes(key).hex()}{salt.hex()}'\""


def connect(path: Path, key: bytes | bytearray, salt: bytes, *, create: bool = False) -> Connection:
    """A keyed, hardened connection whose key has been proven by reading the schema."""
    try:
        conn = sqlcipher3.connect(
            _uri(path, create), uri=True, isolation_level=None, check_same_thread=False,
            timeout=BUSY_TIMEOUT_MS / 1000,
        )
    except sqlcipher3.OperationalError as exc:
        raise errors.VaultUnreadable(path=path, reason=str(exc)) from None
    try:
        # Both must be set before the key is used: no log lines on stderr, key memory wiped on free.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("PRAGMA cipher_memory_security = ON")
        conn.execute(f"PRAGMA key = {_raw_key_literal(key, salt)}")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError as exc:
            raise translate_error(exc, opening=True) from None
        harden(conn)
    except BaseException:
        conn.close()
        raise
    return conn


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


def translate_error(exc: BaseException, *, opening: bool = False) -> errors.VaultError:
    """Map an SQLite/SQLCipher exception to a user-facing error without leaking its text."""
    text = str(exc).lower()
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return errors.DiskFull()
        return errors.WriteFailed()
    if "disk is full" in text or "database or disk is full" in text:
        return errors.DiskFull()
    if "locked" in text or "busy" in text:
        return errors.VaultBusy()
    if opening and ("not a database" in text or "encrypted" in text):
        return errors.WrongPassphrase()
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return errors.VaultDamaged()
    if "disk i/o error" in text or "readonly" in text or "unable to open" in text:
        return errors.WriteFailed()
    return errors.VaultDamaged()


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
