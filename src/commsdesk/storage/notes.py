"""Reminders (follow-ups and custom dates) and reflections (the user's own journal)."""

from __future__ import annotations

import builtins
from datetime import date

from commsdesk.domain import Reflection, Reminder
from commsdesk.storage import errors
from commsdesk.storage.connection import Connection
from commsdesk.storage.repository import PersonRecords, Repository, SearchText
from commsdesk.storage.rows import d_out, d_req, dt_in, dt_out, dt_req, now

_REMINDER_COLUMNS = ("id, uid, contact_id, conversation_id, due_on, note, done_at, created_at,"
                     " updated_at")
_REFLECTION_COLUMNS = ("id, uid, written_at, mood, hard, helped, notes, contact_id, created_at,"
                       " updated_at")


class Reminders(PersonRecords[Reminder]):
    table = "reminders"
    kind = "reminder"
    columns = _REMINDER_COLUMNS

    def _check_references(self, conn: Connection, reminder: Reminder) -> None:
        if reminder.contact_id is not None:  # a reminder may be about no one
            self._contacts.require(conn, reminder.contact_id)

    def complete(self, reminder_id: int) -> None:
        with self._db.transaction() as conn:
            self.require(conn, reminder_id)
            stamp = dt_out(now())
            conn.execute("UPDATE reminders SET done_at=?, updated_at=? WHERE id=?",
                         (stamp, stamp, reminder_id))

    def get(self, reminder_id: int) -> Reminder:
        with self._db.reading() as conn:
            row = conn.execute(f"SELECT {_REMINDER_COLUMNS} FROM reminders WHERE id = ?"
                               " AND deleted_at IS NULL", (reminder_id,)).fetchone()
        if row is None:
            raise errors.RecordNotFound()
        return self._reminder(row)

    def due(self, until: date) -> builtins.list[Reminder]:
        """Open reminders due on or before `until`, oldest first."""
        with self._db.reading() as conn:
            rows = conn.execute(
                f"SELECT {', '.join('r.' + c.strip() for c in _REMINDER_COLUMNS.split(','))}"
                " FROM reminders r LEFT JOIN contacts c ON c.id = r.contact_id"
                " WHERE r.done_at IS NULL AND r.deleted_at IS NULL AND r.due_on <= ?"
                " AND (r.contact_id IS NULL OR c.deleted_at IS NULL)"
                " ORDER BY r.due_on, r.id", (until.isoformat(),)).fetchall()
        return [self._reminder(r) for r in rows]

    def list_all(self, limit: int = 1000, offset: int = 0) -> builtins.list[Reminder]:
        with self._db.reading() as conn:
            rows = conn.execute(f"SELECT {_REMINDER_COLUMNS} FROM reminders WHERE deleted_at IS NULL"
                                " ORDER BY id LIMIT ? OFFSET ?", (limit, offset)).fetchall()
        return [self._reminder(r) for r in rows]

    def many(self, ids: builtins.list[int]) -> builtins.list[Reminder]:
        """Records by id in the order given (for a streamed export); ids not found are left out."""
        with self._db.reading() as conn:
            rows = self._rows(conn, f"SELECT {_REMINDER_COLUMNS} FROM reminders WHERE id IN ({{ids}})", ids)
        found = {r[0]: self._reminder(r) for r in rows}
        return [found[i] for i in ids if i in found]

    def index_texts(self, conn: Connection, ids: builtins.list[int]) -> dict[int, tuple[str, ...]]:
        rows = self._rows(conn, "SELECT r.id, r.note FROM reminders r LEFT JOIN contacts c"
                          " ON c.id = r.contact_id WHERE r.id IN ({ids}) AND r.deleted_at IS NULL"
                          " AND (r.contact_id IS NULL OR c.deleted_at IS NULL)", ids)
        return {rid: (note,) for rid, note in rows}

    def search_texts(self, ids: builtins.list[int]) -> dict[int, SearchText]:
        with self._db.reading() as conn:
            rows = self._rows(conn, "SELECT r.id, coalesce(c.display_name, ''), r.due_on, r.note,"
                              " r.contact_id FROM reminders r LEFT JOIN contacts c"
                              " ON c.id = r.contact_id WHERE r.id IN ({ids})", ids)
        return {rid: (name, note, due, cid) for rid, name, due, note, cid in rows}

    @staticmethod
    def _values(r: Reminder) -> tuple:
        return (r.uid, r.contact_id, r.conversation_id, d_out(r.due_on), r.note, dt_out(r.done_at),
                dt_out(r.created_at), dt_out(r.updated_at))

    @staticmethod
    def _reminder(row: tuple) -> Reminder:
        rid, uid, contact_id, conv_id, due, note, done, created, updated = row
        return Reminder(id=rid, uid=uid, contact_id=contact_id, conversation_id=conv_id,
                        due_on=d_req(due), note=note, done_at=dt_in(done),
                        created_at=dt_in(created), updated_at=dt_in(updated))


class Reflections(Repository[Reflection]):
    table = "reflections"
    kind = "reflection"
    columns = _REFLECTION_COLUMNS

    def _check(self, item: Reflection) -> None:
        _validate_mood(item)

    def get(self, item_id: int) -> Reflection:
        with self._db.reading() as conn:
            row = conn.execute(f"SELECT {_REFLECTION_COLUMNS} FROM reflections WHERE id = ?"
                               " AND deleted_at IS NULL", (item_id,)).fetchone()
        if row is None:
            raise errors.RecordNotFound()
        return self._reflection(row)

    def list(self, limit: int = 100, offset: int = 0) -> builtins.list[Reflection]:
        with self._db.reading() as conn:
            rows = conn.execute(f"SELECT {_REFLECTION_COLUMNS} FROM reflections"
                                " WHERE deleted_at IS NULL ORDER BY written_at DESC, id DESC"
                                " LIMIT ? OFFSET ?", (limit, offset)).fetchall()
        return [self._reflection(r) for r in rows]

    def many(self, ids: builtins.list[int]) -> builtins.list[Reflection]:
        """Records by id in the order given (for a streamed export); ids not found are left out."""
        with self._db.reading() as conn:
            rows = self._rows(conn, f"SELECT {_REFLECTION_COLUMNS} FROM reflections WHERE id IN ({{ids}})",
                              ids)
        found = {r[0]: self._reflection(r) for r in rows}
        return [found[i] for i in ids if i in found]

    def index_texts(self, conn: Connection, ids: builtins.list[int]) -> dict[int, tuple[str, ...]]:
        rows = self._rows(conn, "SELECT id, hard, helped, notes FROM reflections"
                          " WHERE id IN ({ids}) AND deleted_at IS NULL", ids)
        return {rid: (hard, helped, notes) for rid, hard, helped, notes in rows}

    def search_texts(self, ids: builtins.list[int]) -> dict[int, SearchText]:
        with self._db.reading() as conn:
            rows = self._rows(conn, "SELECT id, written_at, hard, helped, notes, contact_id"
                              " FROM reflections WHERE id IN ({ids})", ids)
        return {rid: ("", " · ".join(x for x in (hard, helped, notes) if x), when, cid)
                for rid, when, hard, helped, notes, cid in rows}

    @staticmethod
    def _values(r: Reflection) -> tuple:
        return (r.uid, dt_out(r.written_at), r.mood, r.hard, r.helped, r.notes, r.contact_id,
                dt_out(r.created_at), dt_out(r.updated_at))

    @staticmethod
    def _reflection(row: tuple) -> Reflection:
        rid, uid, written, mood, hard, helped, notes, contact_id, created, updated = row
        return Reflection(id=rid, uid=uid, written_at=dt_req(written), mood=mood, hard=hard,
                          helped=helped, notes=notes, contact_id=contact_id,
                          created_at=dt_in(created), updated_at=dt_in(updated))


def _validate_mood(item: Reflection) -> None:
    from commsdesk.i18n import N_

    if item.mood is not None and not 1 <= item.mood <= 5:
        raise errors.InvalidValue(field="mood", reason=errors.Msg(N_("must be between 1 and 5")))
