"""Issue 13: the Overview as a calm dashboard: cards with counts, and empty states that say what to
do next, with the button that does it."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt

from commsdesk.ui.journal.dialog import ConversationDialog
from commsdesk.ui.workspace import OVERVIEW, PEOPLE
from helpers import add_person, add_talk


def overview(qtbot, controller):
    workspace = controller.window.workspace
    workspace.go_to(OVERVIEW)
    page = workspace.sections[OVERVIEW]
    page.refresh()
    qtbot.waitUntil(lambda: page.cards.isVisible() or page.starting.isVisible(), timeout=20_000)
    qtbot.waitUntil(lambda: not controller.tasks.busy, timeout=20_000)
    return page


def test_an_empty_vault_says_add_the_first_person_and_the_button_does_it(qtbot, unlocked):
    page = overview(qtbot, unlocked)
    assert page.starting.isVisible() and not page.cards.isVisible()
    assert page.start.title.text() == "Add your first person"
    assert page.start.empty.isVisible()
    qtbot.mouseClick(page.start.action, Qt.MouseButton.LeftButton)
    workspace = unlocked.window.workspace
    assert workspace.current_index() == PEOPLE
    people = workspace.sections[PEOPLE]
    qtbot.waitUntil(lambda: people.form.name.hasFocus())
    assert people.form.name.text() == ""


def test_the_reading_card_opens_the_library_at_a_first_technique(qtbot, unlocked):
    from commsdesk.ui.workspace import LIBRARY

    page = overview(qtbot, unlocked)
    qtbot.mouseClick(page.read.action, Qt.MouseButton.LeftButton)
    workspace = unlocked.window.workspace
    assert workspace.current_index() == LIBRARY
    assert workspace.sections[LIBRARY].reader.info.id == "technique-listening-oars"


def test_cards_show_counts_and_each_empty_card_what_to_do(qtbot, unlocked):
    today = date.today()
    mother = add_person(unlocked.vault, "Мама")
    add_person(unlocked.vault, "Папа")  # never talked to: quiet
    unlocked.notify_changed()
    page = overview(qtbot, unlocked)
    assert page.cards.isVisible() and not page.starting.isVisible()
    assert page.quiet.count.text() == "2" and page.quiet.list.count() == 2
    assert page.due.count.text() == "" and page.due.empty.isVisible()
    assert page.due.empty.text() == "Nothing is due. Well done."
    assert page.latest.empty.isVisible() and page.latest.action.isVisible()
    assert page.wins.action.isVisible() and page.wins.action.text() == "Plan a small win"
    qtbot.mouseClick(page.latest.action, Qt.MouseButton.LeftButton)
    dialog = unlocked.window.findChild(ConversationDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()
    add_talk(unlocked.vault, mother.id, "про дачу", when=datetime.now() - timedelta(days=9),
             follow_up_on=today - timedelta(days=2))
    unlocked.notify_changed()
    page = overview(qtbot, unlocked)
    assert page.latest.list.count() == 1 and not page.latest.action.isVisible()
    assert page.due.count.text() == "1" and page.due.subtitle.text() == "1 overdue"
    assert "Мама" in page.due.list.item(0).text()
    assert page.quiet.count.text() == "1"  # only Dad now


def test_the_demo_vault_fills_every_card(qtbot, unlocked):
    from commsdesk.demo import populate

    populate(unlocked.vault, date.today())
    unlocked.notify_changed()
    page = overview(qtbot, unlocked)
    for card in (page.due, page.quiet, page.latest, page.wins):
        assert card.list.count() > 0 and not card.empty.isVisible(), card.title.text()
        assert card.action is None or not card.action.isVisible()
    assert int(page.wins.count.text()) == page.wins.list.count()
    # a row opens what it is about
    row = page.quiet.list.item(0)
    page.quiet.list.itemActivated.emit(row)
    assert unlocked.window.workspace.current_index() == PEOPLE
