"""A mood or an ending the user did not give is kept as "not said", never as a guess (issue 13 §1)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from commsdesk.domain import Conversation, Ending, Temperature, label_or_not_said
from commsdesk.library.record import track_record
from commsdesk.planner.suggestions import History, hostile_streak
from commsdesk.transfer.json_export import export_document
from commsdesk.transfer.json_import import import_document
from commsdesk.transfer.markdown_export import export_markdown
from helpers import add_person, add_talk

TECHNIQUE = "technique-listening-oars"


def test_a_quick_entry_is_stored_and_read_back_as_not_said(vault):
    person = add_person(vault)
    quick = vault.repos.conversations.add(Conversation(person.id, datetime(2026, 11, 1, 19, 0)))
    told = add_talk(vault, person.id, "", temperature=Temperature.TENSE, ending=Ending.WARM)
    again = vault.repos.conversations.get(quick.id)
    assert again.temperature is None and again.ending is None
    assert label_or_not_said(again.temperature) == "not said"
    told = vault.repos.conversations.get(told.id)
    assert (told.temperature, told.ending) == (Temperature.TENSE, Ending.WARM)
    # Said later, then unsaid again: both ways are kept.
    again.temperature = Temperature.CALM
    vault.repos.conversations.update(again)
    assert vault.repos.conversations.get(quick.id).temperature == Temperature.CALM
    again.temperature = None
    vault.repos.conversations.update(again)
    assert vault.repos.conversations.get(quick.id).temperature is None


def test_not_said_is_null_in_the_export_and_comes_back(make_vault, tmp_path):
    first = make_vault(tmp_path / "a.commsdesk")
    person = add_person(first)
    add_talk(first, person.id, "quick")
    add_talk(first, person.id, "told", when=datetime(2026, 11, 2, 10, 0),
             temperature=Temperature.HEATED, ending=Ending.CUT_SHORT)
    document = json.loads(json.dumps(export_document(first)))
    by_notes = {c["notes"]: c for c in document["conversations"]}
    assert by_notes["quick"]["temperature"] is None and by_notes["quick"]["ending"] is None
    assert (by_notes["told"]["temperature"], by_notes["told"]["ending"]) == ("heated", "cut_short")
    second = make_vault(tmp_path / "b.commsdesk")
    import_document(second, document)
    talks = {t.notes: t for t in second.repos.conversations.list()}
    assert talks["quick"].temperature is None and talks["quick"].ending is None
    assert talks["told"].temperature == Temperature.HEATED
    markdown = export_markdown(second)
    assert "Heated" in markdown and "not said" not in markdown.lower()


def test_the_technique_record_counts_only_said_endings(vault):
    person = add_person(vault)
    for day, ending in ((1, Ending.WARM), (2, None), (3, None), (4, Ending.QUARREL)):
        add_talk(vault, person.id, "", when=datetime(2026, 11, day, 12, 0), techniques=[TECHNIQUE],
                 ending=ending)
    record = track_record(vault, TECHNIQUE)
    assert record.count == 4
    assert sum(record.endings.values()) == 2 and None not in record.endings
    assert None not in record.temperatures


def test_talks_without_a_mood_neither_make_nor_break_a_hostile_streak():
    today = date(2026, 11, 24)

    def talk(days_ago: int, temperature: Temperature | None) -> Conversation:
        return Conversation(1, datetime.combine(today - timedelta(days=days_ago), datetime.min.time()),
                            temperature=temperature)

    heated = [talk(30, Temperature.HOSTILE), talk(20, Temperature.HEATED),
              talk(10, Temperature.HOSTILE)]
    assert hostile_streak(History(today, [*heated, talk(1, None)], [], {})) is not None
    assert hostile_streak(History(today, [talk(40, None), talk(35, None), talk(5, None)], [], {})) is None
