"""Create a vault: passphrase twice, a strength meter, and the honest warning about losing it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton

from commsdesk.i18n import _, current_language
from commsdesk.storage.errors import MIN_PASSPHRASE_LENGTH
from commsdesk.ui.start.frame import LanguageChoice, StartFrame
from commsdesk.ui.widgets import PassphraseField, heading, hint, keep_place, message
from commsdesk.ui.widgets.passphrase import StrengthMeter


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
