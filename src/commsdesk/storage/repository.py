"""What every repository shares: adding and updating a record (validated, stamped, its references
checked, indexed), soft delete with undo, purge, and keeping the search index."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from commsdesk.storage import errors, search_index
from commsdesk.storage.connection import Connection
from commsdesk.storage.rows import dt_out, new_uid, now, placeholders

if TYPE_CHECKING:
    from commsdesk.storage.database import Database

SearchText = tuple[str, str, str, int | None]  # title, body, when, contact id
R = TypeVar("R")  # the record: Contact, Conversation…


class Repository(Generic[R]):
    table: ClassVar[str]
    kind: ClassVar[str]
    columns: ClassVar[str] = ""  # "id, uid, …": the stored columns; `_values` gives all but the id

    def __init__(self, db: Database):
        self._db = db

    # -- writing: one skeleton; a repository fills in its hooks -----------------------------
    def add(self, record: R) -> R:
        """Store a new record (its id, uid and stamps are set on it) and index it, all or nothing."""
        self._check(record)
        stamp = now()
        item: Any = record
        item.uid = item.uid or new_uid()
        item.created_at = item.created_at or stamp
        item.updated_at = item.updated_at or stamp
        with self._db.transaction() as conn:
            self._check_references(conn, record)
            item.id = conn.execute(f"INSERT INTO {self.table} ({self.columns}) VALUES"
                                   f" ({placeholders(len(self._column_names()))})",
                                   (None, *self._values(record))).lastrowid
            self._after_write(conn, record)
            self.reindex(conn, [item.id])
        return record

    def update(self, record: R) -> R:
        """Replace a live record's stored values (`RecordNotFound` when it is gone) and re-index it."""
        self._check(record)
        item: Any = record
        item.updated_at = now()
        names = self._column_names()[1:]
        with self._db.transaction() as conn:
            self.require(conn, item.id)
            self._before_update(conn, record)
            conn.execute(f"UPDATE {self.table} SET {', '.join(n + '=?' for n in names)} WHERE id=?",
                         (*self._values(record), item.id))
            self._after_write(conn, record)
            self.reindex(conn, [item.id])
        return record

    @classmethod
    def _column_names(cls) -> list[str]:
        return [name.strip() for name in cls.columns.split(",")]

    def _values(self, record: R) -> tuple:
        """The record's stored values, in the order of `columns` after the id."""
        raise NotImplementedError

    def _check(self, record: R) -> None:
        """Refuse a record the vault must not hold (`InvalidValue`), before anything is written."""

    def _check_references(self, conn: Connection, record: R) -> None:
        """Refuse a new record that points at one that is gone (`RecordNotFound`)."""

    def _before_update(self, conn: Connection, record: R) -> None:
        """Inside the update's transaction, before the row is replaced."""

    def _after_write(self, conn: Connection, record: R) -> None:
        """Write what the record keeps in other tables (tags, techniques, steps)."""

    # -- to implement ----------------------------------------------------------------------
    def index_texts(self, conn: Connection, ids: list[int]) -> dict[int, tuple[str, ...]]:
        """The text fields of each live record, for the full-text index."""
        raise NotImplementedError

    def search_texts(self, ids: list[int]) -> dict[int, SearchText]:
        raise NotImplementedError

    # -- shared ----------------------------------------------------------------------------
    def require(self, conn: Connection, record_id: int | None) -> int:
        """The id of a live record of this repository, or `RecordNotFound`: other repositories ask
        it of the contact a record belongs to, inside their own transaction."""
        if record_id is None or conn.execute(
            f"SELECT 1 FROM {self.table} WHERE id = ? AND deleted_at IS NULL", (record_id,)
        ).fetchone() is None:
            raise errors.RecordNotFound()
        return record_id

    def reindex(self, conn: Connection, ids: list[int]) -> None:
        pending = self._db.index_pending()
        if pending is not None:  # a bulk write indexes everything once, at its end
            pending.setdefault(self.kind, set()).update(ids)
            return
        texts = self.index_texts(conn, ids)
        for record_id in ids:
            if record_id in texts:
                search_index.put(conn, self.kind, record_id, *texts[record_id])
            else:
                search_index.remove(conn, self.kind, [record_id])

    def live_ids(self, conn: Connection) -> list[int]:
        """Every record not deleted, for rebuilding the search index."""
        return [r[0] for r in conn.execute(f"SELECT id FROM {self.table} WHERE deleted_at IS NULL")]

    def delete(self, record_id: int) -> None:
        """Soft delete: hidden at once, gone from search, erased for good by `purge_deleted`."""
        with self._db.transaction() as conn:
            self.require(conn, record_id)
            conn.execute(f"UPDATE {self.table} SET deleted_at = ? WHERE id = ?",
                         (dt_out(now()), record_id))
            search_index.remove(conn, self.kind, [record_id])
            self._after_delete(conn, record_id)

    def undo_delete(self, record_id: int) -> None:
        with self._db.transaction() as conn:
            changed = conn.execute(
                f"UPDATE {self.table} SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL",
                (record_id,),
            ).rowcount
            if not changed:
                raise errors.RecordNotFound()
            self.reindex(conn, [record_id])
            self._after_undo(conn, record_id)

    def _after_delete(self, conn: Connection, record_id: int) -> None:
        """Hook: hide what hangs off the record (a contact's conversations, say)."""

    def _after_undo(self, conn: Connection, record_id: int) -> None:
        """Hook: bring back what `_after_delete` hid."""

    def purge(self, conn: Connection) -> int:
        """Erase this table's soft-deleted rows, found through its `<table>_deleted` partial
        index (migration 9), so the cost follows the deletions, never the table's size."""
        return conn.execute(f"DELETE FROM {self.table} INDEXED BY {self.table}_deleted"
                            " WHERE deleted_at IS NOT NULL").rowcount

    def deleted_ids(self) -> list[int]:
        with self._db.reading() as conn:
            return [r[0] for r in conn.execute(
                f"SELECT id FROM {self.table} WHERE deleted_at IS NOT NULL ORDER BY id")]

    def exists(self, record_id: int) -> bool:
        with self._db.reading() as conn:
            return conn.execute(
                f"SELECT 1 FROM {self.table} WHERE id = ? AND deleted_at IS NULL", (record_id,)
            ).fetchone() is not None

    def _rows(self, conn: Connection, sql: str, ids: list[int]) -> list:
        """Rows for a list of ids: `sql` contains one `{ids}` placeholder for the id list."""
        if not ids:
            return []
        return conn.execute(sql.format(ids=placeholders(len(ids))), ids).fetchall()


class PersonRecords(Repository[R]):
    """A repository of records that belong to a person: each write checks, inside its own transaction,
    that the person exists (through the contacts repository it is given, never the vault)."""

    def __init__(self, db: Database, contacts: Repository):
        super().__init__(db)
        self._contacts = contacts

    def _check_references(self, conn: Connection, record: R) -> None:
        owned: Any = record  # every record of a person has its contact_id
        self._contacts.require(conn, owned.contact_id)
