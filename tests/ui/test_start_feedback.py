"""The start pages while the key is derived (seconds, on purpose): a calm labelled bar; messages
that go as the user types; a page that does not jump when they come and go."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from commsdesk.ui.start.create import CreatePage
from commsdesk.ui.start.unlock import UnlockPage
from conftest import button, click, type_text
from helpers import PASSPHRASE

GOOD = "четыре случайных слова рядом"


def idle(qtbot, controller) -> None:
    qtbot.waitUntil(lambda: not controller.tasks.busy, timeout=60_000)


def top_of(widget) -> int:
    QApplication.processEvents()
    return widget.mapTo(widget.window(), widget.rect().topLeft()).y()


def create_page(qtbot, controller) -> CreatePage:
    click(qtbot, button(controller.window.centralWidget(), "Create my vault"))
    page = controller.window.centralWidget()
    assert isinstance(page, CreatePage)
    return page


def test_creating_says_why_it_takes_a_while(qtbot, controller):
    page = create_page(qtbot, controller)
    type_text(qtbot, page.first, GOOD)
    type_text(qtbot, page.second, GOOD)
    click(qtbot, page.submit)
    assert page.busy.isVisible() and page.busy.maximum() == 0  # indeterminate
    assert page.busy_note.isVisible()
    assert "Computing the key" in page.busy_note.text() and "guessing" in page.busy_note.text()
    idle(qtbot, controller)
    assert controller.vault is not None


def test_unlocking_says_why_it_takes_a_while_in_russian(qtbot, controller, make_vault):
    make_vault(controller.vault_path).close()
    controller.apply_language("ru")
    page = controller.window.centralWidget()
    assert isinstance(page, UnlockPage)
    type_text(qtbot, page.passphrase, PASSPHRASE)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    assert page.busy.isVisible() and page.busy.maximum() == 0
    assert page.busy_note.isVisible()
    assert page.busy_note.text().startswith("Вычисляем ключ — это защищает от подбора парольной фразы")
    idle(qtbot, controller)
    assert controller.vault is not None


def test_a_create_message_goes_as_the_user_types_and_nothing_jumps(qtbot, controller):
    page = create_page(qtbot, controller)
    before = top_of(page.submit)
    type_text(qtbot, page.first, "short")
    type_text(qtbot, page.second, "short")
    click(qtbot, page.submit)
    assert page.error.isVisible()
    assert top_of(page.submit) == before  # the message had its room already
    type_text(qtbot, page.first, " and longer")
    assert not page.error.isVisible()
    assert top_of(page.submit) == before


def test_a_wrong_passphrase_message_goes_as_the_next_try_is_typed(qtbot, controller, make_vault):
    make_vault(controller.vault_path).close()
    controller.window.show_start()
    page = controller.window.centralWidget()
    before = top_of(page.submit)
    type_text(qtbot, page.passphrase, "wrong one")
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    idle(qtbot, controller)
    assert page.error.isVisible()
    assert top_of(page.submit) == before
    type_text(qtbot, page.passphrase, "c")
    assert not page.error.isVisible()
    assert top_of(page.submit) == before


def test_information_on_the_unlock_page_stays_while_typing(qtbot, controller, make_vault):
    make_vault(controller.vault_path).close()
    controller.window.show_unlock(info="Restored.")
    page = controller.window.centralWidget()
    type_text(qtbot, page.passphrase, "c")
    assert page.error.isVisible() and page.error.text() == "Restored."


def test_a_message_never_opens_as_a_window_of_its_own(qtbot, controller):
    """A message made with its text (the create page's warning, the export warning) was shown
    before it had a parent: a window of its own for a moment, which took the focus away from
    the main window (and with it every window shortcut)."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from commsdesk.ui.widgets import message

    label = message("Файл экспорта НЕ зашифрован")
    assert not label.isVisible()
    page = QWidget()
    qtbot.addWidget(page)
    QVBoxLayout(page).addWidget(label)
    page.show()
    assert label.isVisible()
    window = controller.window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    click(qtbot, button(window.centralWidget(), "Create my vault"))
    QApplication.processEvents()
    assert QApplication.activeWindow() is window


def test_the_new_passphrase_dialog_clears_its_message_and_keeps_its_buttons_still(qtbot, controller):
    from commsdesk.ui.settings.dialogs import NewPassphraseDialog

    dialog = NewPassphraseDialog("New passphrase", "Type it twice.", controller.window)
    dialog.open()
    ok = dialog.buttons.buttons()[0]
    before = top_of(ok)
    type_text(qtbot, dialog.first, "short")
    click(qtbot, ok)
    assert dialog.error.isVisible() and "at least" in dialog.error.text()
    assert top_of(ok) == before
    type_text(qtbot, dialog.second, "s")
    assert not dialog.error.isVisible()
    assert top_of(ok) == before
    dialog.reject()
