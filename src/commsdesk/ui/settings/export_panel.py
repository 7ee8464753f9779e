"""Settings → Export: the whole journal as JSON or Markdown, after the current passphrase."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import shiboken6
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout

from commsdesk.i18n import _
from commsdesk.storage.errors import describe
from commsdesk.ui.files import choose_file
from commsdesk.ui.reauth import confirm_identity
from commsdesk.ui.widgets import hint, message, tint

SUFFIXES = {"json": "json", "markdown": "md"}


def export_name(fmt: str, today: date) -> str:
    """Neutral, like the backups: neither the app's name nor anyone's."""
    return _("export") + f"-{today.isoformat()}.{SUFFIXES[fmt]}"


class ExportPanel(QGroupBox):
    def __init__(self, controller, vault):
        super().__init__(_("Export"))
        self.controller, self.vault = controller, vault
        layout = QVBoxLayout(self)
        layout.addWidget(hint(_(
            "A copy of everything in the vault as a readable file: JSON to import it again or "
            "into another program, Markdown to read or print it.")))
        self.warning = message(_(
            "The exported file is NOT encrypted: anyone who finds it can read every note. Save it "
            "only where nobody else looks (an encrypted disk), and delete it when you are done."),
            "error")
        layout.addWidget(self.warning)
        row = QHBoxLayout()
        self.json_button = QPushButton(_("Export as JSON…"))
        self.json_button.clicked.connect(lambda: self.start("json"))
        self.markdown_button = QPushButton(_("Export as Markdown…"))
        self.markdown_button.clicked.connect(lambda: self.start("markdown"))
        row.addWidget(self.json_button)
        row.addWidget(self.markdown_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.status = message("", "info")
        layout.addWidget(self.status)

    def _say(self, text: str, error: bool = False) -> None:
        if not shiboken6.isValid(self):  # locked meanwhile: the panel is gone
            return
        self.status.setText(text)
        tint(self.status, "error" if error else "info")
        self.status.show()

    def start(self, fmt: str) -> None:
        """The current passphrase first (an unlocked laptop must not hand the notes over), then
        where to write, then the export itself on the worker."""
        filters = ([_("JSON files (*.json)")] if fmt == "json"
                   else [_("Markdown files (*.md)")]) + [_("All files (*)")]
        confirm_identity(self.controller, self, _(
            "The export leaves the vault unencrypted. Type the passphrase you use now to confirm "
            "it is you."), lambda: choose_file(
                self, _("Export the vault"), filters, lambda path: self.write(path, fmt), save=True,
                suggested=export_name(fmt, date.today()), default_suffix=SUFFIXES[fmt]))

    def write(self, path: Path, fmt: str) -> None:
        vault = self.vault
        self._say(_("Exporting…"))
        for button in (self.json_button, self.markdown_button):
            button.setEnabled(False)

        def work() -> Path:
            from commsdesk.transfer.export_file import export_file

            return export_file(vault, path, fmt)

        def finished() -> None:
            if shiboken6.isValid(self):
                for button in (self.json_button, self.markdown_button):
                    button.setEnabled(True)

        def done(written: Path) -> None:
            finished()
            self._say(_("Exported to {path}. This file is NOT encrypted: keep it safe and delete it"
                        " when done.").format(path=written))

        def failed(exc: BaseException) -> None:
            finished()
            self._say(describe(exc), True)

        self.controller.tasks.run(work, done, failed)
