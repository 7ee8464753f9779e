"""Repositories: create, update, soft delete with undo, paging, filters, the timeline."""

from datetime import date, datetime

import pytest

from commsdesk.domain import Channel, Plan, PlanStep, Relationship, Reminder, StepStatus, Temperature
from commsdesk.storage import errors
from commsdesk.storage.contacts import ContactFilter
from commsdesk.storage.conversations import ConversationFilter
from helpers import add_observation, add_person, add_talk


def test_contact_create_update_and_tags(vault):
    person = add_person(vault, "Мама", tags=["семья", "Семья", " ТВ "], channels=[Channel.VIBER])
    stored = vault.repos.contacts.get(person.id)
    assert stored.tags == ["семья", "ТВ"] and stored.channels == [Channel.VIBER]
    stored.display_name = "Мамуля"
    stored.tags = ["дача"]
    vault.repos.contacts.update(stored)
    again = vault.repos.contacts.get(person.id)
    assert again.display_name == "Мамуля" and again.tags == ["дача"]
    assert again.updated_at >= again.created_at
    assert vault.repos.contacts.all_tags() == ["дача"]


def test_invalid_values_are_refused(vault):
    with pytest.raises(errors.InvalidValue):
        add_person(vault, "   ")
    person = add_person(vault)
    with pytest.raises(errors.InvalidValue, match="self_rating"):
        add_talk(vault, person.id, "x", self_rating=7)
    with pytest.raises(errors.InvalidValue):
        add_observation(vault, person.id, 11)
    with pytest.raises(errors.RecordNotFound):
        add_talk(vault, 999, "x")
    assert vault.repos.conversations.count() == 0


def test_filters_and_paging(vault):
    mother = add_person(vault, "Мама", tags=["семья"], channels=[Channel.WHATSAPP])
    friend = add_person(vault, "Вадим", relationship=Relationship.FRIEND, channels=[Channel.TELEGRAM])
    add_person(vault, "Архив", archived=True)
    assert vault.repos.contacts.count() == 2
    assert vault.repos.contacts.count(ContactFilter(archived=None)) == 3
    assert [c.display_name for c in vault.repos.contacts.list(ContactFilter(tag="СЕМЬЯ"))] == ["Мама"]
    by_channel = vault.repos.contacts.list(ContactFilter(channel=Channel.TELEGRAM))
    assert [c.id for c in by_channel] == [friend.id]
    by_relationship = vault.repos.contacts.list(ContactFilter(relationship=Relationship.MOTHER))
    assert [c.id for c in by_relationship] == [mother.id]
    by_name = vault.repos.contacts.list(ContactFilter(name_contains="ВАД"))
    assert [c.display_name for c in by_name] == ["Вадим"]
    for day in range(1, 26):
        add_talk(vault, mother.id, f"день {day}", when=datetime(2026, 10, day, 12),
                 temperature=Temperature.HEATED if day % 5 == 0 else Temperature.CALM,
                 techniques=["technique-repair"] if day % 2 else [])
    page1 = vault.repos.conversations.list(limit=10)
    page3 = vault.repos.conversations.list(limit=10, offset=20)
    assert [v.occurred_at.day for v in page1] == list(range(25, 15, -1))
    assert len(page3) == 5
    flt = ConversationFilter(since=date(2026, 10, 10), until=date(2026, 10, 20))
    assert vault.repos.conversations.count(flt) == 11
    assert vault.repos.conversations.count(ConversationFilter(temperature=Temperature.HEATED)) == 5
    assert vault.repos.conversations.count(ConversationFilter(technique="technique-repair")) == 13
    assert vault.repos.contacts.list(sort="last_talk", descending=True)[0].id == mother.id


def test_soft_delete_and_undo(vault):
    person = add_person(vault)
    talk = add_talk(vault, person.id, "заметка про дачу")
    vault.repos.conversations.delete(talk.id)
    assert vault.repos.conversations.count() == 0
    assert vault.repos.search.run("дача") == []
    with pytest.raises(errors.RecordNotFound):
        vault.repos.conversations.get(talk.id)
    vault.repos.conversations.undo_delete(talk.id)
    assert vault.repos.conversations.get(talk.id).notes == "заметка про дачу"
    assert [h.ref for h in vault.repos.search.run("дача")] == [talk.id]
    vault.repos.contacts.delete(person.id)
    assert vault.repos.search.run("дача") == [] and vault.repos.conversations.count() == 0
    vault.repos.contacts.undo_delete(person.id)
    assert vault.repos.conversations.count() == 1 and vault.repos.search.run("дача")
    vault.repos.conversations.delete(talk.id)
    assert vault.purge_deleted() == 1
    with pytest.raises(errors.RecordNotFound):
        vault.repos.conversations.undo_delete(talk.id)


def test_deleted_conversation_keeps_observations_unlinked(vault):
    person = add_person(vault)
    talk = add_talk(vault, person.id, "x")
    obs = add_observation(vault, person.id, 5, conversation_id=talk.id)
    vault.repos.conversations.delete(talk.id)
    vault.purge_deleted()
    assert vault.repos.observations.get(obs.id).conversation_id is None


def test_timeline_merges_everything_newest_first(vault):
    person = add_person(vault)
    talk = add_talk(vault, person.id, "разговор", when=datetime(2026, 10, 5, 18))
    add_observation(vault, person.id, 6, "цитата", on=date(2026, 10, 6), conversation_id=talk.id)
    vault.repos.plans.add(Plan(person.id, "цель", steps=[
        PlanStep("шаг", status=StepStatus.DONE, done_on=date(2026, 10, 1))]))
    vault.repos.reminders.add(Reminder(date(2026, 10, 20), "позвонить", contact_id=person.id))
    entries = vault.repos.timeline.for_contact(person.id)
    assert [e.kind for e in entries] == ["reminder", "observation", "conversation", "plan_step"]
    assert entries[1].detail == "цитата"


def test_follow_ups_and_reminders_due(vault):
    person = add_person(vault)
    add_talk(vault, person.id, "a", follow_up_on=date(2026, 11, 20))
    later = add_talk(vault, person.id, "b", follow_up_on=date(2026, 12, 20))
    reminder = vault.repos.reminders.add(Reminder(date(2026, 11, 1), "x", contact_id=person.id))
    assert len(vault.repos.conversations.follow_ups_due(date(2026, 11, 24))) == 1
    vault.repos.conversations.clear_follow_up(later.id)
    assert vault.repos.conversations.get(later.id).follow_up_on is None
    assert [r.id for r in vault.repos.reminders.due(date(2026, 11, 24))] == [reminder.id]
    vault.repos.reminders.complete(reminder.id)
    assert vault.repos.reminders.due(date(2026, 11, 24)) == []


def test_plan_steps_are_kept_in_order_and_updated(vault):
    person = add_person(vault)
    plan = vault.repos.plans.add(Plan(person.id, "цель", steps=[PlanStep("a"), PlanStep("b")]))
    plan.steps = [plan.steps[1], PlanStep("c")]
    plan.steps[0].status = StepStatus.DONE
    vault.repos.plans.update(plan)
    stored = vault.repos.plans.get(plan.id)
    assert [(s.title, s.status) for s in stored.steps] == [("b", StepStatus.DONE), ("c", StepStatus.PLANNED)]


def test_work_from_another_thread(vault):
    import threading

    person = add_person(vault)
    failures = []

    def worker(n):
        try:
            for i in range(20):
                add_talk(vault, person.id, f"поток {n} запись {i}")
        except Exception as exc:  # pragma: no cover - reported below
            failures.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures and vault.repos.conversations.count() == 80


def test_paging_after_a_row_matches_offsets(vault):
    person = add_person(vault)
    for i in range(30):
        add_talk(vault, person.id, f"n{i}", when=datetime(2026, 10, 1 + i % 10, 12))
    repo = vault.repos.conversations
    by_offset = [v.id for v in repo.list(limit=100)]
    pages, last = [], None
    while True:
        page = repo.list(limit=7, after=last)
        if not page:
            break
        pages += [v.id for v in page]
        last = page[-1]
    assert pages == by_offset
    ascending = [v.id for v in repo.list(descending=False, limit=100)]
    first = repo.list(descending=False, limit=10)
    rest = repo.list(descending=False, limit=100, after=first[-1])
    assert [v.id for v in first + rest] == ascending
