"""The Journal and the "log a conversation" dialog say what is true (issue 13 §1, §2)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from commsdesk.domain import Ending
from commsdesk.ui.journal.model import ConversationsModel
from commsdesk.ui.workspace import JOURNAL
from conftest import answer, click, settled
from helpers import add_person, add_talk


def arrow_points_down(header, column: int) -> bool:
    """Look at the header as drawn: the pixels that only the sort arrow paints, and whether the
    arrow's widest row is at its top (▼) or at its bottom (▲)."""
    def picture():
        image = header.grab().toImage()
        left = header.sectionViewportPosition(column)
        return image, range(max(0, left), left + header.sectionSize(column))

    with_arrow, columns = picture()
    header.setSortIndicatorShown(False)
    without, _columns = picture()
    header.setSortIndicatorShown(True)
    changed = [(x, y) for y in range(with_arrow.height()) for x in columns
               if QColor(with_arrow.pixel(x, y)) != QColor(without.pixel(x, y))]
    assert changed, "no sort arrow drawn"
    # Hiding the arrow also moves the label: the arrow is the rightmost blob of changed pixels.
    xs = sorted({x for x, _y in changed})
    start = xs[-1]
    while start - 1 in xs or start - 2 in xs:
        start -= 1
    widths: dict[int, int] = {}
    for x, y in changed:
        if x >= start:
            widths[y] = widths.get(y, 0) + 1
    rows = sorted(widths)
    return widths[rows[0]] > widths[rows[-1]]


def test_the_sort_arrow_points_down_while_the_newest_talk_is_on_top(qtbot, unlocked):
    person = add_person(unlocked.vault)
    add_talk(unlocked.vault, person.id, "older", datetime(2026, 10, 1, 12, 0))
    add_talk(unlocked.vault, person.id, "newer", datetime(2026, 11, 1, 12, 0))
    workspace = unlocked.window.workspace
    workspace.go_to(JOURNAL)
    journal = workspace.sections[JOURNAL]
    header = journal.table.horizontalHeader()
    qtbot.waitExposed(journal.table)
    assert journal.model.index(0, ConversationsModel.NOTES).data() == "newer"
    assert arrow_points_down(header, ConversationsModel.WHEN)
    # One click on the header: oldest first, and the arrow turns round.
    click_at = header.sectionViewportPosition(ConversationsModel.WHEN) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(click_at, header.height() // 2))
    assert journal.model.index(0, ConversationsModel.NOTES).data() == "older"
    assert not arrow_points_down(header, ConversationsModel.WHEN)


def test_a_quick_entry_says_nothing_about_how_it_went(qtbot, unlocked):
    person = add_person(unlocked.vault, "Мама")
    workspace = unlocked.window.workspace
    workspace.go_to(JOURNAL)
    journal = workspace.sections[JOURNAL]
    dialog = journal.log_conversation(person.id)
    assert dialog.temperature.currentText() == "not said" and dialog.ending.currentText() == "not said"
    assert dialog.rating.currentText() == "not rated"
    qtbot.keyClicks(dialog.notes, "short call")
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settled(qtbot, unlocked)
    [talk] = unlocked.vault.repos.conversations.list()
    assert talk.temperature is None and talk.ending is None and talk.self_rating is None
    assert journal.model.index(0, ConversationsModel.TEMPERATURE).data() == "not said"
    # An unsaved draft keeps "not said" too, and a mood that was chosen.
    draft = journal.log_conversation(person.id)
    qtbot.keyClicks(draft.notes, "draft")
    draft.ending.set_value(Ending.WARM)
    qtbot.keyClick(draft, Qt.Key.Key_Escape)
    again = journal.log_conversation()
    assert again.notes.toPlainText() == "draft"
    assert again.temperature.value() is None and again.ending.value() == Ending.WARM


def test_discard_draft_asks_first(qtbot, unlocked):
    person = add_person(unlocked.vault, "Мама")
    journal = unlocked.window.workspace.sections[JOURNAL]
    dialog = journal.log_conversation(person.id)
    qtbot.keyClicks(dialog.notes, "half a thought")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    again = journal.log_conversation()
    assert again.discard_button.isVisible()
    click(qtbot, again.discard_button)
    answer(qtbot, again, "Cancel")  # a slip of the hand costs nothing
    assert again.notes.toPlainText() == "half a thought"
    assert unlocked.vault.repos.drafts.load("conversation")["notes"] == "half a thought"
    click(qtbot, again.discard_button)
    answer(qtbot, again, "Delete the draft")
    settled(qtbot, unlocked)
    assert again.notes.toPlainText() == "" and not again.discard_button.isVisible()
    assert not unlocked.vault.repos.drafts.load("conversation")


def test_without_a_draft_there_is_no_discard_button(qtbot, unlocked):
    """Found in a real session: «Удалить черновик» showed on an empty dialog (QDialogButtonBox
    shows the buttons it is given, and the button was hidden before it was added)."""
    add_person(unlocked.vault, "Мама")
    dialog = unlocked.window.workspace.sections[JOURNAL].log_conversation()
    qtbot.waitUntil(dialog.isVisible)
    assert unlocked.vault.repos.drafts.load("conversation") is None
    assert not dialog.discard_button.isVisible() and not dialog.draft_note.isVisible()
