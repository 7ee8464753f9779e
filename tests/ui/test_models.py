"""Item models tested without widgets: paging, sorting, filtering, discreet mode."""

from datetime import datetime

from PySide6.QtCore import Qt

from commsdesk.domain import Relationship
from commsdesk.storage.contacts import ContactFilter
from commsdesk.ui import paged_model
from commsdesk.ui.journal.model import ConversationsModel
from commsdesk.ui.people.model import TimelineModel
from commsdesk.ui.widgets.contacts import ContactsModel
from helpers import add_person, add_talk


def test_contacts_model_pages_sorts_and_filters(qtmodeltester, vault, monkeypatch):
    monkeypatch.setattr(paged_model, "PAGE", 5)
    for i in range(12):
        add_person(vault, f"Человек {i:02d}", relationship=Relationship.FRIEND if i % 3 else
                   Relationship.MOTHER)
    model = ContactsModel(vault)
    model.reload()
    assert model.rowCount() == 5 and model.total == 12 and model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 12 and not model.canFetchMore()
    qtmodeltester.check(model)
    model.sort(ContactsModel.NAME, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, 0)) == "Человек 11"
    model.filter = ContactFilter(relationship=Relationship.MOTHER)
    model.reload()
    assert model.total == 4 and model.data(model.index(0, 1)) == "Mother"


def test_discreet_mode_hides_names_and_notes(vault):
    person = add_person(vault, "Мама")
    add_talk(vault, person.id, "**секретная** заметка")
    contacts = ContactsModel(vault, discreet=True)
    contacts.reload()
    assert contacts.data(contacts.index(0, 0)) == "•••"
    talks = ConversationsModel(vault, discreet=True)
    talks.reload()
    assert talks.data(talks.index(0, ConversationsModel.PERSON)) == "•••"
    assert talks.data(talks.index(0, ConversationsModel.NOTES)) == "•••"
    open_talks = ConversationsModel(vault)
    open_talks.reload()
    assert open_talks.data(open_talks.index(0, ConversationsModel.NOTES)) == "секретная заметка"


def test_timeline_model_stops_at_the_last_page(qtmodeltester, vault, monkeypatch):
    monkeypatch.setattr(paged_model, "PAGE", 4)
    person = add_person(vault)
    for day in range(1, 10):
        add_talk(vault, person.id, f"день {day}", when=datetime(2026, 10, day, 12))
    model = TimelineModel(vault, person.id)
    model.reload()
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 9
    qtmodeltester.check(model)
    assert "Conversation" in model.data(model.index(0, 1))


def test_pages_read_in_the_background_arrive_later_and_never_on_the_ui_thread(qtbot, vault,
                                                                               monkeypatch):
    """ui_bench: scrolling the Journal of a 100k vault stalled the UI thread 150 ms per page."""
    import threading

    monkeypatch.setattr(paged_model, "PAGE", 5)
    person = add_person(vault, "Мама")
    for day in range(1, 13):
        add_talk(vault, person.id, f"день {day}", when=datetime(2026, 10, day, 12))
    reader = paged_model.PageReader()
    model = ConversationsModel(vault, reader=reader)
    threads = []
    real_fetch = model.fetch

    def fetch(limit, offset):
        threads.append(threading.current_thread() is threading.main_thread())
        return real_fetch(limit, offset)

    model.fetch = fetch
    model.reload()  # the first page at once, so the view shows something
    assert model.rowCount() == 5 and threads == [True]
    model.fetchMore()
    assert model.rowCount() == 5 and not model.canFetchMore()  # asked once, still on its way
    qtbot.waitUntil(lambda: model.rowCount() == 10)
    assert threads == [True, False]
    model.fetchMore()
    model.reload()  # a new filter before the page arrived: the old page is dropped
    reader.wait()
    qtbot.wait(50)
    assert model.rowCount() == 5
    model.load_more_now()  # finding a row that must be shown: at once
    assert model.rowCount() == 10 and threads[-1] is True
    notes = [model.record(r).notes for r in range(model.rowCount())]
    assert notes == [f"день {d}" for d in range(12, 2, -1)]
