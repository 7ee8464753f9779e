"""What the Overview shows: follow-ups and reminders due, people gone quiet, recent small wins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from commsdesk.domain.records import stored_id

if TYPE_CHECKING:
    from commsdesk.domain.records import Conversation
    from commsdesk.storage.vault import Vault


@dataclass(frozen=True)
class DueItem:
    kind: str  # "follow_up" (a conversation's), "reminder", "stay_in_touch"
    due_on: date
    contact_id: int | None
    contact_name: str
    ref: int  # the conversation, reminder or contact
    note: str = ""

    def overdue(self, today: date) -> bool:
        return self.due_on < today


@dataclass(frozen=True)
class QuietPerson:
    contact_id: int
    name: str
    last_talk: date | None
    weeks: int  # the interval that applies to this person


@dataclass(frozen=True)
class SmallWin:
    contact_id: int
    name: str
    dimension_id: int
    dimension_key: str | None
    dimension_name: str
    before: int
    after: int
    observed_on: date
    evidence: str


def due_items(vault: Vault, today: date, horizon_days: int = 7,
              last_talks: list | None = None) -> list[DueItem]:
    """Everything due by `today + horizon_days`, oldest first (overdue items come first)."""
    until = today + timedelta(days=horizon_days)
    names = vault.repos.contacts.names()
    # The repository's `list[...]` annotation is read as its own `list` method: declared here.
    follow_ups: list[Conversation] = vault.repos.conversations.follow_ups_due(until)
    items = [DueItem("follow_up", v.follow_up_on, v.contact_id, names.get(v.contact_id, ""),
                     stored_id(v), ", ".join(v.topics))
             for v in follow_ups if v.follow_up_on is not None]  # all of them: the query asks for it
    items += [DueItem("reminder", r.due_on, r.contact_id,
                      "" if r.contact_id is None else names.get(r.contact_id, ""), stored_id(r), r.note)
              for r in vault.repos.reminders.due(until)]
    for row in last_talks if last_talks is not None else vault.repos.contacts.last_talks():
        if row.weeks_interval and row.last_talk is not None:
            due = row.last_talk + timedelta(weeks=row.weeks_interval)
            if due <= until:
                items.append(DueItem("stay_in_touch", due, row.id, row.name, row.id))
    return sorted(items, key=lambda i: (i.due_on, i.kind, i.ref))


def quiet_people(vault: Vault, today: date, weeks: int, limit: int = 10,
                 last_talks: list | None = None) -> tuple[list[QuietPerson], int]:
    """People not talked to for `weeks` (the setting) or for their own stay-in-touch interval if
    it is longer, longest first, and how many there are in all. A shorter interval of their own
    does not make someone "quiet" sooner: it asks for a talk in the due list ("stay_in_touch")."""
    quiet = []
    for row in last_talks if last_talks is not None else vault.repos.contacts.last_talks():
        interval = max(weeks, row.weeks_interval or 0)
        if row.last_talk is None or row.last_talk <= today - timedelta(weeks=interval):
            quiet.append(QuietPerson(row.id, row.name, row.last_talk, interval))
    quiet.sort(key=lambda p: (p.last_talk or date.min, p.name))
    return quiet[:limit], len(quiet)


def small_wins(vault: Vault, today: date, days: int = 60, limit: int = 10) -> list[SmallWin]:
    """Observations in the last `days` that moved the right way since the one before."""
    dims = {d.id: d for d in vault.repos.dimensions.list(include_archived=True)}
    wins = []
    for row in vault.repos.observations.changes_since(today - timedelta(days=days)):
        dim = dims.get(row.dimension_id)
        if dim is None or row.previous is None:
            continue
        step = row.value - row.previous
        if (step > 0 and dim.better_when == "higher") or (step < 0 and dim.better_when == "lower"):
            wins.append(SmallWin(row.contact_id, row.name, row.dimension_id, dim.key, dim.name, row.previous,
                                 row.value, row.observed_on, row.evidence))
    wins.sort(key=lambda w: w.observed_on, reverse=True)
    return wins[:limit]


@dataclass(frozen=True)
class OverviewData:
    due: list[DueItem]
    overdue: int
    quiet: list[QuietPerson]
    quiet_total: int
    latest: list[tuple[object, str]]  # (conversation, person's name)
    wins: list[SmallWin]
    people: int = 0  # active people: none means a vault just begun


def overview_data(vault: Vault, today: date, quiet_weeks: int) -> OverviewData:
    """Everything the Overview shows, in one call (the app runs it off the UI thread)."""
    talks = vault.repos.contacts.last_talks()
    items = due_items(vault, today, last_talks=talks)
    quiet, total = quiet_people(vault, today, quiet_weeks, last_talks=talks)
    latest = vault.repos.conversations.list(limit=8)
    names = vault.repos.contacts.names([v.contact_id for v in latest])
    return OverviewData(items[:20], sum(1 for i in items if i.overdue(today)), quiet, total,
                        [(v, names.get(v.contact_id, "")) for v in latest],
                        small_wins(vault, today), vault.repos.contacts.count())
