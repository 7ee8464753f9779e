"""A person's stage of change over time, and the next-step suggestions the user dismissed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from commsdesk.storage.connection import Connection
from commsdesk.storage.repository import PersonRecords, SearchText
from commsdesk.storage.rows import d_out, d_req, dt_out, inserted, new_uid, now

if TYPE_CHECKING:
    from commsdesk.storage.database import Database


@dataclass
class StageChange:
    contact_id: int
    stage: str  # planner.stages.Stage value
    changed_on: date
    evidence: str = ""
    id: int | None = None
    uid: str = ""


class StageChanges(PersonRecords):
    table = "stage_changes"
    kind = "stage_change"

    def add(self, change: StageChange) -> StageChange:
        change.uid = change.uid or new_uid()
        with self._db.transaction() as conn:
            self._contacts.require(conn, change.contact_id)
            change.id = inserted(conn.execute(
                "INSERT INTO stage_changes (uid, contact_id, stage, evidence, changed_on,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (change.uid, change.contact_id, change.stage, change.evidence,
                 d_out(change.changed_on), dt_out(now()))))
            self.reindex(conn, [change.id])
        return change

    def history(self, contact_id: int) -> list[StageChange]:
        with self._db.reading() as conn:
            rows = conn.execute(
                "SELECT id, uid, contact_id, stage, evidence, changed_on FROM stage_changes"
                " WHERE contact_id = ? AND deleted_at IS NULL ORDER BY changed_on, id",
                (contact_id,)).fetchall()
        return [StageChange(cid, stage, d_req(on), evidence, rid, uid)
                for rid, uid, cid, stage, evidence, on in rows]

    def many(self, ids: list[int]) -> list[StageChange]:
        """Records by id in the order given (for a streamed export); ids not found are left out."""
        with self._db.reading() as conn:
            rows = self._rows(conn, "SELECT id, uid, contact_id, stage, evidence, changed_on"
                              " FROM stage_changes WHERE id IN ({ids})", ids)
        found = {rid: StageChange(cid, stage, d_req(on), evidence, rid, uid)
                 for rid, uid, cid, stage, evidence, on in rows}
        return [found[i] for i in ids if i in found]

    def current(self, contact_id: int) -> StageChange | None:
        changes = self.history(contact_id)
        return changes[-1] if changes else None

    def index_texts(self, conn: Connection, ids: list[int]) -> dict[int, tuple[str, ...]]:
        rows = self._rows(conn, "SELECT s.id, s.evidence FROM stage_changes s JOIN contacts c"
                          " ON c.id = s.contact_id WHERE s.id IN ({ids}) AND s.deleted_at IS NULL"
                          " AND c.deleted_at IS NULL AND s.evidence != ''", ids)
        return {rid: (evidence,) for rid, evidence in rows}

    def search_texts(self, ids: list[int]) -> dict[int, SearchText]:
        with self._db.reading() as conn:
            rows = self._rows(conn, "SELECT s.id, c.display_name, s.changed_on, s.evidence,"
                              " s.contact_id FROM stage_changes s JOIN contacts c"
                              " ON c.id = s.contact_id WHERE s.id IN ({ids})", ids)
        return {rid: (name, evidence, on, cid) for rid, name, on, evidence, cid in rows}


class Dismissals:
    def __init__(self, db: Database):
        self._db = db

    def dismiss(self, contact_id: int, rule: str) -> None:
        with self._db.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO dismissed_suggestions (contact_id, rule,"
                         " dismissed_on) VALUES (?, ?, ?)", (contact_id, rule, d_out(date.today())))

    def restore(self, contact_id: int, rule: str) -> None:
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM dismissed_suggestions WHERE contact_id = ? AND rule = ?",
                         (contact_id, rule))

    def for_contact(self, contact_id: int) -> set[str]:
        with self._db.reading() as conn:
            return {r[0] for r in conn.execute(
                "SELECT rule FROM dismissed_suggestions WHERE contact_id = ?", (contact_id,))}
