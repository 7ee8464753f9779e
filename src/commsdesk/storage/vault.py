"""The open vault: one keyed connection, its lock, transactions and the repositories over it.

Every method may be called from a worker thread; writes are serialised by one re-entrant lock.
Reads never wait for it: while a worker writes, the UI thread reads through a connection of
its own (see `reading`).
"""

from __future__ import annotations

import glob
import os
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import sqlcipher3

from commsdesk.i18n import N_
from commsdesk.storage import connection, errors, migrations
from commsdesk.storage.errors import MIN_PASSPHRASE_LENGTH, Msg
from commsdesk.storage.filelock import VaultLock
from commsdesk.storage.kdf import (
    DEFAULT_LEVEL,
    LEVELS,
    KdfLevel,
    derive_key,
    level_of_salt,
    make_salt,
    testing_level_allowed,
    wipe,
)

READ_ONLY_MEDIA = N_("the disk or folder it is on cannot be written to (read-only media, or no"
                     " permission). You can read, search, export and back it up to another disk.")
READ_ONLY_FULL = N_("the disk it is on is full. You can read, search, export and back it up to"
                    " another disk; free some space and unlock it again to make changes.")
READ_ONLY_MIGRATION = N_("This vault must be updated for this version of CommsDesk, and the disk it"
                         " is on cannot be written to. Copy it to a writable disk and open it there.")


def validate_new_passphrase(passphrase: str, repeat: str | None = None) -> None:
    if repeat is not None and passphrase != repeat:
        raise errors.PassphraseMismatch()
    if len(passphrase.strip()) < MIN_PASSPHRASE_LENGTH:
        raise errors.WeakPassphrase(minimum=MIN_PASSPHRASE_LENGTH)


class Vault:
    """An unlocked vault. Create with `Vault.create` or `Vault.open`; always `close()` it."""

    def __init__(self, path: Path, conn: connection.Connection, key: bytearray, salt: bytes,
                 lock: VaultLock | None = None, read_only: str | None = None):
        from commsdesk.storage.repositories import Repositories

        self.path = path
        # Held while open: whole-file operations elsewhere wait for it (see storage.filelock).
        self._file_lock = lock
        # None, or the (untranslated) reason changes are off: read-only media, a full disk.
        self.read_only = read_only
        self._conn: connection.Connection | None = conn
        self._key = key
        self.salt = salt
        self._lock = threading.RLock()
        self._depth = 0
        self._writer: int | None = None  # the thread inside a transaction, if any
        # The thread of a whole-file operation (passphrase change, travel mode) that has copied
        # the vault and will replace or remove it: a write from any other thread would be
        # confirmed and then vanish with the old file, so it is refused (VaultBusy) meanwhile.
        self._frozen_by: int | None = None
        # Inside `indexing_later()`: the records whose search-index rows wait for its end.
        self._index_later: dict[str, set[int]] | None = None
        # Background threads read through a second connection (WAL lets readers run beside the
        # writer), so a long search or summary never makes the UI thread wait for the lock.
        self._reader: connection.Connection | None = None
        self._reader_lock = threading.RLock()  # a read may call another repository's read
        # The UI thread's own reader, opened the first time it would otherwise wait for a
        # worker's transaction: the window never freezes behind a long write.
        self._ui_reader: connection.Connection | None = None
        self._ui_reader_lock = threading.RLock()
        # `seal()` (the UI's lock) wipes the key at once and refuses every thread but the one
        # that then runs `close()` on a worker; `_closed` is set once the file is let go.
        self._sealed = False
        self._closer: int | None = None
        self._closed = threading.Event()
        self.repos = Repositories(self)

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def create(
        cls, path: Path, passphrase: str, *, level: int = DEFAULT_LEVEL,
        allow_testing_level: bool = False,
    ) -> Vault:
        """Make a new vault file; never touches an existing file."""
        path = Path(path)
        kdf = LEVELS[level]
        if kdf.testing_only and not allow_testing_level:
            raise ValueError("the testing KDF level is for the test suite only")
        validate_new_passphrase(passphrase)
        salt = make_salt(kdf)
        key = derive_key(passphrase, salt)
        return cls.create_with_key(path, key, salt)

    @classmethod
    def create_with_key(cls, path: Path, key: bytearray, salt: bytes) -> Vault:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            wipe(key)
            raise errors.VaultExists(path=path) from None
        except IsADirectoryError:
            wipe(key)
            raise errors.VaultExists(path=path) from None
        except OSError as exc:
            wipe(key)
            raise connection.translate_error(exc) from None
        os.close(fd)
        lock = None
        try:
            lock = VaultLock.shared(path)
            conn = connection.connect(path, key, salt, create=True)
            migrations.apply(conn)
        except BaseException as exc:
            wipe(key)
            with suppress(OSError):
                for suffix in ("", "-wal", "-shm", "-journal"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
            if lock is not None:
                lock.release()
            if isinstance(exc, sqlcipher3.Error):
                raise connection.translate_error(exc, path=path) from None
            raise
        connection.fsync_dir(path.parent)
        vault = cls(path, conn, key, salt, lock)
        vault._index_up_to_date()
        return vault

    @classmethod
    def open(cls, path: Path, passphrase: str,
             progress: Callable[[int, int], None] | None = None) -> Vault:
        """Derive the key (slow: call off the UI thread) and open an existing vault.
        `progress(done, total)` follows a search index rebuild, if opening needs one."""
        path = Path(path)
        salt = connection.inspect_existing(path)
        key = derive_key(passphrase, salt)
        return cls.open_with_key(path, key, salt, progress)

    @classmethod
    def open_with_key(cls, path: Path, key: bytearray, salt: bytes | None = None,
                      progress: Callable[[int, int], None] | None = None) -> Vault:
        path = Path(path)
        try:
            file_salt = connection.inspect_existing(path)
            salt = salt or file_salt
            if level_of_salt(salt).testing_only and not testing_level_allowed():
                raise errors.TestingKdfRefused()
            lock = VaultLock.shared(path)
        except BaseException:
            wipe(key)
            raise
        try:
            # Key and identity first, read-only: a refused file is never switched to WAL.
            connection.probe(path, key, salt, _check_identity)
            conn, read_only = _connect_writable_or_not(path, key, salt)
        except BaseException:
            lock.release()
            wipe(key)
            raise
        try:
            if migrations.pending(conn):
                if read_only:
                    raise errors.VaultReadOnly(reason=Msg(READ_ONLY_MIGRATION))
                _copy_before_migration(conn, path)
                migrations.apply(conn)
        except BaseException as exc:
            conn.close()
            lock.release()
            wipe(key)
            if isinstance(exc, sqlcipher3.Error):
                raise connection.translate_error(exc, path=path) from None
            raise
        if not read_only:
            _remove_stale_temporaries(path)
        vault = cls(path, conn, key, salt, lock, read_only)
        if not read_only:  # read-only media keep the index they have
            try:
                vault._index_up_to_date(progress)
            except BaseException:
                vault.close()
                raise
        return vault

    def _index_up_to_date(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Rebuild the search index when it was built by another analyzer (once after an
        upgrade: a 100k-conversation vault takes a minute or two, on the opening worker)."""
        from commsdesk.storage import search_index

        with self._lock:
            current = search_index.is_current(self._connection())
        if not current:
            self.repos.search.rebuild(progress)

    # -- using -----------------------------------------------------------------------------
    @property
    def kdf_level(self) -> KdfLevel:
        return level_of_salt(self.salt)

    @property
    def is_open(self) -> bool:
        return self._conn is not None and not self._sealed

    def _connection(self) -> connection.Connection:
        if self._conn is None or (self._sealed and self._closer != threading.get_ident()):
            raise errors.VaultError()
        return self._conn

    @contextmanager
    def reading(self) -> Iterator[connection.Connection]:
        """A connection for reads. Inside a transaction: its own connection (it sees its own
        writes). On the main (UI) thread: the main connection when no worker is writing, else
        a reader of its own, so the UI never waits for a worker's write. On any other thread:
        the shared reader connection (WAL lets readers run beside the writer)."""
        me = threading.get_ident()
        if self._writer == me or self._closer == me:
            with self._lock:
                yield from self._translated(self._connection())
            return
        if threading.current_thread() is threading.main_thread():
            if self._lock.acquire(blocking=False):
                try:
                    yield from self._translated(self._connection())
                finally:
                    self._lock.release()
                return
            with self._ui_reader_lock:
                yield from self._translated(self._ui_reader_connection())
            return
        with self._reader_lock:
            yield from self._translated(self._reader_connection())

    @staticmethod
    def _translated(conn: connection.Connection) -> Iterator[connection.Connection]:
        try:
            yield conn
        except sqlcipher3.Error as exc:
            raise connection.translate_error(exc) from None

    def _open_reader(self) -> connection.Connection:
        if self._conn is None or self._sealed:
            raise errors.VaultError()
        return connection.connect_read_only(self.path, self._key, self.salt) \
            if self.read_only else connection.connect(self.path, self._key, self.salt)

    def _reader_connection(self) -> connection.Connection:
        if self._reader is None or self._sealed:
            self._reader = self._open_reader()
        return self._reader

    def _ui_reader_connection(self) -> connection.Connection:
        if self._ui_reader is None or self._sealed:
            self._ui_reader = self._open_reader()
        return self._ui_reader

    @contextmanager
    def transaction(self) -> Iterator[connection.Connection]:
        """One user action: all its writes commit together or not at all (nested calls join)."""
        with self._lock:
            conn = self._connection()
            if self.read_only:
                raise errors.VaultReadOnly(reason=Msg(self.read_only))
            if self._frozen_by not in (None, threading.get_ident()):
                raise errors.VaultBusy()
            if self._depth:
                self._depth += 1
                try:
                    yield conn
                finally:
                    self._depth -= 1
                return
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlcipher3.Error as exc:
                raise connection.translate_error(exc, path=self.path) from None
            self._depth = 1
            self._writer = threading.get_ident()
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                with suppress(sqlcipher3.Error):
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                if isinstance(exc, sqlcipher3.Error):
                    raise connection.translate_error(exc, path=self.path) from None
                raise
            finally:
                self._depth = 0
                self._writer = None

    @contextmanager
    def indexing_later(self) -> Iterator[None]:
        """Within one transaction of many writes (an import): collect the records to (re)index
        and index them together at the end, newest first, so FTS5 writes one segment instead of
        one per record. Same result as indexing each record as it is written."""
        from commsdesk.storage import search_index

        if not self._depth or self._writer != threading.get_ident():
            raise RuntimeError("indexing_later() belongs inside a transaction on its thread")
        if self._index_later is not None:
            yield
            return
        self._index_later = {}
        try:
            yield
            pending = self._index_later
            self._index_later = None
            search_index.put_many(self._connection(), self.repos.by_kind, pending)
        finally:
            self._index_later = None

    def index_pending(self) -> dict[str, set[int]] | None:
        """Where `Repository.reindex` leaves ids while `indexing_later()` runs on this thread."""
        if self._index_later is not None and self._writer == threading.get_ident():
            return self._index_later
        return None

    def key_copy(self) -> bytearray:
        """A copy of the key for safety operations; the caller wipes it."""
        self._connection()  # VaultError once closed or sealed: the key is gone
        return bytearray(self._key)

    def secure_checkpoint(self) -> None:
        """Move the log into the file and truncate it, so no old page lingers in the -wal file."""
        if self.read_only:
            return
        with self.reading() as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    def purge_deleted(self) -> int:
        """Erase every soft-deleted record for good (the undo window is over)."""
        if self.read_only:
            return 0
        count = self.repos.purge_deleted()
        self.secure_checkpoint()
        return count

    def seal(self) -> None:
        """The part of closing that cannot wait, for the UI thread's lock: the key is wiped and
        no thread may use the vault any more (reads and writes raise VaultError, `is_open` is
        false). The caller then runs `close()` on a worker: it erases what was deleted, and the
        connections and the file lock go. Takes no lock, so it never waits for a worker."""
        self._sealed = True
        wipe(self._key)

    def close(self, last_writes: Iterable[Callable[[], object]] = ()) -> None:
        """Purge what was soft-deleted since the last purge (the `_deleted` partial indexes make
        this cost follow the deletions, not the vault), checkpoint, close the connections, wipe
        the key and release the file lock. Safe from any thread, also after `seal()`.
        `last_writes` run first, on this thread, which alone the sealed vault still serves
        (the UI's lock keeps open dialogs' drafts so); a failing one is skipped."""
        with self._lock:
            if self._conn is None:
                return
            self._closer = threading.get_ident()
            for write in last_writes:
                with suppress(errors.VaultError, sqlcipher3.Error):
                    write()
            try:
                if not self.read_only:
                    self.repos.purge_deleted()
                    # On this connection: after `seal()` no reader connection may be opened.
                    self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
                    # Cheap at any size: SQLite analyses only tables whose statistics went stale,
                    # within a bounded number of rows.
                    self._conn.execute("PRAGMA analysis_limit = 400")
                    self._conn.execute("PRAGMA optimize")  # keeps the planner's statistics fresh
            except (errors.VaultError, sqlcipher3.Error):
                pass
            finally:
                self._drop_connections()
                # Only after SQLite's own descriptors are closed (see storage.filelock).
                if self._file_lock is not None:
                    self._file_lock.release()
                    self._file_lock = None
                self._closed.set()

    def wait_closed(self, timeout: float | None = None) -> bool:
        """Wait for `close()` (run on a worker after `seal()`) to let the file go."""
        return self._closed.wait(timeout)

    def freeze(self) -> None:
        """Only this thread may write until `thaw` (see `_frozen_by`)."""
        self._frozen_by = threading.get_ident()

    def thaw(self) -> None:
        self._frozen_by = None

    def _drop_connections(self) -> None:
        """Close both connections and wipe the key (the caller holds `_lock`)."""
        with self._reader_lock:
            if self._reader is not None:
                self._reader.close()
                self._reader = None
        with self._ui_reader_lock:
            if self._ui_reader is not None:
                self._ui_reader.close()
                self._ui_reader = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        wipe(self._key)

    def _abandon(self) -> None:
        """Stop using the vault at once: no purge, no checkpoint (see `return_file_lock`)."""
        with self._lock:
            if self._conn is None:
                return
            self._drop_connections()
            self._closed.set()

    def take_file_lock(self) -> VaultLock | None:
        """Hand this vault's file lock to a whole-file operation: `close()` then leaves it held,
        so nobody can open the file between the close and the operation's last rename."""
        lock, self._file_lock = self._file_lock, None
        return lock

    def return_file_lock(self, lock: VaultLock | None) -> None:
        """Give back a lock taken with `take_file_lock` after an operation that did not replace
        the file: kept (shared again) while the vault is open, released once it is closed."""
        if lock is None:
            return
        if self.is_open and lock.held:
            with suppress(errors.VaultBusy):
                lock.downgrade()
        if not self.is_open:
            lock.release()
        elif lock.held:
            self._file_lock = lock
        else:
            # Another process took the file for a whole-file operation in the instant our lock
            # was converted: stop using it at once (no purge, no optimize), so nothing written
            # from now on can land in a file about to be replaced.
            self._abandon()

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _connect_writable_or_not(path: Path, key: bytearray,
                             salt: bytes) -> tuple[connection.Connection, str | None]:
    """The normal connection, or, where the file cannot be written (read-only media, no
    permission, a full disk), a read-only one and the reason changes are off."""
    try:
        conn = connection.connect(path, key, salt)
        if os.access(path, os.W_OK):
            return conn, None
        # SQLite quietly opens a file it cannot write read-only, and when a crashed writer left
        # its -wal and -shm nothing above fails: every change would then fail as a vague write
        # error instead of the vault saying from the start that changes are off.
        conn.close()
        return connection.connect_read_only(path, key, salt), READ_ONLY_MEDIA
    except (errors.WriteFailed, errors.DiskFull, errors.VaultUnreadable):
        if connection.disk_is_full(path.parent):
            reason = READ_ONLY_FULL
        elif not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
            reason = READ_ONLY_MEDIA
        else:
            raise
    return connection.connect_read_only(path, key, salt), reason


def _remove_stale_temporaries(vault_path: Path) -> None:
    """Encrypted leftovers of an interrupted backup or passphrase change beside the vault."""
    for stale in vault_path.parent.glob(f".{glob.escape(vault_path.name)}.tmp-*"):
        with suppress(OSError):
            stale.unlink()


def _check_identity(conn: connection.Connection) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if version > migrations.LATEST:
        raise errors.VaultTooNew()
    if version and app_id != migrations.APPLICATION_ID:
        raise errors.WrongPassphrase()
    if not version:
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables:
            raise errors.WrongPassphrase()


def _copy_before_migration(conn: connection.Connection, path: Path) -> None:
    """An encrypted copy of the vault as it was, beside it, before its schema changes."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if not version:
        return
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    target = path.with_name(f"{path.name}.before-v{migrations.LATEST}")
    tmp = target.with_name(target.name + ".tmp")
    shutil.copyfile(path, tmp)
    with open(tmp, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, target)
