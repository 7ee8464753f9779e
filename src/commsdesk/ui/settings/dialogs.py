"""Small dialogs the safety operations share: a new passphrase (twice), or one passphrase."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from commsdesk.i18n import _
from commsdesk.storage.errors import MIN_PASSPHRASE_LENGTH
from commsdesk.storage.kdf import LEVELS
from commsdesk.ui.controls import DataCombo
from commsdesk.ui.widgets import PassphraseField, hint, keep_place, message
from commsdesk.ui.widgets.passphrase import StrengthMeter


def strength_choices(current: int) -> list[tuple[str, int]]:
    """The key strengths a user may pick; the vault's own level is always offered."""
    return [(_(level.label), level.id) for level in LEVELS.values()
            if not level.testing_only or level.id == current]


class _Base(QDialog):
    def __init__(self, title: str, explanation: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(460)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(hint(explanation))
        self.error = message()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        keep_place(self.error, lines=2)  # the buttons stay where the pointer is
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(self.buttons)
        for field in self.findChildren(PassphraseField):  # a message about what was typed
            field.textChanged.connect(self.error.hide)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _submit(self) -> None:
        raise NotImplementedError


class NewPassphraseDialog(_Base):
    """A passphrase entered twice, with the strength meter and, optionally, a key strength."""

    chosen = Signal(str, object)  # passphrase, KDF level id (or None)

    def __init__(self, title: str, explanation: str, parent=None, level: int | None = None):
        super().__init__(title, explanation, parent)
        self.first = PassphraseField(_("New passphrase"))
        self.second = PassphraseField(_("Repeat the new passphrase"))
        self.meter = StrengthMeter(self.first)
        for widget in (self.first, self.meter, self.second):
            self.layout_.addWidget(widget)
        self.level = None
        if level is not None:
            self.level = DataCombo(_("Key strength"))
            for text, value in strength_choices(level):
                self.level.add(text, value)
            self.level.set_value(level)
            label = QLabel(_("Key strength (a stronger key takes longer to unlock):"))
            label.setBuddy(self.level)  # on Linux a combo box is named by its label
            label.setWordWrap(True)  # the dialog's width is fixed: a long translation wraps
            self.layout_.addWidget(label)
            self.layout_.addWidget(self.level)
        self.finish_layout()

    def _submit(self) -> None:
        if len(self.first.text().strip()) < MIN_PASSPHRASE_LENGTH:
            self.show_error(_("Use at least {minimum} characters.").format(
                minimum=MIN_PASSPHRASE_LENGTH))
        elif self.first.text() != self.second.text():
            self.show_error(_("The two passphrases differ."))
        else:
            self.second.clear()
            self.chosen.emit(self.first.take(), self.level.value() if self.level else None)
            self.accept()


class PassphraseDialog(_Base):
    """One passphrase, for example the one that opens a backup."""

    chosen = Signal(str)

    def __init__(self, title: str, explanation: str, parent=None):
        super().__init__(title, explanation, parent)
        self.field = PassphraseField(_("Passphrase"))
        self.layout_.addWidget(self.field)
        self.finish_layout()

    def _submit(self) -> None:
        if self.field.text():
            self.chosen.emit(self.field.take())
            self.accept()
