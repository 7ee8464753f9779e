"""Aggregates for the Progress section, counted by SQLite over the covering indexes."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from commsdesk.storage.database import Database

_LIVE_TALK = ("v.deleted_at IS NULL AND v.contact_id IN"
              " (SELECT id FROM contacts WHERE deleted_at IS NULL)")


class ProgressFigures:
    def __init__(self, db: Database):
        self._db = db

    def talks_since(self, since: date) -> tuple[list[tuple[date, int]], int]:
        """Talks per day since a day, and how many people they reached: one scan of the
        covering index (a join with contacts per row would cost four times as much)."""
        with self._db.reading() as conn:
            gone = {r[0] for r in conn.execute("SELECT id FROM contacts WHERE deleted_at IS NOT NULL")}
            rows = conn.execute(
                "SELECT substr(occurred_at, 1, 10), contact_id FROM conversations INDEXED BY"
                " conversations_live WHERE occurred_at >= ? AND deleted_at IS NULL",
                (since.isoformat(),)).fetchall()
        days: Counter = Counter()
        people = set()
        for day, contact_id in rows:
            if contact_id not in gone:
                days[day] += 1
                people.add(contact_id)
        return [(date.fromisoformat(day), n) for day, n in days.items()], len(people)

    def techniques(self, since: date) -> list[tuple[str, int, float | None]]:
        """(technique, talks, average self-rating) since a day, most used first."""
        with self._db.reading() as conn:
            return conn.execute(
                "SELECT t.technique, count(*), avg(v.self_rating) FROM conversation_techniques t"
                " JOIN conversations v ON v.id = t.conversation_id"
                f" WHERE v.occurred_at >= ? AND {_LIVE_TALK}"
                " GROUP BY t.technique ORDER BY 2 DESC, 1", (since.isoformat(),)).fetchall()

    def talk_moments(self, contact_id: int) -> list[tuple[str, str]]:
        """(occurred_at, temperature) of one person's talks, oldest first."""
        with self._db.reading() as conn:
            return conn.execute(
                "SELECT occurred_at, temperature FROM conversations v INDEXED BY"
                " conversations_live_contact WHERE contact_id = ? AND deleted_at IS NULL"
                " ORDER BY occurred_at", (contact_id,)).fetchall()
