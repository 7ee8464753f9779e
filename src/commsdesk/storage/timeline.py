"""One person's history in one list: conversations, observations, plan steps, stages of change
and reminders."""

from __future__ import annotations

from typing import TYPE_CHECKING

from commsdesk.domain import TimelineEntry

if TYPE_CHECKING:
    from commsdesk.storage.database import Database

_SQL = """
SELECT 'conversation', v.id, v.occurred_at, v.channel, v.notes
  FROM conversations v WHERE v.contact_id = :cid AND v.deleted_at IS NULL
UNION ALL
SELECT 'observation', o.id, o.observed_on, d.name || ': ' || o.value, o.evidence
  FROM observations o JOIN dimensions d ON d.id = o.dimension_id
 WHERE o.contact_id = :cid AND o.deleted_at IS NULL
UNION ALL
SELECT 'plan_step', s.id, coalesce(s.done_on, s.due_on, p.started_on, substr(p.created_at, 1, 10)),
       s.status, s.title
  FROM plan_steps s JOIN plans p ON p.id = s.plan_id
 WHERE p.contact_id = :cid AND p.deleted_at IS NULL
UNION ALL
SELECT 'stage', s.id, s.changed_on, s.stage, s.evidence
  FROM stage_changes s WHERE s.contact_id = :cid AND s.deleted_at IS NULL
UNION ALL
SELECT 'reminder', r.id, r.due_on, CASE WHEN r.done_at IS NULL THEN 'open' ELSE 'done' END, r.note
  FROM reminders r WHERE r.contact_id = :cid AND r.deleted_at IS NULL
ORDER BY 3 DESC, 1, 2 DESC
LIMIT :limit OFFSET :offset
"""


class Timeline:
    def __init__(self, db: Database):
        self._db = db

    def for_contact(self, contact_id: int, limit: int = 200, offset: int = 0) -> list[TimelineEntry]:
        """Newest first; `summary` is a machine value (channel, status, "dimension: value")."""
        with self._db.reading() as conn:
            rows = conn.execute(_SQL, {"cid": contact_id, "limit": limit, "offset": offset})
            return [TimelineEntry(kind, ref, when, summary, detail)
                    for kind, ref, when, summary, detail in rows]
