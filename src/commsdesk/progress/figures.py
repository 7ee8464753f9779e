"""What the Progress section shows, read from the vault in one call each (run off the UI thread)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from commsdesk.domain import Dimension, Observation, PlanStatus, PlanStep
from commsdesk.progress.stats import (
    StrategyOutcome,
    TechniqueUse,
    Win,
    per_week,
    strategy_outcome,
    wins_in,
)
from commsdesk.storage.stages import StageChange

WEEKS = 26


@dataclass(frozen=True)
class StepMark:
    """A strategy step on the time axis: done on a day, or due on one."""

    title: str
    day: date
    done: bool


@dataclass
class PersonProgress:
    contact_id: int
    dimensions: list[Dimension]  # those with at least one observation, in the vault's order
    series: dict[int, list[Observation]]  # dimension id → oldest first
    wins: list[Win]  # newest first
    steps: list[StepMark]
    stages: list[StageChange]
    talks: list[tuple[datetime, str]]  # (when, temperature)

    @property
    def first_day(self) -> date | None:
        days = [o.observed_on for s in self.series.values() for o in s]
        days += [t[0].date() for t in self.talks] + [s.day for s in self.steps]
        return min(days) if days else None


def _step_mark(step: PlanStep) -> StepMark | None:
    if step.done_on is not None:
        return StepMark(step.title, step.done_on, True)
    return StepMark(step.title, step.due_on, False) if step.due_on is not None else None


def person_progress(vault, contact_id: int) -> PersonProgress:
    repos = vault.repos
    dims = repos.dimensions.list(include_archived=True)
    series: dict[int, list[Observation]] = {}
    for o in sorted(repos.observations.for_contact(contact_id), key=lambda o: (o.observed_on, o.id)):
        series.setdefault(o.dimension_id, []).append(o)
    shown = [d for d in dims if d.id in series]
    wins = [w for d in shown for w in wins_in(series[d.id], d.better_when)]
    wins.sort(key=lambda w: (w.observation.observed_on, w.observation.id or 0), reverse=True)
    steps = [m for plan in repos.plans.for_contact(contact_id) if plan.status != PlanStatus.DROPPED
             for s in plan.steps if (m := _step_mark(s)) is not None]
    talks = [(datetime.fromisoformat(when), temp)
             for when, temp in repos.progress.talk_moments(contact_id)]
    return PersonProgress(contact_id, shown, series, wins, sorted(steps, key=lambda m: m.day),
                          repos.stage_changes.history(contact_id), talks)


@dataclass
class OverallProgress:
    since: date
    weeks: list[tuple[date, int]]
    talks: int
    people_reached: int
    techniques: list[TechniqueUse]
    strategies: list[StrategyOutcome] = field(default_factory=list)
    reviews: Counter = field(default_factory=Counter)  # versus_expectation → count


def overall_progress(vault, today: date, weeks: int = WEEKS) -> OverallProgress:
    repos = vault.repos
    since = today - timedelta(weeks=weeks)
    day_counts, reached = repos.progress.talks_since(since)
    week_counts = per_week(day_counts, today, weeks)
    techniques = [TechniqueUse(t, n, avg) for t, n, avg in repos.progress.techniques(since)]
    dims = {d.id: d for d in repos.dimensions.list(include_archived=True)}
    strategies = []
    for plan in repos.plans.list_all():
        if plan.status == PlanStatus.DROPPED or plan.started_on is None:
            continue
        wins = [w for dim_id, obs in _by_dimension(repos.observations.for_contact(plan.contact_id))
                if dim_id in dims for w in wins_in(obs, dims[dim_id].better_when)]
        strategies.append(strategy_outcome(plan.id, plan.contact_id, plan.goal, plan.started_on,
                                           plan.expected_months, wins, today))
    reviews = Counter(versus for _cid, _plan, versus in repos.prep_sheets.reviews())
    return OverallProgress(since, week_counts, sum(n for _w, n in week_counts),
                           reached, techniques, strategies, reviews)


def _by_dimension(observations: list[Observation]) -> list[tuple[int, list[Observation]]]:
    grouped: dict[int, list[Observation]] = {}
    for o in observations:
        grouped.setdefault(o.dimension_id, []).append(o)
    return list(grouped.items())
