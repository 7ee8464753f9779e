"""The first-run guide's use cases, without Qt."""

from __future__ import annotations

from datetime import date

import pytest

from commsdesk.domain import Relationship
from commsdesk.planner.first_steps import (
    FirstSteps,
    dismiss_guide,
    guide_pending,
    offer_guide,
    start_with,
)
from commsdesk.storage import errors

TODAY = date(2026, 12, 4)


def test_a_vault_is_offered_the_guide_once(vault):
    assert not guide_pending(vault)  # vaults made before the guide, or by import, are left alone
    offer_guide(vault)
    assert guide_pending(vault)
    dismiss_guide(vault)
    assert not guide_pending(vault)


def test_the_three_answers_become_a_person_a_plan_and_a_reminder(vault):
    offer_guide(vault)
    person_id = start_with(vault, FirstSteps(
        " Мама ", Relationship.MOTHER, "она спросит, как у меня дела", date(2026, 12, 10),
        goal="Говорить спокойно и регулярно", reminder_note="Следующий разговор"), TODAY)
    person = vault.repos.contacts.get(person_id)
    assert person.display_name == "Мама" and person.relationship == Relationship.MOTHER
    (plan,) = vault.repos.plans.for_contact(person_id)
    assert plan.goal == "Говорить спокойно и регулярно"
    assert plan.realistic_expectation == "она спросит, как у меня дела"
    assert plan.started_on == TODAY and plan.review_on == date(2027, 3, 4)
    (reminder,) = vault.repos.reminders.due(date(2026, 12, 31))
    assert reminder.due_on == date(2026, 12, 10) and reminder.contact_id == person_id
    assert reminder.note == "Следующий разговор"
    assert not guide_pending(vault)


def test_only_the_name_is_needed(vault):
    offer_guide(vault)
    person_id = start_with(vault, FirstSteps("Папа"), TODAY)
    assert vault.repos.plans.for_contact(person_id) == []
    assert vault.repos.reminders.due(date(2030, 1, 1)) == []
    assert not guide_pending(vault)


def test_a_refused_answer_leaves_nothing_behind(vault):
    offer_guide(vault)
    with pytest.raises(errors.InvalidValue):
        start_with(vault, FirstSteps("  ", small_win="a question back"), TODAY)
    assert vault.repos.contacts.count() == 0
    assert guide_pending(vault)  # still offered: nothing was done
