"""A technique's track record in the user's own journal: how the talks that used it went."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from commsdesk.storage.conversations import ConversationFilter

if TYPE_CHECKING:
    from commsdesk.storage.vault import Vault


@dataclass
class TrackRecord:
    technique: str
    count: int = 0
    average_rating: float | None = None
    temperatures: Counter = field(default_factory=Counter)  # Temperature → count
    endings: Counter = field(default_factory=Counter)  # Ending → count
    last_used: datetime | None = None
    recent: list = field(default_factory=list)  # the latest conversations, newest first


def track_record(vault: Vault, technique: str, recent: int = 10) -> TrackRecord:
    repo = vault.repos.conversations
    flt = ConversationFilter(technique=technique)
    record = TrackRecord(technique, count=repo.count(flt))
    talks = repo.list(flt, limit=500)
    ratings = [v.self_rating for v in talks if v.self_rating is not None]
    record.average_rating = sum(ratings) / len(ratings) if ratings else None
    # Moods and endings the user did not say are not counted as any of them.
    record.temperatures = Counter(v.temperature for v in talks if v.temperature is not None)
    record.endings = Counter(v.ending for v in talks if v.ending is not None)
    record.last_used = talks[0].occurred_at if talks else None
    record.recent = talks[:recent]
    return record
