"""Safety operations on whole vault files: integrity check, backup, restore, passphrase change.

Every operation that produces a file writes it beside its destination under a temporary name,
fsyncs it, opens it again to verify it, and only then renames it into place. Killed at any
moment, the destination holds either the old file or the complete new one.

Operations that replace the vault file take its exclusive lock first (storage.filelock), so they
refuse, changing nothing, while the vault is open anywhere else. Each of their steps is named
(`RESTORE_STEPS`, `PASSWD_STEPS`) and announced to `step_hook` before it runs: the test suite and
benchmarks/fault_campaign.py fail or kill the process at every step in turn.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import sqlcipher3

from commsdesk.storage import connection, errors, migrations
from commsdesk.storage.filelock import VaultLock
from commsdesk.storage.kdf import (
    LEVELS,
    derive_key,
    level_of_salt,
    make_salt,
    testing_level_allowed,
    wipe,
)
from commsdesk.storage.vault import Vault, validate_new_passphrase

# Fault injection: called with each step's name just before the step; None in the app.
step_hook: Callable[[str], None] | None = None


def _step(name: str) -> None:
    if step_hook is not None:
        step_hook(name)


RESTORE_STEPS = (
    "lock", "copy-backup", "fsync-copy", "verify-copy", "checkpoint",
    "keep-wal", "keep-journal", "keep-copy", "keep-fsync", "keep-rename", "keep-fsync-dir",
    "remove-wal", "remove-shm", "remove-journal", "replace", "fsync-dir",
)
PASSWD_STEPS = (
    "lock", "purge", "export", "fsync-copy", "verify-copy", "close", "check-log", "replace",
    "fsync-dir", "reopen",
)

COUNTED_TABLES = ("contacts", "conversations", "observations", "plans", "plan_steps",
                  "reminders", "reflections", "dimensions")
SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass
class CheckReport:
    problems: list[str]
    counts: dict[str, int]

    @property
    def ok(self) -> bool:
        return not self.problems


MAX_PROBLEMS = 20
# From SQLite 3.44 `PRAGMA integrity_check` runs each virtual table's own check (FTS5's is its
# 'integrity-check' command, which re-reads the whole index): running the command again doubled
# the cost of `check` for nothing.
CHECK_RUNS_FTS5 = sqlcipher3.sqlite_version_info >= (3, 44, 0)


def check_connection(conn: connection.Connection, path: Path | None = None) -> CheckReport:
    """SQLite's and SQLCipher's own checks, stopping early: the b-tree check (with the search
    index's own check inside it) stops at 20 problems, and a file longer than its pages (padding,
    a foreign tail) is reported before the page-by-page cipher check, which would otherwise read
    every byte of an absurd file."""
    problems: list[str] = []
    try:
        with _large_cache(conn):
            rows = [r[0] for r in conn.execute(f"PRAGMA integrity_check({MAX_PROBLEMS})")]
        if rows != ["ok"]:
            problems += [f"integrity_check: {r}" for r in rows[:MAX_PROBLEMS]]
        if path is not None and not problems:
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            page_size = conn.execute("PRAGMA page_size").fetchone()[0]
            extra = _size(Path(path)) - int(pages) * int(page_size)
            if extra > 0:
                problems.append(f"file: {extra} bytes after the last page")
        if not problems:
            problems += [f"cipher_integrity_check: {r[0]}"
                         for r in conn.execute("PRAGMA cipher_integrity_check")][:MAX_PROBLEMS]
        if not problems:
            problems += [f"foreign_key_check: {r[0]} row {r[1]}"
                         for r in conn.execute("PRAGMA foreign_key_check")][:MAX_PROBLEMS]
            if not CHECK_RUNS_FTS5 and not conn.execute("PRAGMA query_only").fetchone()[0]:
                conn.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 0)")
        counts = _counts(conn)
    except sqlcipher3.Error as exc:
        raise connection.translate_error(exc) from None
    return CheckReport(problems, counts)


CHECK_CACHE_KIB = 256 * 1024


@contextmanager
def _large_cache(conn: connection.Connection) -> Iterator[None]:
    """A larger page cache while the b-trees are checked: checking an index against its table
    goes back to pages read before, and each page that fell out of the cache is decrypted again
    (a quarter less work at 100k conversations). Taken only as pages are read, given back after."""
    before = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = {-CHECK_CACHE_KIB}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {int(before)}")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _counts(conn: connection.Connection) -> dict[str, int]:
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED_TABLES}


def check(vault: Vault) -> CheckReport:
    with vault.reading() as conn:
        return check_connection(conn, vault.path)


def _temp_beside(target: Path) -> Path:
    return target.with_name(f".{target.name}.tmp-{secrets.token_hex(4)}")


def _remove(path: Path) -> None:
    for suffix in ("", *SIDE_FILES):
        with suppress(OSError):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


@contextmanager
def _source(vault: Vault, beside: Path) -> Iterator[connection.Connection]:
    """A connection to export from. A read-only vault (read-only media, full disk) cannot attach
    a new file, so its file (and log) is first copied beside the destination and read there."""
    if not vault.read_only:
        with vault.reading() as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            yield conn
        return
    scratch = _temp_beside(beside)
    try:
        shutil.copyfile(vault.path, scratch)
        wal = Path(f"{vault.path}-wal")
        if wal.exists():
            shutil.copyfile(wal, f"{scratch}-wal")
        key = vault.key_copy()
        try:
            conn = connection.connect(scratch, key, vault.salt)
        finally:
            wipe(key)
        try:
            yield conn
        finally:
            conn.close()
    finally:
        _remove(scratch)


def _export_copy(vault: Vault, target: Path, key: bytearray, salt: bytes) -> dict[str, int]:
    """Write the whole vault, re-encrypted under `key`/`salt`, into the new file `target`."""
    fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    literal = f"x'{bytes(key).hex()}{salt.hex()}'"
    with _source(vault, target) as conn:
        try:
            conn.execute("ATTACH DATABASE ? AS copy KEY ?", (str(target), literal))
            try:
                conn.execute("SELECT sqlcipher_export('copy')").fetchall()
                version = conn.execute("PRAGMA main.user_version").fetchone()[0]
                conn.execute(f"PRAGMA copy.user_version = {int(version)}")
                conn.execute(f"PRAGMA copy.application_id = {migrations.APPLICATION_ID}")
            finally:
                conn.execute("DETACH DATABASE copy")
        except sqlcipher3.Error as exc:
            raise connection.translate_error(exc, path=target) from None
        counts = _counts(conn)
    _step("fsync-copy")
    _fsync_file(target)
    return counts


def _verify(path: Path, key: bytearray, salt: bytes, expected: dict[str, int] | None) -> None:
    conn = connection.connect(path, key, salt)
    try:
        report = check_connection(conn, path)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    finally:
        conn.close()
    if not report.ok or app_id != migrations.APPLICATION_ID or version > migrations.LATEST:
        raise errors.VaultDamaged()
    if expected is not None and report.counts != expected:
        raise errors.VaultDamaged()


def _page_copy(vault: Vault, target: Path, key: bytearray, salt: bytes) -> dict[str, int]:
    """Copy the vault page by page (SQLite's backup API) into the new file `target`: each page is
    decrypted once and encrypted under `key`/`salt`, with no re-insertion of rows and no rebuild
    of indexes. Read-only vaults (read-only media, full disk) are read where they are."""
    fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    with vault.reading() as source:
        try:
            copy = connection._keyed(target, key, salt, "rwc")  # no log: pages go straight in
            try:
                source.backup(copy)
            finally:
                copy.close()
        except sqlcipher3.Error as exc:
            raise connection.translate_error(exc, path=target) from None
        counts = _counts(source)
    _fsync_file(target)
    return counts


def _verify_pages(path: Path, key: bytearray, salt: bytes, expected: dict[str, int]) -> None:
    """A page copy of a vault is verified by what tells its pages apart from any other bytes:
    every page's HMAC under the new key (`cipher_integrity_check` reads each page once and
    decrypts none), a length of whole pages, the vault's identity, and the count of every kind
    of record. The b-tree inside the pages is the vault's own, page for page."""
    conn = connection.connect(path, key, salt)
    try:
        bad = [r[0] for r in conn.execute("PRAGMA cipher_integrity_check")][:MAX_PROBLEMS]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        counts = _counts(conn)
    except sqlcipher3.Error:
        raise errors.VaultDamaged() from None
    finally:
        conn.close()
    if bad or _size(path) != int(pages) * int(page_size):
        raise errors.VaultDamaged()
    if app_id != migrations.APPLICATION_ID or version > migrations.LATEST or counts != expected:
        raise errors.VaultDamaged()


COPY_CHUNK = 1 << 20


def _file_copy(vault: Vault, target: Path) -> dict[str, int] | None:
    """Under the vault's own key and salt the backup's pages are the vault's pages, byte for byte:
    the file is copied as it is, with no decryption. Only while that file is the whole vault and
    nobody can change it: the log was just checkpointed into it and is still empty once this
    connection holds the write lock (so no one can append to it, and no checkpoint has anything
    to write). Otherwise (None) the pages are copied through SQLite (`_page_copy`)."""
    if vault.read_only:
        return None
    with vault.reading() as conn:
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            conn.execute("BEGIN IMMEDIATE")
        except sqlcipher3.Error:
            return None  # inside a transaction already, or another process is writing
        try:
            if _size(Path(f"{vault.path}-wal")):
                return None
            remaining = int(conn.execute("PRAGMA page_count").fetchone()[0]) * \
                int(conn.execute("PRAGMA page_size").fetchone()[0])
            counts = _counts(conn)
            fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            with open(vault.path, "rb") as source, os.fdopen(fd, "wb") as copy:
                while remaining:
                    chunk = source.read(min(remaining, COPY_CHUNK))
                    if not chunk:
                        raise errors.VaultDamaged()  # shorter than its own page count
                    copy.write(chunk)
                    remaining -= len(chunk)
        except sqlcipher3.Error as exc:
            raise connection.translate_error(exc) from None
        finally:
            with suppress(sqlcipher3.Error):
                conn.execute("ROLLBACK")
    _fsync_file(target)
    return counts


def _copy_under(vault: Vault, destination: Path, key: bytearray, salt: bytes, same_key: bool) -> None:
    tmp = _temp_beside(destination)
    try:
        counts = _file_copy(vault, tmp) if same_key else None
        if counts is None:
            counts = _page_copy(vault, tmp, key, salt)
        _verify_pages(tmp, key, salt, counts)
        os.replace(tmp, destination)
        connection.fsync_dir(destination.parent)
    except OSError as exc:
        raise connection.translate_error(exc, path=destination) from None
    finally:
        _remove(tmp)


def backup(vault: Vault, destination: Path, passphrase: str | None = None,
           level: int | None = None, overwrite: bool = False) -> None:
    """One encrypted file; under the vault's own passphrase unless another one is given."""
    destination = Path(destination)
    if destination.exists() and (not overwrite or destination.is_dir()):
        raise errors.VaultExists(path=destination)
    if destination.resolve() == vault.path.resolve():
        raise errors.VaultExists(path=destination)
    vault.purge_deleted()
    if passphrase is None:
        key, salt = vault.key_copy(), vault.salt
    else:
        validate_new_passphrase(passphrase)
        salt = make_salt(LEVELS[level if level is not None else vault.kdf_level.id])
        key = derive_key(passphrase, salt)
    try:
        _copy_under(vault, destination, key, salt, same_key=passphrase is None)
    finally:
        wipe(key)


def change_passphrase(vault: Vault, new_passphrase: str, level: int | None = None) -> Vault:
    """Re-encrypt the vault under a new passphrase (and new salt). Returns the reopened vault;
    the `vault` passed in is closed. Refused (VaultBusy, nothing changed, `vault` still open)
    while the vault is open in another process. Killed midway, the file opens with the old or
    the new passphrase and holds every write made before."""
    validate_new_passphrase(new_passphrase)
    if vault.read_only:
        raise errors.VaultReadOnly(reason=errors.Msg(vault.read_only))
    kdf = LEVELS[level if level is not None else vault.kdf_level.id]
    # Through a link the file it leads to is replaced: replacing the link would leave the vault
    # under the old passphrase where it lives (an encrypted volume, a synced folder).
    path = vault.path.resolve()
    lock = vault.take_file_lock()
    try:
        _step("lock")
        if lock is not None:
            lock.upgrade()
    except BaseException as exc:
        vault.return_file_lock(lock)  # still shared: the vault stays open and usable
        if isinstance(exc, OSError):
            raise connection.translate_error(exc, path=path) from None
        raise
    salt = make_salt(kdf)
    key = derive_key(new_passphrase, salt)
    vault.freeze()
    tmp = _temp_beside(path)
    try:
        _step("purge")
        vault.purge_deleted()
        _step("export")
        counts = _export_copy(vault, tmp, key, salt)
        _step("verify-copy")
        _verify(tmp, key, salt, counts)
        _step("close")
        vault.close()
        _step("check-log")
        if any(Path(f"{path}{s}").exists() for s in ("-wal", "-journal")):
            raise errors.VaultBusy()
        _step("replace")
        os.replace(tmp, path)
        _step("fsync-dir")
        connection.fsync_dir(path.parent)
    except OSError as exc:
        wipe(key)
        vault.thaw()
        vault.return_file_lock(lock)
        raise connection.translate_error(exc, path=path) from None
    except BaseException:
        wipe(key)
        vault.thaw()
        vault.return_file_lock(lock)
        raise
    finally:
        _remove(tmp)
    if lock is not None:
        lock.release()
    try:
        _step("reopen")
        return Vault.open_with_key(vault.path, key, salt)
    except (OSError, errors.VaultError):
        # (the reasons' own messages say "nothing was changed", which is no longer true)
        wipe(key)
        raise errors.ChangedButNotReopened() from None


def kept_copy_name(vault_path: Path, today: date | None = None) -> Path:
    """`<vault>.before-restore-<date>`, numbered when taken, never the name of an existing file
    or of a leftover log of one: a kept copy is never overwritten."""
    stem = f"{vault_path.name}.before-restore-{(today or date.today()).isoformat()}"
    for number in range(1, 10_000):
        name = stem if number == 1 else f"{stem}-{number}"
        candidate = vault_path.with_name(name)
        if not any(Path(f"{candidate}{suffix}").exists() for suffix in ("", *SIDE_FILES)):
            return candidate
    raise errors.VaultExists(path=vault_path.with_name(stem))


def restore(vault_path: Path, backup_path: Path, backup_passphrase: str,
            current_key: tuple[bytearray, bytes] | None = None) -> Path | None:
    """Replace the vault file by a verified backup. Returns where the replaced vault was kept
    (None when there was none); that copy is self-contained and opens with its old passphrase.

    Refused (VaultBusy) while the vault is open anywhere. With `current_key` (the key and salt
    of the vault being replaced) its log is first checkpointed into the file; without it (the
    command line asks only for the backup's passphrase) a log left by a crashed writer is kept
    beside the copy under the copy's name, where SQLite finds and applies it on opening."""
    # Through a link the file it leads to is replaced, and its copy is kept beside it.
    vault_path, backup_path = Path(vault_path).resolve(), Path(backup_path)
    backup_salt = connection.inspect_existing(backup_path)
    if level_of_salt(backup_salt).testing_only and not testing_level_allowed():
        raise errors.TestingKdfRefused()  # the app would refuse the restored vault
    key = derive_key(backup_passphrase, backup_salt)
    tmp = _temp_beside(vault_path)
    kept: Path | None = None
    lock: VaultLock | None = None
    try:
        _step("lock")
        lock = VaultLock.exclusive(vault_path) if vault_path.exists() else None
        vault_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        _step("copy-backup")
        with _open_for_reading(backup_path) as source, open(tmp, "xb") as target:
            shutil.copyfileobj(source, target)
        os.chmod(tmp, 0o600)
        # A kept copy may have its crashed writer's log beside it (see `_keep`): it goes with
        # the copy, and the verification below moves it into the file.
        for suffix in ("-wal", "-journal"):
            side = Path(f"{backup_path}{suffix}")
            if side.is_file() and side.stat().st_size:
                with _open_for_reading(side) as source, open(f"{tmp}{suffix}", "xb") as target:
                    shutil.copyfileobj(source, target)
        _step("fsync-copy")
        _fsync_file(tmp)
        _step("verify-copy")
        try:
            _verify(tmp, key, backup_salt, None)
        except errors.VaultError as exc:
            raise errors.BackupInvalid(reason=exc.user_message()) from None
        if any(Path(f"{tmp}{suffix}").exists() for suffix in ("-wal", "-journal")):
            raise errors.VaultBusy()  # the log was not moved into the copy: it would be lost
        if lock is not None:
            _step("checkpoint")
            if current_key is not None:
                _checkpoint(vault_path, *current_key)
            kept = _keep(vault_path)
            for suffix in ("-wal", "-shm", "-journal"):
                _step(f"remove{suffix}")
                Path(f"{vault_path}{suffix}").unlink(missing_ok=True)
        else:
            _set_aside_orphan_logs(vault_path)
        _step("replace")
        os.replace(tmp, vault_path)
        _step("fsync-dir")
        connection.fsync_dir(vault_path.parent)
    except OSError as exc:
        raise connection.translate_error(exc, path=vault_path) from None
    finally:
        wipe(key)
        _remove(tmp)
        if lock is not None:
            lock.release()
    return kept


def _open_for_reading(path: Path):
    """The backup file for reading; a FIFO or device is refused, not waited on."""
    from commsdesk.storage.filelock import open_vault_file

    return os.fdopen(open_vault_file(path), "rb")


def _checkpoint(vault_path: Path, key: bytearray, salt: bytes) -> None:
    """Move every committed page of the log into the vault file and empty the log."""
    conn = connection.connect(vault_path, key, salt)
    try:
        busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    except sqlcipher3.Error as exc:
        raise connection.translate_error(exc, path=vault_path) from None
    finally:
        conn.close()
    if busy:
        raise errors.VaultBusy()


def _set_aside_orphan_logs(vault_path: Path) -> None:
    """The vault file is gone (moved away after a crash) but its log is still there: SQLite would
    apply that log to the restored file, which then would not open. The log is kept under a
    kept-copy name (put the file back beside it under that name and SQLite applies it)."""
    logs = [s for s in ("-wal", "-journal") if _size(Path(f"{vault_path}{s}"))]
    kept = kept_copy_name(vault_path) if logs else None
    for suffix in logs:
        os.replace(f"{vault_path}{suffix}", f"{kept}{suffix}")
    Path(f"{vault_path}-shm").unlink(missing_ok=True)
    for suffix in ("-wal", "-journal"):
        Path(f"{vault_path}{suffix}").unlink(missing_ok=True)  # empty ones
    if logs:
        connection.fsync_dir(vault_path.parent)


def _keep(vault_path: Path) -> Path:
    """Copy the vault (and any log a crashed writer left) to a new kept-copy name. The log goes
    into place first, so the copy never appears without it; temporaries carry the vault's
    temporary prefix and are swept when the vault is next opened."""
    kept = kept_copy_name(vault_path)
    placed: list[Path] = []
    part = _temp_beside(vault_path)
    try:
        for suffix in ("-wal", "-journal"):
            _step(f"keep{suffix}")
            side = Path(f"{vault_path}{suffix}")
            if side.exists() and side.stat().st_size:
                shutil.copyfile(side, part)
                _fsync_file(part)
                os.replace(part, Path(f"{kept}{suffix}"))
                placed.append(Path(f"{kept}{suffix}"))
        _step("keep-copy")
        shutil.copyfile(vault_path, part)
        os.chmod(part, 0o600)
        _step("keep-fsync")
        _fsync_file(part)
        _step("keep-rename")
        os.replace(part, kept)
    except BaseException:
        # A log under the kept name, for a copy that never appeared, would stay there for good
        # (the vault still has its own log: nothing is lost by removing this copy of it).
        for side in placed:
            with suppress(OSError):
                side.unlink()
        raise
    finally:
        _remove(part)
    _step("keep-fsync-dir")
    connection.fsync_dir(vault_path.parent)
    return kept
