"""Aggregates for the Progress section, counted by SQLite over the covering indexes."""

from __future__ import annotations

from datetime import date

_LIVE_TALK = ("v.deleted_at IS NULL AND v.contact_id IN"
              " (SELECT id FROM contacts WHERE deleted_at IS NULL)")


class ProgressFigures:
    def __init__(self, vault):
        self._vault = vault

    def talks_per_day(self, since: date) -> list[tuple[date, int]]:
        with self._vault.reading() as conn:
            rows = conn.execute(
                "SELECT substr(v.occurred_at, 1, 10), count(*) FROM conversations v"
                f" INDEXED BY conversations_live WHERE v.occurred_at >= ? AND {_LIVE_TALK}"
                " GROUP BY 1", (since.isoformat(),)).fetchall()
        return [(date.fromisoformat(day), n) for day, n in rows]

    def people_reached(self, since: date) -> int:
        with self._vault.reading() as conn:
            return conn.execute(
                "SELECT count(DISTINCT v.contact_id) FROM conversations v INDEXED BY"
                f" conversations_live WHERE v.occurred_at >= ? AND {_LIVE_TALK}",
                (since.isoformat(),)).fetchone()[0]

    def techniques(self, since: date) -> list[tuple[str, int, float | None]]:
        """(technique, talks, average self-rating) since a day, most used first."""
        with self._vault.reading() as conn:
            return conn.execute(
                "SELECT t.technique, count(*), avg(v.self_rating) FROM conversation_techniques t"
                " JOIN conversations v ON v.id = t.conversation_id"
                f" WHERE v.occurred_at >= ? AND {_LIVE_TALK}"
                " GROUP BY t.technique ORDER BY 2 DESC, 1", (since.isoformat(),)).fetchall()

    def talk_moments(self, contact_id: int) -> list[tuple[str, str]]:
        """(occurred_at, temperature) of one person's talks, oldest first."""
        with self._vault.reading() as conn:
            return conn.execute(
                "SELECT occurred_at, temperature FROM conversations v INDEXED BY"
                " conversations_live_contact WHERE contact_id = ? AND deleted_at IS NULL"
                " ORDER BY occurred_at", (contact_id,)).fetchall()
