"""First run: what the app is, and the three ways to begin."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton

from commsdesk.i18n import _, current_language
from commsdesk.ui.start.frame import LanguageChoice, StartFrame
from commsdesk.ui.widgets import heading, hint, message, tint

DEMO_PASSPHRASE = "commsdesk-demo"  # noqa: S105 - public on purpose: the demo holds no secrets


class WelcomePage(StartFrame):
    create_requested = Signal()
    demo_requested = Signal()
    open_requested = Signal()
    back_requested = Signal()  # after a trip (travel mode)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.language = LanguageChoice(current_language())
        self.body.addWidget(self.language)
        self.body.addWidget(heading(_("Welcome to CommsDesk")))
        self.body.addWidget(hint(_(
            "A private journal and guide for talking about the war with the people you left: "
            "plan each talk, note what was said, and see slow change over months.")))
        self.body.addWidget(hint(_(
            "Everything stays on this computer, in one file encrypted with your passphrase. "
            "The app never goes online.")))
        create = QPushButton(_("Create my vault"))
        create.setDefault(True)
        create.clicked.connect(self.create_requested)
        demo = QPushButton(_("Try the demo vault"))
        demo.setToolTip(_("Sample data; its passphrase is {passphrase}").format(
            passphrase=DEMO_PASSPHRASE))
        demo.clicked.connect(self.demo_requested)
        other = QPushButton(_("Open a vault file…"))
        other.clicked.connect(self.open_requested)
        back = QPushButton(_("Bring back a vault after a trip…"))
        back.setToolTip(_("Restore your vault from the travel backup or an emergency kit"))
        back.clicked.connect(self.back_requested)
        for button in (create, demo, other, back):
            button.setMinimumHeight(34)
            self.body.addWidget(button)
        self.body.addWidget(hint(_("The demo vault holds invented people and notes; its "
                                   "passphrase is “{passphrase}”.").format(
                                       passphrase=DEMO_PASSPHRASE)))
        self.note = message()
        self.body.addWidget(self.note)
        self.body.addWidget(self.busy)
        self.body.addWidget(self.busy_note)
        self.body.addStretch(1)

    def show_note(self, text: str, error: bool = False) -> None:
        """What the last operation did, for example a trip out."""
        self.note.setText(text)
        tint(self.note, "error" if error else "info")
        self.note.show()
