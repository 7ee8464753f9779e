"""Issue 4, acceptance 3: browse, search, open, bookmark, note, and the technique's track record."""

from __future__ import annotations

from PySide6.QtCore import Qt

from commsdesk.library.catalog import articles
from commsdesk.ui.journal.dialog import ConversationDialog
from commsdesk.ui.workspace import JOURNAL, LIBRARY
from helpers import add_person


def idle(qtbot, controller) -> None:
    qtbot.waitUntil(lambda: not controller.tasks.busy, timeout=20_000)


def library(controller):
    controller.window.workspace.go_to(LIBRARY)
    return controller.window.workspace.sections[LIBRARY]


def titles(page) -> list[str]:
    """What a screen reader says for each article row (headings left out)."""
    return [page.model.data(page.model.index(r), Qt.ItemDataRole.AccessibleTextRole)
            for r in range(page.model.rowCount()) if page.model.article(r) is not None]


def first_article_row(page) -> int:
    return next(r for r in range(page.model.rowCount()) if page.model.article(r) is not None)


def test_browse_search_open_bookmark_and_note(qtbot, unlocked):
    page = library(unlocked)
    assert page.model.article_count() == len(articles("en")) >= 40
    page.kind.set_value("narrative")
    assert page.model.article_count() == 10
    page.kind.set_value(None)
    qtbot.keyClicks(page.search, "mobilised")
    qtbot.waitUntil(lambda: page.model.article_count() < 40, timeout=3000)
    found = [page.model.article(r).id for r in range(page.model.rowCount())]
    assert "narrative-mobilisation-duty" in found[:3]
    page.search.clear()
    qtbot.keyClicks(page.search, "open questions")
    qtbot.waitUntil(lambda: page.model.article(0) is not None
                    and page.model.article(0).id == "technique-open-questions", timeout=3000)
    page.list.setCurrentIndex(page.model.index(0))
    reader = page.reader
    assert reader.info.id == "technique-open-questions"
    html = reader.browser.toHtml()
    assert "**" not in reader.browser.toPlainText() and "<img" not in html
    # when its facts were checked, at the end of the text
    assert reader.browser.toPlainText().rstrip().endswith("Checked: December 4, 2026")
    qtbot.waitUntil(lambda: reader.bookmark.isVisible() and reader.bookmark.width() > 0)
    qtbot.wait(50)  # the reader was just laid out
    qtbot.mouseClick(reader.bookmark, Qt.MouseButton.LeftButton)
    reader.note.setPlainText("try with Dad on Sunday")
    qtbot.mouseClick(reader.save_note, Qt.MouseButton.LeftButton)
    idle(qtbot, unlocked)
    mark = unlocked.vault.repos.library_marks.get("technique-open-questions")
    assert mark.bookmarked and mark.note == "try with Dad on Sunday"
    assert titles(page)[0] == "Open questions instead of arguments, bookmarked"
    page.search.clear()
    page.bookmarked_only.setChecked(True)
    assert page.model.article_count() == 1
    # Related articles open in the reader.
    first_related = reader.related.item(0)
    target = first_related.data(Qt.ItemDataRole.UserRole)
    reader.related.itemActivated.emit(first_related)
    assert reader.info.id == target


def test_technique_from_the_library_in_a_logged_conversation(qtbot, unlocked):
    person = add_person(unlocked.vault, "Папа")
    unlocked.notify_changed()
    workspace = unlocked.window.workspace
    dialog = workspace.sections[JOURNAL].log_conversation(person.id)
    assert isinstance(dialog, ConversationDialog)
    for i in range(dialog.techniques.count()):
        item = dialog.techniques.item(i)
        if item.data(Qt.ItemDataRole.UserRole) == "technique-repair":
            item.setCheckState(Qt.CheckState.Checked)
    dialog.rating.set_value(4)
    dialog.notes.setPlainText("помирились после прошлого раза")
    dialog.save()
    page = library(unlocked)
    page.show_article("technique-repair")
    reader = page.reader
    assert reader.record_list.count() == 1 and "1 conversation" in reader.record_label.text()
    assert "4.0" in reader.record_label.text()
    reader.record_list.itemActivated.emit(reader.record_list.item(0))
    qtbot.waitUntil(lambda: unlocked.window.findChild(ConversationDialog) is not None)
    assert workspace.current_index() == JOURNAL


def test_external_links_ask_first(qtbot, unlocked, monkeypatch):
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QMessageBox

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    page = library(unlocked)
    page.show_article("safety-using-this-app")
    page.reader._link(QUrl("https://example.org/guide"))
    box = page.reader.findChild(QMessageBox)
    assert box is not None and "https://example.org/guide" in box.text()
    assert opened == []
    yes = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    assert opened == ["https://example.org/guide"]
