"""Unsaved work kept inside the vault (never in a file beside it), and earlier note versions."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from commsdesk.storage.rows import dt_out, dt_req, now

if TYPE_CHECKING:
    from commsdesk.storage.database import Database


class Drafts:
    """One draft per kind of dialog, for example "conversation"."""

    def __init__(self, db: Database):
        self._db = db

    def save(self, kind: str, payload: dict[str, Any]) -> None:
        with self._db.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO drafts (kind, payload, saved_at) VALUES (?, ?, ?)",
                         (kind, json.dumps(payload, ensure_ascii=False), dt_out(now())))

    def load(self, kind: str) -> dict[str, Any] | None:
        with self._db.reading() as conn:
            row = conn.execute("SELECT payload FROM drafts WHERE kind = ?", (kind,)).fetchone()
        if row is None:
            return None
        try:
            value = json.loads(row[0])
        except ValueError:
            return None
        return value if isinstance(value, dict) else None

    def discard(self, kind: str) -> None:
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM drafts WHERE kind = ?", (kind,))


@dataclass(frozen=True)
class NoteVersion:
    id: int
    kind: str
    ref: int
    field: str
    text: str
    saved_at: datetime


class NoteHistory:
    """Every edit of a note keeps the text it replaced; the user can restore or purge them."""

    def __init__(self, db: Database):
        self._db = db

    def record(self, conn, kind: str, ref: int, field: str, old_text: str) -> None:
        """Called inside the edit's transaction with the text being replaced."""
        if old_text:
            conn.execute("INSERT INTO note_versions (kind, ref, field, text, saved_at)"
                         " VALUES (?, ?, ?, ?, ?)", (kind, ref, field, old_text, dt_out(now())))

    def versions(self, kind: str, ref: int) -> list[NoteVersion]:
        with self._db.reading() as conn:
            rows = conn.execute("SELECT id, kind, ref, field, text, saved_at FROM note_versions"
                                " WHERE kind = ? AND ref = ? ORDER BY id DESC", (kind, ref))
            return [NoteVersion(r[0], r[1], r[2], r[3], r[4], dt_req(r[5])) for r in rows]

    def count(self) -> int:
        with self._db.reading() as conn:
            return conn.execute("SELECT count(*) FROM note_versions").fetchone()[0]

    def forget(self, conn, kind: str, refs: list[int]) -> None:
        conn.executemany("DELETE FROM note_versions WHERE kind = ? AND ref = ?",
                         [(kind, r) for r in refs])

    def purge(self) -> int:
        """Erase every earlier version (for example before a trip)."""
        with self._db.transaction() as conn:
            count = conn.execute("DELETE FROM note_versions").rowcount
        self._db.secure_checkpoint()
        return count
