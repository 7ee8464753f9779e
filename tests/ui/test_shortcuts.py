"""Keyboard shortcuts pressed as a user would, and Help → Keyboard shortcuts listing them."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from commsdesk.ui.journal.dialog import ConversationDialog
from commsdesk.ui.search.dialog import SearchDialog
from commsdesk.ui.shortcuts import ShortcutsDialog
from commsdesk.ui.start.unlock import UnlockPage
from helpers import add_person

CTRL = Qt.KeyboardModifier.ControlModifier


def open_dialog(window, kind):
    return next((d for d in window.findChildren(kind) if d.isVisible()), None)


def focused_workspace(qtbot, controller):
    window = controller.window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window.workspace


def press_escape(qtbot, dialog) -> None:
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)


def test_ctrl_n_logs_a_conversation_and_escape_closes_it(qtbot, unlocked):
    add_person(unlocked.vault, "Мама")
    workspace = focused_workspace(qtbot, unlocked)
    qtbot.keyClick(workspace.nav, Qt.Key.Key_N, CTRL)
    dialog = open_dialog(unlocked.window, ConversationDialog)
    assert dialog is not None
    press_escape(qtbot, dialog)
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()


def test_ctrl_f_opens_search_and_escape_closes_it(qtbot, unlocked):
    workspace = focused_workspace(qtbot, unlocked)
    qtbot.keyClick(workspace.nav, Qt.Key.Key_F, CTRL)
    dialog = open_dialog(unlocked.window, SearchDialog)
    assert dialog is not None
    press_escape(qtbot, dialog)
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()


def test_ctrl_l_locks_even_from_an_open_dialog(qtbot, unlocked):
    workspace = focused_workspace(qtbot, unlocked)
    qtbot.keyClick(workspace.nav, Qt.Key.Key_F, CTRL)
    dialog = open_dialog(unlocked.window, SearchDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)  # as it is for the user
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_L, CTRL)
    assert unlocked.vault is None
    assert isinstance(unlocked.window.centralWidget(), UnlockPage)


def test_ctrl_q_locks_and_quits(qtbot, unlocked):
    workspace = focused_workspace(qtbot, unlocked)
    vault = unlocked.vault
    qtbot.keyClick(workspace.nav, Qt.Key.Key_Q, CTRL)
    assert unlocked.vault is None
    assert not unlocked.window.isVisible()
    assert vault.wait_closed(20)


def test_f1_and_the_help_menu_list_every_shortcut(qtbot, unlocked):
    window = unlocked.window
    focused_workspace(qtbot, unlocked)
    qtbot.keyClick(window.workspace.nav, Qt.Key.Key_F1)
    dialog = open_dialog(window, ShortcutsDialog)
    assert dialog is not None
    keys = [shown for shown, _meaning in dialog.rows]
    for expected in ("Ctrl+N", "Ctrl+S", "Ctrl+F", "Ctrl+L", "Ctrl+Q", "Esc", "F1"):
        assert expected in keys
    meanings = dict(dialog.rows)
    assert "Lock" in meanings["Ctrl+L"] and "quit" in meanings["Ctrl+Q"]
    press_escape(qtbot, dialog)
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()
    # The same window from the menu bar, as a mouse user finds it.
    help_menu = next(a for a in window.menuBar().actions() if a.text() == "&Help")
    shortcuts = next(a for a in help_menu.menu().actions() if a.text() == "Keyboard shortcuts")
    shortcuts.trigger()
    assert open_dialog(window, ShortcutsDialog) is not None


def test_help_menu_follows_a_language_switch(qtbot, unlocked):
    focused_workspace(qtbot, unlocked)
    qtbot.waitUntil(lambda: bool(unlocked.window.menuBar().actions()))
    unlocked.apply_language("ru")
    titles = [a.text() for a in unlocked.window.menuBar().actions()]
    assert titles == ["&Справка"]
    unlocked.window.show_shortcuts()
    dialog = open_dialog(unlocked.window, ShortcutsDialog)
    assert dialog.windowTitle() == "Сочетания клавиш"
    assert "Заблокировать хранилище" in dict(dialog.rows).values()


def test_ctrl_l_locks_from_a_window_that_is_not_modal(qtbot, unlocked):
    """A window that does not block the main one must not get keys of its own: two shortcuts on
    the same keys would be ambiguous and Qt would run neither."""
    focused_workspace(qtbot, unlocked)
    window = QDialog(unlocked.window.workspace)
    window.show()  # not open(): no modality
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL)
    assert unlocked.vault is None
