"""Figures for the Progress section: talks per week, people reached, how techniques went."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from commsdesk.domain import Conversation


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def conversations_per_week(talks: list[Conversation], today: date,
                           weeks: int = 26) -> list[tuple[date, int]]:
    """(Monday, count) for each of the last `weeks` weeks, oldest first, zeros included."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    counts = Counter(week_start(v.occurred_at.date()) for v in talks
                     if v.occurred_at.date() >= first)
    return [(first + timedelta(weeks=i), counts.get(first + timedelta(weeks=i), 0))
            for i in range(weeks)]


def people_reached(talks: list[Conversation], since: date) -> int:
    return len({v.contact_id for v in talks if v.occurred_at.date() >= since})


@dataclass(frozen=True)
class TechniqueUse:
    technique: str
    times: int
    average_rating: float | None


def techniques_used(talks: list[Conversation]) -> list[TechniqueUse]:
    """Each technique with how often it was used and the user's average rating of those talks."""
    times: Counter = Counter()
    ratings: dict[str, list[int]] = defaultdict(list)
    for talk in talks:
        for technique in talk.techniques:
            times[technique] += 1
            if talk.self_rating is not None:
                ratings[technique].append(talk.self_rating)
    return [TechniqueUse(t, n, sum(ratings[t]) / len(ratings[t]) if ratings[t] else None)
            for t, n in sorted(times.items(), key=lambda item: (-item[1], item[0]))]
