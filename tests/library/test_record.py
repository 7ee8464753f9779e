"""A technique's track record and the user's marks on articles."""

from datetime import datetime

from commsdesk.domain import Ending, Temperature
from commsdesk.library.record import track_record
from commsdesk.storage.library_marks import Mark
from helpers import add_person, add_talk


def test_track_record_counts_and_rates(vault):
    person = add_person(vault)
    add_talk(vault, person.id, "a", when=datetime(2026, 10, 1, 12), techniques=["technique-repair"],
             self_rating=4, temperature=Temperature.TENSE, ending=Ending.WARM)
    add_talk(vault, person.id, "b", when=datetime(2026, 11, 1, 12), techniques=["technique-repair"],
             self_rating=2, temperature=Temperature.CALM, ending=Ending.WARM)
    add_talk(vault, person.id, "c", techniques=["technique-one-point"])
    record = track_record(vault, "technique-repair")
    assert record.count == 2 and record.average_rating == 3
    assert record.endings[Ending.WARM] == 2 and record.temperatures[Temperature.CALM] == 1
    assert record.last_used == datetime(2026, 11, 1, 12)
    assert [v.notes for v in record.recent] == ["b", "a"]
    assert track_record(vault, "technique-my-story").count == 0


def test_marks_are_saved_and_notes_are_searchable(vault):
    marks = vault.repos.library_marks
    assert marks.get("technique-repair") == Mark("technique-repair")
    marks.save(Mark("technique-repair", bookmarked=True, progress=0.4,
                    note="попробовать с папой после ссоры"))
    assert marks.get("technique-repair").bookmarked and marks.bookmarked() == ["technique-repair"]
    hits = vault.repos.search.run("папой")
    assert [(h.kind, h.title) for h in hits] == [("article_note", "technique-repair")]
    marks.save(Mark("technique-repair", bookmarked=False, progress=2.0, note=""))
    assert marks.get("technique-repair").progress == 1.0
    assert vault.repos.search.run("папой") == []
