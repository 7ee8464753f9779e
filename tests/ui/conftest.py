"""Qt fixtures: an application controller with private settings, and an unlocked vault."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from commsdesk import i18n


class FakeClock:
    """A controllable 'awake' clock for idle-lock tests."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def type_text(qtbot, widget, text: str) -> None:
    """Type like a user. QTest's keyClicks maps characters through an ASCII table and aborts on
    Cyrillic, so other letters go in as key events carrying their text."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char,
                               Qt.KeyboardModifier.NoModifier)


def flush_deletes() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def controller(qtbot, tmp_path, clock):
    from commsdesk.settings import Settings
    from commsdesk.ui.controller import AppController

    prefs = Settings(language="en", vault_path=str(tmp_path / "vault.commsdesk"))
    ctl = AppController(QApplication.instance(), prefs, tmp_path / "settings.json", clock=clock)
    qtbot.addWidget(ctl.window)
    ctl.window.show()
    yield ctl
    ctl.tasks.wait()
    ctl.lock()
    ctl.tasks.wait()  # the vault closes on the worker: its report comes before the controller goes
    QApplication.processEvents()
    ctl.idle.stop()
    ctl.deleteLater()
    flush_deletes()
    i18n.set_language("en")


@pytest.fixture
def unlocked(controller, make_vault):
    """The controller with a fresh (cheap-KDF) vault open and the workspace showing."""
    controller.open_vault(make_vault(controller.vault_path))
    return controller


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def button(parent, text: str):
    """The push button with this text (a visible one if there are several)."""
    from PySide6.QtWidgets import QPushButton

    found = [b for b in parent.findChildren(QPushButton) if b.text() == text]
    assert found, text
    visible = [b for b in found if b.isVisible()]
    return (visible or found)[0]


def answer(qtbot, parent, label: str) -> None:
    """Click a button of the message box that is open now."""
    from PySide6.QtWidgets import QMessageBox

    box = next(b for b in parent.findChildren(QMessageBox) if b.isVisible())
    click(qtbot, next(b for b in box.buttons() if b.text() == label))


def choose_file(parent, path) -> None:
    """Pick a file in the file dialog that is open now, as a user would."""
    from PySide6.QtWidgets import QFileDialog, QLineEdit

    chooser = next(d for d in parent.findChildren(QFileDialog) if d.isVisible())
    chooser.selectFile(str(path))
    # selectFile leaves the name field alone while it has the focus: type the path there too.
    chooser.findChild(QLineEdit, "fileNameEdit").setText(str(path))
    chooser.accept()


def pdf_text(path) -> str:
    """The text of a PDF as a reader would see it, white space folded."""
    from pypdf import PdfReader

    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def reauth_dialog(parent):
    """The "type your current passphrase" dialog open now, or None."""
    from commsdesk.ui.reauth import CurrentPassphraseDialog

    return next((d for d in parent.findChildren(CurrentPassphraseDialog) if d.isVisible()), None)


def confirm_identity(qtbot, parent, passphrase: str | None = None) -> None:
    """Answer the "type your current passphrase" dialog as a user, and wait for the check."""
    import shiboken6

    from helpers import PASSPHRASE

    dialog = reauth_dialog(parent)
    assert dialog is not None, "no one asked for the current passphrase"
    type_text(qtbot, dialog.field, PASSPHRASE if passphrase is None else passphrase)
    click(qtbot, dialog.ok)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible()
                    or (dialog.ok.isEnabled() and dialog.error.isVisible()), timeout=20_000)


def settled(qtbot, controller, timeout: int = 20_000) -> None:
    """Wait until the operations a user action started have finished and reported back."""
    qtbot.waitUntil(lambda: not controller.tasks.busy, timeout=timeout)
