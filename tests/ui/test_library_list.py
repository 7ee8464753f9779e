"""Issue 13: the Library's titles under headings by kind; opening an article leaves the list still."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from commsdesk.ui.library.model import HEADING_ROLE
from commsdesk.ui.workspace import LIBRARY
from conftest import settled


def library(controller):
    controller.window.resize(1100, 750)
    controller.window.workspace.go_to(LIBRARY)
    page = controller.window.workspace.sections[LIBRARY]
    page.list.scrollToTop()
    return page


def headings(page) -> list[tuple[int, str]]:
    model = page.model
    return [(r, model.data(model.index(r), HEADING_ROLE)) for r in range(model.rowCount())
            if model.article(r) is None]


def click_row(qtbot, page, row: int) -> None:
    page.list.scrollTo(page.model.index(row))
    rect = page.list.visualRect(page.model.index(row))
    qtbot.mouseClick(page.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_titles_are_grouped_under_headings_in_the_order_of_kinds(qtbot, unlocked):
    page = library(unlocked)
    kinds = [kind for _row, kind in headings(page)]
    assert kinds == ["technique", "narrative", "scenario", "roleplay", "safety", "selfcare", "club"]
    model = page.model
    for row, kind in headings(page):
        text = model.data(model.index(row))
        assert text.endswith(f" · {sum(1 for a in model.articles() if a.kind == kind)}")
        following = model.article(row + 1)
        assert following is not None and following.kind == kind
    assert model.data(model.index(0)).startswith("Techniques")
    # A search ranks what it finds; headings would break the ranking up.
    qtbot.keyClicks(page.search, "listening")
    qtbot.waitUntil(lambda: not headings(page), timeout=3000)
    assert page.model.article_count() > 0


def test_clicking_a_heading_selects_nothing_and_arrow_keys_pass_over_it(qtbot, unlocked):
    page = library(unlocked)
    (_first, _), (narratives, _) = headings(page)[:2]
    click_row(qtbot, page, narratives)
    assert not page.list.selectionModel().hasSelection()
    assert page.reader.info is None
    last_technique = narratives - 1
    click_row(qtbot, page, last_technique)
    assert page.reader.info.id == page.model.article(last_technique).id
    page.list.setFocus()
    QTest.keyClick(page.list, Qt.Key.Key_Down)
    assert page.list.currentIndex().row() == narratives + 1  # the heading is skipped
    assert page.reader.info.kind == "narrative"
    QTest.keyClick(page.list, Qt.Key.Key_Up)
    assert page.list.currentIndex().row() == last_technique
    # Home goes to the first article, not to the heading above it.
    QTest.keyClick(page.list, Qt.Key.Key_Home)
    assert page.model.article(page.list.currentIndex().row()) is not None


def test_opening_an_article_does_not_move_the_list_under_the_pointer(qtbot, unlocked):
    page = library(unlocked)
    qtbot.waitUntil(lambda: page.list.viewport().width() > 0)
    before = [page.list.visualRect(page.model.index(r)) for r in range(page.model.rowCount())]
    width = page.list.viewport().width()
    click_row(qtbot, page, 3)
    opened = page.reader.info.id
    assert opened == page.model.article(3).id
    # Reading it to the end and bookmarking it marks the row, with an icon, not extra text.
    bar = page.reader.browser.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.mouseClick(page.reader.bookmark, Qt.MouseButton.LeftButton)
    settled(qtbot, unlocked)  # marks are saved on the worker
    assert unlocked.vault.repos.library_marks.get(opened).bookmarked
    click_row(qtbot, page, 4)  # the next one: the first is saved as read
    assert unlocked.vault.repos.library_marks.get(opened).progress >= 0.95
    QTest.qWait(20)
    assert page.list.viewport().width() == width
    after = [page.list.visualRect(page.model.index(r)) for r in range(page.model.rowCount())]
    assert after == before
    assert page.model.data(page.model.index(3), Qt.ItemDataRole.AccessibleTextRole).endswith(
        ", bookmarked, read")
