"""Travel mode in Settings, step by step: where the backup goes, its passphrase, what will be
removed and what cannot be, then the vault's passphrase to confirm. The work is the controller's."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QGroupBox, QPushButton, QVBoxLayout, QWidget

from commsdesk.i18n import _
from commsdesk.travel import CANNOT_REMOVE
from commsdesk.ui.controls import confirm
from commsdesk.ui.settings.dialogs import NewPassphraseDialog
from commsdesk.ui.widgets import hint


def choose_backup(parent: QWidget, title: str, saving: bool, suggested: Path | str,
                  on_chosen: Callable[[Path], None]) -> None:
    """The app's one file chooser (no history kept anywhere), for a travel backup."""
    from commsdesk.ui.files import choose_file
    from commsdesk.ui.settings.vault_panel import vault_filters

    choose_file(parent, title, vault_filters(), on_chosen, save=saving, suggested=suggested,
                default_suffix="commsdesk" if saving else "")


class TravelPanel(QGroupBox):
    def __init__(self, controller, vault):
        super().__init__(_("Before a trip"))
        self.controller, self.vault = controller, vault
        layout = QVBoxLayout(self)
        layout.addWidget(hint(_(
            "If your computer may be searched, for example at a border, you can move the vault off "
            "it: CommsDesk writes an encrypted backup to a place you choose (a USB stick you carry "
            "separately, a folder synced elsewhere), reads it back to check every record, and only "
            "then removes the vault and every trace of it from this computer. After the trip, "
            "choose “Bring back a vault after a trip” on the start screen.")))
        self.other_passphrase = QCheckBox(_("Protect the travel backup with a different "
                                            "passphrase"))
        layout.addWidget(self.other_passphrase)
        self.start = QPushButton(_("Move the vault off this computer…"))
        self.start.clicked.connect(self.choose_destination)
        layout.addWidget(self.start)

    def choose_destination(self) -> None:
        from commsdesk.ui.settings.vault_panel import backup_name

        choose_backup(self, _("Where should the travel backup go?"), True,
                      backup_name(date.today()), self._destination_chosen)

    def _destination_chosen(self, path: Path) -> None:
        if not self.other_passphrase.isChecked():
            self._confirm(path, None)
            return
        dialog = NewPassphraseDialog(_("Passphrase for the travel backup"), _(
            "The backup will open with this passphrase, not with your vault's. Do not write it "
            "down where it travels with the backup."), self)
        dialog.chosen.connect(lambda passphrase, _level: self._confirm(path, passphrase))
        dialog.open()

    def _confirm(self, path: Path, passphrase: str | None) -> None:
        cannot = "\n".join("• " + _(text) for text in CANNOT_REMOVE)
        text = _(
            "1. An encrypted backup is written to {path} and read back to check every record.\n"
            "2. Only then are removed from this computer: the vault, the copies kept before "
            "restores and updates, unsaved drafts (they are in the backup), the settings that name "
            "the vault, and CommsDesk's caches. CommsDesk then starts as on a new computer.\n\n"
            "CommsDesk cannot remove:\n{cannot}").format(path=path, cannot=cannot)
        confirm(self, _("Move the vault off this computer?"), text,
                lambda: self._ask_passphrase(path, passphrase), _("Continue"))

    def _ask_passphrase(self, path: Path, passphrase: str | None) -> None:
        """The same check as every sensitive action (ui/reauth): a wrong answer asks again, and
        repeated wrong answers are slowed down, instead of starting the whole flow over."""
        from commsdesk.ui.reauth import confirm_identity

        confirm_identity(self.controller, self, _(
            "Type the vault's current passphrase. The vault is removed from this computer once "
            "the backup is checked."), lambda: self.controller.travel_out(path, None, passphrase))
