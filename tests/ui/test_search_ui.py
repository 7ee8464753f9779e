"""Search across everything: the results model alone, then the dialog driven from the workspace."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from commsdesk import i18n
from commsdesk.storage.search_index import SearchHit
from commsdesk.ui.search.dialog import SearchDialog
from commsdesk.ui.search.model import HIT_ROLE, HTML_ROLE, IS_GROUP_ROLE, SearchResultsModel
from commsdesk.ui.widgets import VAULT_DATA
from conftest import type_text
from helpers import add_person, add_talk

# -- the model -----------------------------------------------------------------------------


@pytest.fixture
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("en")


def ranked_hits() -> list[SearchHit]:
    note = "Говорили с <b>Соловьёвым</b> & мамой"
    start = note.index("Соловьёвым")
    return [
        SearchHit("conversation", 7, "Мама", note, [(start, start + len("Соловьёвым"))],
                  "2026-11-01T19:30", 3),
        SearchHit("contact", 3, "Мама", "соседка", [], "", 3, [(0, 4)]),
        SearchHit("conversation", 8, "Папа", "про Соловьёва", [(4, 13)], "2026-10-02T10:00", 4),
        SearchHit("reflection", 2, "", "устала", [(0, 6)], "2026-11-02T21:00:00", None),
    ]


def test_model_groups_hits_by_kind_in_ranked_order(qtmodeltester, english):
    model = SearchResultsModel()
    model.set_hits(ranked_hits())
    qtmodeltester.check(model)

    groups = [model.index(row, 0) for row in range(model.rowCount())]
    assert [g.data() for g in groups] == ["Conversations · 2 matches", "People · 1 match",
                                          "Reflections · 1 match"]
    assert [model.rowCount(g) for g in groups] == [2, 1, 1]
    assert all(g.data(IS_GROUP_ROLE) for g in groups)
    assert not groups[0].flags() & Qt.ItemFlag.ItemIsSelectable

    first = model.index(0, 0, groups[0])
    assert first.flags() & Qt.ItemFlag.ItemIsSelectable
    assert model.rowCount(first) == 0
    assert first.parent() == groups[0]
    assert first.data(HIT_ROLE).ref == 7
    assert first.data(IS_GROUP_ROLE) is False
    assert first.data() == "Мама · Nov 1, 2026\nГоворили с <b>Соловьёвым</b> & мамой"
    assert [i.data(HIT_ROLE).ref for i in model.hit_indexes()] == [7, 8, 3, 2]
    reflection = model.index(0, 0, groups[2])
    assert reflection.data().startswith("My reflection · Nov 2, 2026")


def test_model_escapes_vault_text_and_marks_matches(english):
    model = SearchResultsModel()
    model.set_hits(ranked_hits())
    html = model.index(0, 0, model.index(0, 0)).data(HTML_ROLE)
    assert "<b>" not in html
    assert "&lt;b&gt;" in html and "&amp;" in html
    assert '<span class="match">Соловьёвым</span>' in html
    person = model.index(0, 0, model.index(1, 0)).data(HTML_ROLE)
    assert '<span class="match">Мама</span>' in person


def test_model_in_discreet_mode_hides_snippets(english):
    model = SearchResultsModel(discreet=True)
    model.set_hits(ranked_hits())
    hit = model.index(0, 0, model.index(0, 0))
    assert hit.data() == "Мама · Nov 1, 2026\n…"
    assert "Соловь" not in hit.data(HTML_ROLE)
    model.clear()
    assert model.rowCount() == 0 and model.hit_indexes() == []
    assert model.rowCount(QModelIndex()) == 0


# -- the dialog ----------------------------------------------------------------------------




def open_dialog(controller, qtbot) -> SearchDialog:
    controller.window.workspace.open_search()
    dialog = controller.window.findChild(SearchDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.field.hasFocus)  # the field has the focus once the dialog shows
    return dialog


def wait_idle(controller, qtbot, dialog: SearchDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.searching and not controller.tasks.busy, timeout=10000)


@pytest.fixture
def talk(unlocked):
    vault = unlocked.vault
    mother = add_person(vault, "Мама")
    add_person(vault, "Дядя Коля")
    conversation = add_talk(vault, mother.id, "Спорили о том, что сказал Соловьёвым <b>вчера</b>")
    return unlocked, mother, conversation


def test_typing_finds_a_conversation_and_enter_opens_it(talk, qtbot):
    controller, mother, conversation = talk
    dialog = open_dialog(controller, qtbot)
    type_text(qtbot, dialog.field, "соловьев")
    wait_idle(controller, qtbot, dialog)
    assert dialog.view.isVisible()
    shown = [i.data() for i in dialog.model.hit_indexes()]
    assert len(shown) == 1 and shown[0].startswith("Мама")
    assert "<b>вчера</b>" in shown[0]  # shown as the text it is, not as markup

    dialog.open_hit.disconnect()  # only our spy: the Journal page is someone else's
    with qtbot.waitSignal(dialog.open_hit, timeout=2000) as spy:
        QTest.keyClick(dialog.field, Qt.Key.Key_Return)
    assert spy.args == ["conversation", conversation.id, mother.id]
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_enter_before_the_answer_opens_the_first_hit(talk, qtbot):
    controller, mother, conversation = talk
    dialog = open_dialog(controller, qtbot)
    dialog.open_hit.disconnect()
    with qtbot.waitSignal(dialog.open_hit, timeout=5000) as spy:
        type_text(qtbot, dialog.field, "соловьев")
        QTest.keyClick(dialog.field, Qt.Key.Key_Enter)  # before the debounce has even run
    assert spy.args == ["conversation", conversation.id, mother.id]


def test_arrow_keys_skip_group_headers(talk, qtbot):
    controller, _mother, _conversation = talk
    dialog = open_dialog(controller, qtbot)
    type_text(qtbot, dialog.field, "мама OR коля")
    wait_idle(controller, qtbot, dialog)
    hits = dialog.model.hit_indexes()
    assert len(hits) >= 2
    QTest.keyClick(dialog.field, Qt.Key.Key_Down)
    assert dialog.view.currentIndex() == hits[0]
    QTest.keyClick(dialog.field, Qt.Key.Key_Down)
    assert dialog.view.currentIndex() == hits[1]
    assert not dialog.view.currentIndex().data(IS_GROUP_ROLE)
    QTest.keyClick(dialog.field, Qt.Key.Key_Up)
    assert dialog.view.currentIndex() == hits[0]
    QTest.keyClick(dialog.field, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_the_field_explains_the_query_language_and_operators_work(talk, qtbot):
    controller, mother, _conversation = talk
    add_talk(controller.vault, mother.id, "Брат получил повестку")
    wanted = add_talk(controller.vault, mother.id, "Брат съездил на море")
    dialog = open_dialog(controller, qtbot)
    help_text = dialog.field.toolTip()
    assert all(word in help_text for word in ("OR", "NOT", "ИЛИ", "НЕ", "*", "Solovyov"))
    assert controller.window.workspace.search_field.toolTip() == help_text
    assert "NOT" in dialog.syntax.text()
    type_text(qtbot, dialog.field, "брат НЕ повестка")
    wait_idle(controller, qtbot, dialog)
    assert [i.data(HIT_ROLE).ref for i in dialog.model.hit_indexes()] == [wanted.id]


def test_hostile_query_shows_nothing_found_without_error(talk, qtbot):
    controller, _mother, _conversation = talk
    failures = []
    controller.tasks.error.connect(failures.append)
    dialog = open_dialog(controller, qtbot)
    qtbot.keyClicks(dialog.field, '"AND OR NOT(')
    wait_idle(controller, qtbot, dialog)
    assert not dialog.error.isVisible()
    assert dialog.nothing.isVisible() and dialog.nothing.text() == "Nothing found"
    assert failures == []


def test_prefill_is_searched_and_a_late_answer_to_it_is_dropped(talk, qtbot, monkeypatch):
    controller, _mother, _conversation = talk
    search = controller.vault.repos.search
    quick = search.run

    def slow_for_prefill(text, **kwargs):
        if text == "коля":
            time.sleep(0.6)  # the answer to the first query arrives after the second one's
        return quick(text, **kwargs)

    monkeypatch.setattr(search, "run", slow_for_prefill)
    controller.window.workspace.search_field.setText("коля")
    dialog = open_dialog(controller, qtbot)
    assert dialog.field.text() == "коля" and dialog.field.selectedText() == "коля"
    type_text(qtbot, dialog.field, "соловьев")  # replaces the selected prefill
    qtbot.waitUntil(lambda: dialog.model.hit_count() == 1, timeout=5000)
    wait_idle(controller, qtbot, dialog)
    titles = [i.data() for i in dialog.model.hit_indexes()]
    assert len(titles) == 1 and titles[0].startswith("Мама")


def test_discreet_mode_hides_snippets_in_the_dialog(talk, qtbot):
    controller, _mother, _conversation = talk
    controller.settings.discreet_mode = True
    dialog = open_dialog(controller, qtbot)
    type_text(qtbot, dialog.field, "соловьев")
    wait_idle(controller, qtbot, dialog)
    (hit,) = dialog.model.hit_indexes()
    assert hit.data().endswith("\n…")
    assert "Соловь" not in hit.data(HTML_ROLE)


def test_double_click_opens_a_person(talk, qtbot):
    controller, mother, _conversation = talk
    dialog = open_dialog(controller, qtbot)
    type_text(qtbot, dialog.field, "коля")
    wait_idle(controller, qtbot, dialog)
    (hit,) = dialog.model.hit_indexes()
    assert "Дядя Коля" in hit.data()
    point = dialog.view.visualRect(hit).center()
    dialog.open_hit.disconnect()
    with qtbot.waitSignal(dialog.open_hit, timeout=2000) as spy:
        # a view opens on double-click only after the press that precedes it
        QTest.mouseClick(dialog.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
        QTest.mouseDClick(dialog.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert spy.args[0] == "contact" and spy.args[1] not in (None, mother.id)
    assert spy.args[2] == spy.args[1]


def test_lock_closes_the_dialog_and_its_results(talk, qtbot):
    controller, _mother, _conversation = talk
    dialog = open_dialog(controller, qtbot)
    type_text(qtbot, dialog.field, "соловьев")
    wait_idle(controller, qtbot, dialog)
    controller.lock()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert controller.window.findChild(SearchDialog) is None
    leftovers = [w for w in QApplication.allWidgets() if w.property(VAULT_DATA)]
    assert leftovers == []
