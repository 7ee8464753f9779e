"""Figures for the Progress section as pure functions: weeks, small wins, expectation vs outcome."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from commsdesk.domain import Observation

DAYS_PER_MONTH = 30.44
SETTLING_MONTHS = 1.0  # before this, no verdict on a strategy's pace


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def per_week(day_counts: list[tuple[date, int]], today: date,
             weeks: int = 26) -> list[tuple[date, int]]:
    """(Monday, count) for each of the last `weeks` weeks, oldest first, zeros included."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    counts: Counter = Counter()
    for day, n in day_counts:
        if day >= first:
            counts[week_start(day)] += n
    return [(first + timedelta(weeks=i), counts.get(first + timedelta(weeks=i), 0))
            for i in range(weeks)]


@dataclass(frozen=True)
class TechniqueUse:
    technique: str
    times: int
    average_rating: float | None


@dataclass(frozen=True)
class Win:
    """An observation that moved the right way since the one before it."""

    observation: Observation
    previous: int


def wins_in(series: list[Observation], better_when: str) -> list[Win]:
    """Small wins in one person's series for one dimension (any order in, oldest first out)."""
    ordered = sorted(series, key=lambda o: (o.observed_on, o.id or 0))
    out = []
    for before, after in pairwise(ordered):
        step = after.value - before.value
        if (step > 0 and better_when == "higher") or (step < 0 and better_when == "lower"):
            out.append(Win(after, before.value))
    return out


def months_between(start: date, end: date) -> float:
    return max(0.0, (end - start).days / DAYS_PER_MONTH)


@dataclass(frozen=True)
class StrategyOutcome:
    """One strategy: the months the user expected against what has happened so far."""

    plan_id: int
    contact_id: int
    goal: str
    expected_months: int | None
    months_so_far: float
    first_win_after: float | None  # months from the start to the first small win
    wins: int

    @property
    def verdict(self) -> str:
        """'too_soon' (begun less than a month ago: a win after a day says nothing about a
        pace of months), 'early' (a win before the expected time), 'on_time', 'not_yet' or
        'later'."""
        if self.months_so_far < SETTLING_MONTHS:
            return "too_soon"
        if self.expected_months is None:
            return "not_yet" if self.first_win_after is None else "on_time"
        if self.first_win_after is None:
            return "later" if self.months_so_far > self.expected_months else "not_yet"
        if self.first_win_after < self.expected_months * 0.75:
            return "early"
        return "on_time" if self.first_win_after <= self.expected_months else "later"


def strategy_outcome(plan_id: int, contact_id: int, goal: str, started: date,
                     expected_months: int | None, wins: list[Win], today: date) -> StrategyOutcome:
    after = sorted(w.observation.observed_on for w in wins if w.observation.observed_on >= started)
    return StrategyOutcome(plan_id, contact_id, goal, expected_months, months_between(started, today),
                           months_between(started, after[0]) if after else None, len(after))
