"""Secrets on the clipboard: marked for clipboard managers, and cleared from the clipboard and
the X11 selection on timeout, lock and quit, leaving what the user copied since alone."""

from __future__ import annotations

from PySide6.QtGui import QClipboard, QGuiApplication

from commsdesk.ui.guard import CONCEALED_TYPE, PASSWORD_MANAGER_HINT, ClipboardGuard
from commsdesk.ui.settings.kit import EmergencyKitDialog
from commsdesk.ui.workspace import SETTINGS
from conftest import button, choose_file, click, confirm_identity

PHRASE = "ABCDE-FGHJK-MNPQR-STVWX-YZ012"


class TwoBoards:
    """A clipboard with an X11 selection (the offscreen platform in tests has none)."""

    def __init__(self) -> None:
        self.texts = {QClipboard.Mode.Clipboard: "", QClipboard.Mode.Selection: ""}
        self.formats: dict = {}

    def supportsSelection(self) -> bool:
        return True

    def setMimeData(self, data, mode) -> None:
        self.texts[mode] = data.text()
        self.formats[mode] = {f: bytes(data.data(f)) for f in data.formats()}

    def text(self, mode) -> str:
        return self.texts[mode]

    def clear(self, mode) -> None:
        self.texts[mode] = ""


def test_a_copied_secret_carries_the_password_manager_hints(qtbot, unlocked):
    unlocked.clipboard.copy(PHRASE)
    data = QGuiApplication.clipboard().mimeData()
    assert data.text() == PHRASE
    assert bytes(data.data(PASSWORD_MANAGER_HINT)) == b"secret"
    assert CONCEALED_TYPE in data.formats()
    unlocked.lock()
    assert QGuiApplication.clipboard().text() == ""


def test_the_secret_is_cleared_after_the_timeout(qtbot, unlocked):
    unlocked.clipboard.copy(PHRASE, seconds=0)
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "", timeout=5_000)


def test_clearing_takes_the_selection_too_and_spares_what_the_user_copied_since(qtbot):
    boards = TwoBoards()
    guard = ClipboardGuard(clipboard=lambda: boards)
    guard.copy(PHRASE)
    assert boards.formats[QClipboard.Mode.Clipboard][PASSWORD_MANAGER_HINT] == b"secret"
    boards.texts[QClipboard.Mode.Selection] = PHRASE  # selected with the mouse as well
    guard.clear()
    assert boards.texts == {QClipboard.Mode.Clipboard: "", QClipboard.Mode.Selection: ""}
    # A phrase only shown (and selected), while the user copied something else afterwards.
    guard.remember(PHRASE)
    boards.texts[QClipboard.Mode.Selection] = PHRASE
    boards.texts[QClipboard.Mode.Clipboard] = "a shopping list"
    guard.clear()
    assert boards.texts[QClipboard.Mode.Selection] == ""
    assert boards.texts[QClipboard.Mode.Clipboard] == "a shopping list"


def test_the_kit_copy_button_puts_the_phrase_with_the_hint_and_quitting_clears_it(
        qtbot, unlocked, tmp_path):
    unlocked.window.workspace.go_to(SETTINGS)
    panel = unlocked.window.workspace.sections[SETTINGS].vault_panel
    click(qtbot, button(panel, "Make an emergency kit…"))
    confirm_identity(qtbot, panel)
    choose_file(panel, tmp_path / "kit.commsdesk")
    qtbot.waitUntil(lambda: panel.findChild(EmergencyKitDialog) is not None, timeout=20_000)
    kit = panel.findChild(EmergencyKitDialog)
    click(qtbot, button(kit, "Copy (cleared after 20 seconds)"))
    data = QGuiApplication.clipboard().mimeData()
    assert data.text() == kit.phrase and bytes(data.data(PASSWORD_MANAGER_HINT)) == b"secret"
    unlocked.quit()
    assert QGuiApplication.clipboard().text() == ""
