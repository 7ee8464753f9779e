"""Asking for the current passphrase again before anything that could lock the owner out of the
vault or write its contents in plaintext: someone at an unlocked laptop must not be able to."""

from __future__ import annotations

import math
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from commsdesk.i18n import _, ngettext
from commsdesk.storage.errors import describe
from commsdesk.ui.widgets import PassphraseField, heading, hint, keep_place, message

FREE_TRIES = 3  # wrong answers before each next try has to wait
LOCK_AFTER = 6  # wrong answers in a row that lock the vault
MAX_WAIT_SECONDS = 300


def wait_after(failures: int) -> int:
    """Seconds to wait after this many wrong answers in a row: 0, 0, 0, 5, 10, 20, … 300."""
    if failures < FREE_TRIES:
        return 0
    return min(5 * 2 ** (failures - FREE_TRIES), MAX_WAIT_SECONDS)


class ReauthThrottle:
    """Counts wrong answers in a row (for the whole app, not per dialog) on the awake clock."""

    def __init__(self, clock: Callable[[], float]):
        self._clock = clock
        self.failures = 0
        self._until = 0.0

    def seconds_left(self) -> int:
        return max(0, math.ceil(self._until - self._clock()))

    def failed(self) -> None:
        self.failures += 1
        self._until = self._clock() + wait_after(self.failures)

    def succeeded(self) -> None:
        self.failures = 0
        self._until = 0.0


class CurrentPassphraseDialog(QDialog):
    """One field for the passphrase the vault is open with; `verified` only if it is right."""

    verified = Signal()

    def __init__(self, controller, vault, purpose: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller, self.vault = controller, vault
        self.setWindowTitle(_("Confirm it is you"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Type your current passphrase"), 2))
        self.purpose = hint(purpose)
        layout.addWidget(self.purpose)
        self.field = PassphraseField(_("Current passphrase"))
        self.field.returnPressed.connect(self._submit)
        layout.addWidget(self.field)
        self.error = message()
        # Room for a two-line answer from the start: seen in a real session, the message squeezed
        # the explanation above it into a clipped line instead of the dialog growing.
        keep_place(self.error, 2)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.field.setFocus()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.field.setFocus()

    def _submit(self) -> None:
        if not self.ok.isEnabled():  # a check is running
            return
        throttle = self.controller.reauth_throttle
        left = throttle.seconds_left()
        if left:
            self.field.clear()
            self.show_error(ngettext(
                "Too many wrong answers. Try again in {n} second.",
                "Too many wrong answers. Try again in {n} seconds.", left).format(n=left))
            return
        passphrase = self.field.take()
        if not passphrase:
            return
        self.ok.setEnabled(False)
        self.error.hide()
        vault = self.vault

        def check() -> bool:
            from commsdesk.storage.reauth import verify_passphrase

            return verify_passphrase(vault, passphrase)

        self.controller.tasks.run(check, self._answered, self._failed)

    def _still_asking(self) -> bool:
        """False once the vault was locked (the dialog is gone) or replaced meanwhile."""
        if not shiboken6.isValid(self):
            return False
        if self.controller.vault is not self.vault:
            self.reject()
            return False
        return True

    def _answered(self, right: bool) -> None:
        if not self._still_asking():
            return
        throttle = self.controller.reauth_throttle
        if right:
            throttle.succeeded()
            self.accept()
            self.verified.emit()
            return
        throttle.failed()
        self.ok.setEnabled(True)
        if throttle.failures >= LOCK_AFTER:
            QTimer.singleShot(0, self.controller.lock)
            return
        self.show_error(_("That is not the passphrase of this vault. Nothing was changed."))

    def _failed(self, exc: BaseException) -> None:
        if self._still_asking():
            self.ok.setEnabled(True)
            self.show_error(describe(exc))


def confirm_identity(controller, parent: QWidget, purpose: str,
                     then: Callable[[], None]) -> CurrentPassphraseDialog | None:
    """Ask for the current passphrase, verified off the UI thread; call `then` only if it is
    right. A wrong answer or Cancel changes nothing."""
    if controller.vault is None:
        return None
    dialog = CurrentPassphraseDialog(controller, controller.vault, purpose, parent)
    dialog.verified.connect(then)
    dialog.open()
    return dialog


def confirm_plaintext(controller, parent: QWidget, then: Callable[[], None]) -> None:
    """Before an export or printout of vault contents: they leave the vault unencrypted."""
    confirm_identity(controller, parent, _(
        "What you export or print leaves the vault unencrypted. Type the passphrase you use now "
        "to confirm it is you."), then)
