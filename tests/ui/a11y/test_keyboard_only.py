"""Issue 13 §4: the daily path with the keyboard alone — create a vault, add a person, log a talk,
search, lock — every key sent to whichever widget has the focus, as a person without a mouse would.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QPlainTextEdit, QWidget

from commsdesk.storage import Vault
from conftest import type_text
from helpers import TEST_LEVEL

PASSPHRASE = "четыре тихих слова ночью"
NOTES = "Говорили о ценах; она сама спросила про новости."

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def cheap_create(monkeypatch):
    """The create page derives its key with the cheap test KDF level (the real one takes seconds)."""
    create = Vault.create.__func__

    def cheap(cls, path, passphrase, **_kwargs):
        return create(cls, path, passphrase, level=TEST_LEVEL, allow_testing_level=True)

    monkeypatch.setattr(Vault, "create", classmethod(cheap))


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot, key: Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifiers)


def type_here(qtbot, text: str) -> None:
    type_text(qtbot, focused(), text)


def tab_to(qtbot, wanted: Callable[[QWidget], bool], what: str, backwards: bool = False,
           limit: int = 120) -> QWidget:
    """Press Tab (or Shift+Tab) until the focus is on the wanted widget."""
    seen = []
    for _step in range(limit):
        widget = focused()
        if wanted(widget):
            return widget
        seen.append(widget.accessibleName() or getattr(widget, "text", lambda: "")() or type(widget).__name__)
        press(qtbot, Key.Key_Backtab if backwards else Key.Key_Tab, SHIFT if backwards else
              Qt.KeyboardModifier.NoModifier)
    raise AssertionError(f"Tab never reached {what}; it went through {seen[:40]}")


def button(text: str) -> Callable[[QWidget], bool]:
    return lambda w: isinstance(w, QAbstractButton) and w.text() == text


def named(name: str) -> Callable[[QWidget], bool]:
    return lambda w: w.accessibleName() == name


def window_manager(qtbot, window: QWidget) -> None:
    """What a window manager does for a window that opens or gets uncovered: give it the keyboard.
    The offscreen platform of the tests has no window manager."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def idle(qtbot, controller) -> None:
    qtbot.waitUntil(lambda: not controller.tasks.busy, timeout=20_000)


def test_create_add_log_search_lock_with_the_keyboard_alone(qtbot, controller, cheap_create):
    window = controller.window
    window_manager(qtbot, window)

    # Welcome: Tab to "Create my vault", Enter.
    tab_to(qtbot, button("Create my vault"), "Create my vault")
    press(qtbot, Key.Key_Return)
    # Create: the first passphrase field has the focus; Tab to the second; Enter creates.
    assert named("Passphrase")(focused())
    type_here(qtbot, PASSPHRASE)
    press(qtbot, Key.Key_H, CTRL)  # show what was typed, and hide it again
    assert focused().echoMode() == QLineEdit.EchoMode.Normal and focused().text() == PASSPHRASE
    press(qtbot, Key.Key_H, CTRL)
    assert focused().echoMode() == QLineEdit.EchoMode.Password
    tab_to(qtbot, named("Repeat the passphrase"), "the second passphrase field")
    type_here(qtbot, PASSPHRASE)
    press(qtbot, Key.Key_Return)
    idle(qtbot, controller)
    # A new vault: the first-run guide opens over the workspace; Esc skips it.
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None, timeout=20_000)
    guide = QApplication.activeModalWidget()
    assert guide.windowTitle() == "Getting started"
    window_manager(qtbot, guide)
    press(qtbot, Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    idle(qtbot, controller)
    assert window.workspace is not None and controller.vault is not None
    assert window.focusWidget() is window.workspace.nav, "the workspace opened with nothing focused"
    window_manager(qtbot, window)

    # People: the section list with the arrows, then "New person" with Space.
    tab_to(qtbot, named("Sections"), "the list of sections")
    press(qtbot, Key.Key_Down)
    tab_to(qtbot, button("New person"), "New person")
    press(qtbot, Key.Key_Space)
    assert named("Name or alias")(focused())
    type_here(qtbot, "Мама")
    tab_to(qtbot, named("Values and interests"), "Values and interests")
    type_here(qtbot, "сад, внуки")
    press(qtbot, Key.Key_Tab)  # Tab leaves the multi-line field instead of typing a tab into it
    assert not isinstance(focused(), QPlainTextEdit) or not named("Values and interests")(focused())
    tab_to(qtbot, button("Save"), "Save")
    press(qtbot, Key.Key_Space)
    idle(qtbot, controller)
    [mum] = controller.vault.repos.contacts.list()
    assert (mum.display_name, mum.values_interests) == ("Мама", "сад, внуки")

    # Log a conversation: Ctrl+N; the person is chosen; notes; Ctrl+Enter saves.
    press(qtbot, Key.Key_N, CTRL)
    dialog = QApplication.activeModalWidget()
    assert dialog is not None and dialog.windowTitle() == "Log a conversation"
    window_manager(qtbot, dialog)
    tab_to(qtbot, named("Notes"), "Notes")
    type_here(qtbot, NOTES)
    press(qtbot, Key.Key_Tab)
    assert not named("Notes")(focused()), "Tab stayed in the notes"
    press(qtbot, Key.Key_Return, CTRL)
    idle(qtbot, controller)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())
    window_manager(qtbot, window)
    [talk] = controller.vault.repos.conversations.list()
    assert (talk.contact_id, talk.notes) == (mum.id, NOTES)

    # Search: Ctrl+F, type, the hit is there; Esc closes.
    press(qtbot, Key.Key_F, CTRL)
    search = QApplication.activeModalWidget()
    assert search is not None
    window_manager(qtbot, search)
    type_here(qtbot, "ценах")
    press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: search.model.rowCount() > 0, timeout=10_000)
    press(qtbot, Key.Key_Escape)
    qtbot.waitUntil(lambda: not shiboken6.isValid(search) or not search.isVisible())
    window_manager(qtbot, window)

    # Lock: Ctrl+L. The unlock page asks for the passphrase; the vault holds what was typed.
    press(qtbot, Key.Key_L, CTRL)
    assert controller.vault is None and window.workspace is None
    assert named("Passphrase")(focused())
    controller.wait_closed()
    with Vault.open(controller.vault_path, PASSPHRASE) as vault:
        [person] = vault.repos.contacts.list()
        [conversation] = vault.repos.conversations.list()
    assert (person.display_name, conversation.notes) == ("Мама", NOTES)


def test_tab_leaves_every_multiline_field(qtbot, controller, make_vault):
    """No keyboard trap: in every section and the dialogs with long text, Tab moves on from a
    multi-line field and types nothing into it."""
    from datetime import date

    from PySide6.QtWidgets import QTextEdit

    from commsdesk.demo import populate
    from commsdesk.i18n import current_language
    from commsdesk.library.catalog import techniques
    from commsdesk.ui.workspace import CLUB, LIBRARY, PLANNER

    vault = make_vault(controller.vault_path)
    populate(vault, date.today())
    controller.open_vault(vault)
    workspace = controller.window.workspace
    first = min(vault.repos.contacts.names().items(), key=lambda i: i[1])[0]
    checked = set()

    def check_fields(window: QWidget) -> None:
        window_manager(qtbot, window)
        for field in window.findChildren(QPlainTextEdit) + window.findChildren(QTextEdit):
            if not field.isVisible() or field.isReadOnly() or field.accessibleName() in checked:
                continue
            field.setFocus()
            before = field.toPlainText()
            press(qtbot, Key.Key_Tab)
            assert focused() is not field, f"Tab is trapped in {field.accessibleName()!r}"
            assert field.toPlainText() == before
            checked.add(field.accessibleName())

    for index, section in enumerate(workspace.sections):
        workspace.go_to(index)
        idle(qtbot, controller)
        if hasattr(section, "show_person"):
            section.show_person(first)
        if hasattr(section, "tabs"):
            for tab in range(section.tabs.count()):
                section.tabs.setCurrentIndex(tab)
                check_fields(controller.window)
        check_fields(controller.window)
    workspace.go_to(LIBRARY)
    workspace.sections[LIBRARY].show_article(techniques(current_language())[0].id)
    check_fields(controller.window)
    workspace.go_to(CLUB)
    club = workspace.sections[CLUB]
    club.tabs.setCurrentWidget(club.practice)
    club.practice.tabs.setCurrentIndex(1)
    check_fields(controller.window)
    workspace.go_to(PLANNER)
    workspace.sections[PLANNER].show_person(first)
    for open_dialog in (workspace.log_conversation, lambda: workspace.sections[PLANNER]._open_prep(None)):
        open_dialog()
        dialog = QApplication.activeModalWidget()
        check_fields(dialog)
        dialog.reject()
    assert {"Notes", "Opening", "Values and interests", "Long-term goal", "My note on this article",
            "My reply", "What worked"} <= checked, checked
