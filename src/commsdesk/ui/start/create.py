"""Create a vault: passphrase twice, a strength meter, and the honest warning about losing it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from commsdesk.i18n import N_, _, current_language
from commsdesk.storage.errors import MIN_PASSPHRASE_LENGTH
from commsdesk.ui.start.frame import LanguageChoice, StartFrame
from commsdesk.ui.widgets import PassphraseField, heading, hint, keep_place, message

STRENGTH_LABELS = (N_("Very weak"), N_("Weak"), N_("Fair"), N_("Strong"), N_("Very strong"))


def strength(passphrase: str) -> int:
    """0..4 from zxcvbn; only the score is used (its feedback text is English-only)."""
    if not passphrase:
        return 0
    from zxcvbn import zxcvbn  # its dictionaries load slowly: only when someone types

    return int(zxcvbn(passphrase[:100])["score"])


class StrengthMeter(QWidget):
    """A bar and a word for how strong a passphrase field's text is (zxcvbn's score)."""

    def __init__(self, field):
        super().__init__()
        self.bar = QProgressBar()
        self.bar.setRange(0, 4)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(8)
        self.bar.setAccessibleName(_("Passphrase strength"))
        self.label = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.label)
        field.textChanged.connect(self.rate)
        self.rate("")

    def value(self) -> int:
        return self.bar.value()

    def rate(self, text: str) -> None:
        score = strength(text)
        self.bar.setValue(score)
        self.label.setText(_("Strength: {label}").format(label=_(STRENGTH_LABELS[score]))
                           if text else "")


class CreatePage(StartFrame):
    create = Signal(str)  # the passphrase
    back = Signal()

    def __init__(self, vault_path: str, parent=None):
        super().__init__(parent)
        self.language = LanguageChoice(current_language())
        self.body.addWidget(self.language)
        self.body.addWidget(heading(_("Create your vault")))
        self.body.addWidget(hint(_("Choose a passphrase: several words that you will remember "
                                   "and nobody could guess.")))
        self.first = PassphraseField(_("Passphrase"))
        self.second = PassphraseField(_("Repeat the passphrase"))
        self.meter = StrengthMeter(self.first)
        self.body.addWidget(self.first)
        self.body.addWidget(self.meter)
        self.body.addWidget(self.second)
        warning = message(_("If you forget this passphrase, nobody can open the vault: not you, "
                            "not us. Every note will be lost. Write it down and keep it safe, or "
                            "make an emergency kit in Settings."), "info")
        self.body.addWidget(warning)
        self.error = message()
        keep_place(self.error, lines=2)
        self.body.addWidget(self.error)
        for field in (self.first, self.second):  # a message about what was typed goes with it
            field.textChanged.connect(self.error.hide)
        self.body.addWidget(hint(_("The vault will be saved as {path}").format(path=vault_path)))
        row = QHBoxLayout()
        back = QPushButton(_("Back"))
        back.clicked.connect(self.back)
        self.submit = QPushButton(_("Create vault"))
        self.submit.setDefault(True)
        self.submit.clicked.connect(self._submit)
        self.second.returnPressed.connect(self._submit)
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(self.submit)
        self.body.addLayout(row)
        self.body.addWidget(self.busy)
        self.body.addWidget(self.busy_note)
        self.body.addStretch(1)

    def _submit(self) -> None:
        first, second = self.first.text(), self.second.text()
        if len(first.strip()) < MIN_PASSPHRASE_LENGTH:
            self.show_error(_("Use at least {minimum} characters.").format(
                minimum=MIN_PASSPHRASE_LENGTH))
        elif first != second:
            self.show_error(_("The two passphrases differ."))
        else:
            self.error.hide()
            self.second.clear()
            self.create.emit(self.first.take())

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
