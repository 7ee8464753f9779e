"""Stages of change and dismissed suggestions, stored in the vault."""

from datetime import date

from commsdesk.storage.stages import StageChange
from helpers import add_person


def test_stage_history_current_and_search(vault):
    person = add_person(vault, "Мама")
    assert vault.repos.stage_changes.current(person.id) is None
    vault.repos.stage_changes.add(StageChange(person.id, "not-thinking", date(2026, 9, 1)))
    vault.repos.stage_changes.add(StageChange(person.id, "doubting", date(2026, 11, 1),
                                              "впервые спросила, зачем это всё"))
    assert [s.stage for s in vault.repos.stage_changes.history(person.id)] == [
        "not-thinking", "doubting"]
    assert vault.repos.stage_changes.current(person.id).stage == "doubting"
    hits = vault.repos.search.run("спросила")
    assert [(h.kind, h.title) for h in hits] == [("stage_change", "Мама")]
    vault.repos.contacts.delete(person.id)
    assert vault.repos.search.run("спросила") == []
    vault.purge_deleted()
    with vault.reading() as conn:
        assert conn.execute("SELECT count(*) FROM stage_changes").fetchone()[0] == 0


def test_dismissals(vault):
    person = add_person(vault)
    vault.repos.dismissals.dismiss(person.id, "long_silence")
    assert vault.repos.dismissals.for_contact(person.id) == {"long_silence"}
    vault.repos.dismissals.restore(person.id, "long_silence")
    assert vault.repos.dismissals.for_contact(person.id) == set()


def test_stage_changes_appear_on_the_timeline(vault):
    person = add_person(vault)
    vault.repos.stage_changes.add(StageChange(person.id, "questioning", date(2026, 11, 3),
                                              "спросил, сколько это будет продолжаться"))
    [entry] = vault.repos.timeline.for_contact(person.id)
    assert (entry.kind, entry.summary, entry.when) == ("stage", "questioning", "2026-11-03")
    from commsdesk.ui.people.timeline_text import describe

    assert describe(entry, {})[1] == "Stage of change · Questioning openly"
