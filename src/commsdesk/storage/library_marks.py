"""The user's bookmarks, reading progress and private notes on library articles."""

from __future__ import annotations

from dataclasses import dataclass

from commsdesk.storage.connection import Connection
from commsdesk.storage.repository import Repository, SearchText
from commsdesk.storage.rows import dt_out, now


@dataclass
class Mark:
    article_id: str
    bookmarked: bool = False
    progress: float = 0.0  # 0..1, how far the user has read
    note: str = ""


class LibraryMarks(Repository):
    table = "library_marks"
    kind = "article_note"

    def get(self, article_id: str) -> Mark:
        with self._db.reading() as conn:
            row = conn.execute("SELECT bookmarked, progress, note FROM library_marks"
                               " WHERE article_id = ? AND deleted_at IS NULL",
                               (article_id,)).fetchone()
        if row is None:
            return Mark(article_id)
        return Mark(article_id, bool(row[0]), float(row[1]), row[2])

    def save(self, mark: Mark) -> Mark:
        mark.progress = min(1.0, max(0.0, float(mark.progress)))
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO library_marks (article_id, bookmarked, progress, note, updated_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT(article_id) DO UPDATE SET"
                " bookmarked = excluded.bookmarked, progress = excluded.progress,"
                " note = excluded.note, updated_at = excluded.updated_at, deleted_at = NULL",
                (mark.article_id, int(mark.bookmarked), mark.progress, mark.note, dt_out(now())))
            row_id = conn.execute("SELECT id FROM library_marks WHERE article_id = ?",
                                  (mark.article_id,)).fetchone()[0]
            self.reindex(conn, [row_id])
        return mark

    def bookmarked(self) -> list[str]:
        with self._db.reading() as conn:
            return [r[0] for r in conn.execute(
                "SELECT article_id FROM library_marks WHERE bookmarked = 1 AND deleted_at IS NULL"
                " ORDER BY updated_at DESC")]

    def article_of(self, mark_id: int) -> str | None:
        with self._db.reading() as conn:
            row = conn.execute("SELECT article_id FROM library_marks WHERE id = ?",
                               (mark_id,)).fetchone()
        return row[0] if row else None

    def all(self) -> dict[str, Mark]:
        with self._db.reading() as conn:
            rows = conn.execute("SELECT article_id, bookmarked, progress, note FROM library_marks"
                                " WHERE deleted_at IS NULL").fetchall()
        return {r[0]: Mark(r[0], bool(r[1]), float(r[2]), r[3]) for r in rows}

    def index_texts(self, conn: Connection, ids: list[int]) -> dict[int, tuple[str, ...]]:
        rows = self._rows(conn, "SELECT id, note FROM library_marks WHERE id IN ({ids})"
                          " AND deleted_at IS NULL AND note != ''", ids)
        return {rid: (note,) for rid, note in rows}

    def search_texts(self, ids: list[int]) -> dict[int, SearchText]:
        with self._db.reading() as conn:
            rows = self._rows(conn, "SELECT id, article_id, note, updated_at FROM library_marks"
                              " WHERE id IN ({ids})", ids)
        return {rid: (article_id, note, when[:10], None) for rid, article_id, note, when in rows}
