"""Unlock the last vault, or pick another vault file."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton

from commsdesk.i18n import _
from commsdesk.ui.start.frame import StartFrame
from commsdesk.ui.widgets import PassphraseField, heading, hint, keep_place, message, tint


class UnlockPage(StartFrame):
    unlock = Signal(str)
    open_other = Signal()
    create_new = Signal()

    def __init__(self, vault_path: str, parent=None):
        super().__init__(parent)
        self.body.addWidget(heading(_("Unlock your vault")))
        self.path_hint = hint(vault_path)
        self.body.addWidget(self.path_hint)
        self.passphrase = PassphraseField(_("Passphrase"))
        self.passphrase.returnPressed.connect(self._submit)
        self.body.addWidget(self.passphrase)
        self.error = message()
        keep_place(self.error, lines=2)
        self.body.addWidget(self.error)
        self.passphrase.textChanged.connect(self._typed)
        row = QHBoxLayout()
        other = QPushButton(_("Open another vault file…"))
        other.clicked.connect(self.open_other)
        new = QPushButton(_("Create a new vault…"))
        new.clicked.connect(self.create_new)
        self.submit = QPushButton(_("Unlock"))
        self.submit.setDefault(True)
        self.submit.clicked.connect(self._submit)
        row.addWidget(other)
        row.addWidget(new)
        row.addStretch(1)
        row.addWidget(self.submit)
        self.body.addLayout(row)
        self.body.addWidget(self.busy)
        self.body.addWidget(self.busy_note)
        self.body.addStretch(1)
        self.passphrase.setFocus()

    def _submit(self) -> None:
        if self.passphrase.text():
            self.error.hide()
            self.unlock.emit(self.passphrase.take())

    def _typed(self) -> None:
        """"Wrong passphrase" is about the last try: it goes as the next one is typed."""
        if self.error.objectName() == "message-error":
            self.error.hide()

    def show_info(self, text: str) -> None:
        self.error.setObjectName("message-info")
        self.error.setText(text)
        tint(self.error, "info")
        self.error.show()

    def show_error(self, text: str) -> None:
        self.error.setObjectName("message-error")
        tint(self.error, "error")
        self.error.setText(text)
        self.error.show()
        self.passphrase.setFocus()
