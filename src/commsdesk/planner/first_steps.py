"""The first-run guide's use cases: offer it once for a new vault, and turn its three answers
(the first person, a small win, the next talk) into a person, a plan and a reminder.

Whether the guide is still to be shown is kept in the vault (encrypted), never beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from commsdesk.domain import Contact, Plan, Relationship, Reminder
from commsdesk.domain.records import stored_id
from commsdesk.planner.expectations import REALISTIC_MONTHS
from commsdesk.storage import vault_meta

if TYPE_CHECKING:
    from commsdesk.storage.vault import Vault

GUIDE_KEY = "first_run_guide"
PENDING, DONE = "pending", "done"
REVIEW_AFTER_DAYS = 90  # the plan's first review: a season, the time a small change takes


@dataclass(frozen=True)
class FirstSteps:
    name: str
    relationship: Relationship = Relationship.OTHER
    small_win: str = ""  # may stay empty: then no plan is made
    next_talk: date | None = None  # None: no reminder
    goal: str = ""  # the plan's long-term goal (a sentence in the user's language)
    reminder_note: str = ""  # the reminder's text (in the user's language)


def offer_guide(vault: Vault) -> None:
    """Mark a vault just created: its first unlock shows the guide."""
    with vault.transaction() as conn:
        vault_meta.write(conn, GUIDE_KEY, PENDING)


def guide_pending(vault: Vault) -> bool:
    with vault.reading() as conn:
        return vault_meta.read(conn, GUIDE_KEY) == PENDING


def dismiss_guide(vault: Vault) -> None:
    """Skipped: it never shows again for this vault."""
    with vault.transaction() as conn:
        vault_meta.write(conn, GUIDE_KEY, DONE)


def start_with(vault: Vault, steps: FirstSteps, today: date) -> int:
    """In one transaction: the person, a plan with the small win, a reminder for the next talk;
    the guide marked done. Returns the person's id."""
    with vault.transaction() as conn:
        person = vault.repos.contacts.add(Contact(steps.name.strip(), steps.relationship))
        person_id = stored_id(person)
        if steps.small_win.strip():
            vault.repos.plans.add(Plan(
                person_id, steps.goal.strip() or steps.small_win.strip(), steps.small_win.strip(),
                started_on=today, review_on=today + timedelta(days=REVIEW_AFTER_DAYS),
                expected_months=REALISTIC_MONTHS))
        if steps.next_talk is not None:
            vault.repos.reminders.add(Reminder(steps.next_talk, steps.reminder_note.strip(),
                                               contact_id=person_id))
        vault_meta.write(conn, GUIDE_KEY, DONE)
    return person_id
