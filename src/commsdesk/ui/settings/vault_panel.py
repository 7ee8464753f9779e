"""The vault's safety operations in Settings: check, backup, restore, passphrase, history, kit."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from commsdesk.i18n import _, ngettext
from commsdesk.recovery import new_recovery_phrase
from commsdesk.storage import errors, safety
from commsdesk.ui.controls import confirm
from commsdesk.ui.files import choose_file
from commsdesk.ui.reauth import confirm_identity
from commsdesk.ui.settings.dialogs import NewPassphraseDialog, PassphraseDialog
from commsdesk.ui.settings.kit import EmergencyKitDialog
from commsdesk.ui.widgets import hint, message, tint


def vault_filters() -> list[str]:
    return [_("CommsDesk vaults (*.commsdesk)"), _("All files (*)")]


def backup_name(today: date) -> str:
    """Neutral: neither the app's name nor anyone's (the extension is the format's)."""
    return _("backup") + f"-{today.isoformat()}.commsdesk"


class VaultPanel(QGroupBox):
    def __init__(self, controller, vault):
        super().__init__(_("Your vault"))
        self.controller, self.vault = controller, vault
        layout = QVBoxLayout(self)
        location = QLabel(_("File: {path}").format(path=vault.path))
        location.setWordWrap(True)
        layout.addWidget(location)
        layout.addWidget(hint(_("Key strength: {level}").format(level=_(vault.kdf_level.label))))
        self.status = message("", "info")
        rows = [
            (_("Check integrity"), self.check_integrity),
            (_("Make a backup…"), self.choose_backup_file),
            (_("Restore from a backup…"), self.choose_restore_file),
            (_("Change passphrase…"), self.ask_new_passphrase),
            (_("Erase earlier versions of notes…"), self.purge_history),
        ]
        self.buttons: dict[str, QPushButton] = {}
        for text, slot in rows:
            button = QPushButton(text)
            button.clicked.connect(slot)
            self.buttons[text] = button
        self.other_passphrase = QCheckBox(_("Protect the backup with a different passphrase"))
        first = QHBoxLayout()
        first.addWidget(self.buttons[_("Check integrity")])
        first.addWidget(self.buttons[_("Make a backup…")])
        first.addWidget(self.buttons[_("Restore from a backup…")])
        first.addStretch(1)
        layout.addLayout(first)
        layout.addWidget(self.other_passphrase)
        second = QHBoxLayout()
        second.addWidget(self.buttons[_("Change passphrase…")])
        second.addWidget(self.buttons[_("Erase earlier versions of notes…")])
        second.addStretch(1)
        layout.addLayout(second)
        layout.addWidget(self.status)

        kit = QGroupBox(_("Emergency kit"))
        kit_layout = QVBoxLayout(kit)
        kit_layout.addWidget(hint(_(
            "If you forget your passphrase, nobody can open the vault and every note is lost. An "
            "emergency kit is an encrypted backup under a generated recovery phrase that you write "
            "down on paper.")))
        make_kit = QPushButton(_("Make an emergency kit…"))
        make_kit.clicked.connect(self.choose_kit_file)
        kit_layout.addWidget(make_kit)
        layout.addWidget(kit)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        tint(self.status, "error" if error else "info")
        self.status.show()

    def _failed(self, exc: BaseException) -> None:
        self._say(exc.user_message() if isinstance(exc, errors.VaultError)
                  else _("Something went wrong ({kind}).").format(kind=type(exc).__name__), True)

    # -- integrity -------------------------------------------------------------------------
    def check_integrity(self) -> None:
        self._say(_("Checking…"))

        def done(report) -> None:
            if report.ok:
                people, talks = report.counts["contacts"], report.counts["conversations"]
                self._say(_("The vault is intact.") + " " + ngettext(
                    "{n} person", "{n} people", people).format(n=people) + ", " + ngettext(
                    "{n} conversation", "{n} conversations", talks).format(n=talks) + ".")
            else:
                self._say(_("The vault has problems; restore it from a backup.") + "\n"
                          + "\n".join(report.problems[:5]), True)

        self.controller.tasks.run(lambda: safety.check(self.vault), done, self._failed)

    # -- backup ----------------------------------------------------------------------------
    def choose_backup_file(self) -> None:
        """A backup under the vault's own passphrase needs nothing more; under another one, the
        current passphrase first (else anyone could carry the notes away under a passphrase of
        their own)."""
        if not self.other_passphrase.isChecked():
            self._choose_backup_target(self.backup_to)
            return
        confirm_identity(self.controller, self, _(
            "The backup will open with a different passphrase, so CommsDesk first checks that you "
            "know the current one."), lambda: self._choose_backup_target(self._ask_backup_passphrase))

    def _choose_backup_target(self, then) -> None:
        choose_file(self, _("Save a backup"), vault_filters(), then, save=True,
                    suggested=backup_name(date.today()), default_suffix="commsdesk")

    def _ask_backup_passphrase(self, path: Path) -> None:
        dialog = NewPassphraseDialog(_("Backup passphrase"), _(
            "The backup will open with this passphrase, not with your vault's."), self)
        dialog.chosen.connect(lambda passphrase, _level: self.backup_to(path, passphrase))
        dialog.open()

    def backup_to(self, path: Path, passphrase: str | None = None) -> None:
        self._say(_("Writing the backup…"))
        self.controller.tasks.run(
            lambda: safety.backup(self.vault, path, passphrase=passphrase),
            lambda _result: self._say(_("Encrypted backup written to {path}.").format(path=path)),
            self._failed)

    # -- restore ---------------------------------------------------------------------------
    def choose_restore_file(self) -> None:
        choose_file(self, _("Choose a backup"), vault_filters(), self._restore_chosen,
                    suggested=self.vault.path.parent)

    def _restore_chosen(self, path: Path) -> None:
        dialog = PassphraseDialog(_("Backup passphrase"), _(
            "Type the passphrase of the backup (or the recovery phrase of an emergency kit)."),
            self)
        dialog.chosen.connect(lambda passphrase: self.restore_from(path, passphrase))
        dialog.open()

    def restore_from(self, path: Path, passphrase: str) -> None:
        confirm(self, _("Replace the vault?"), _(
            "The vault will be replaced by the backup, after the backup has been checked. The "
            "current vault is kept beside it as “{name}”. Afterwards the vault opens with the "
            "backup's passphrase.").format(name=safety.kept_copy_name(self.vault.path).name),
            lambda: self.controller.restore_backup(path, passphrase), _("Restore"))

    # -- passphrase ------------------------------------------------------------------------
    def ask_new_passphrase(self) -> None:
        confirm_identity(self.controller, self, _(
            "Before the passphrase is changed, type the one you use now."),
            self._ask_new_passphrase)

    def _ask_new_passphrase(self) -> None:
        dialog = NewPassphraseDialog(_("Change passphrase"), _(
            "The vault will be re-encrypted with a new key. If anything interrupts it, the vault "
            "still opens with the old passphrase."), self, level=self.vault.kdf_level.id)
        dialog.chosen.connect(self.change_passphrase_to)
        dialog.open()

    def change_passphrase_to(self, passphrase: str, level: int | None) -> None:
        self.controller.change_passphrase(passphrase, level)

    # -- history ---------------------------------------------------------------------------
    def purge_history(self) -> None:
        count = self.vault.repos.history.count()
        if not count:
            self._say(_("There are no earlier versions to erase."))
            return

        def erased(n: int) -> None:
            self._say(ngettext("{n} earlier version was erased.",
                               "{n} earlier versions were erased.", n).format(n=n))

        vault = self.vault

        def purge() -> None:
            from commsdesk.domain.changes import Change
            from commsdesk.journal.log import erase_earlier_versions
            from commsdesk.ui.tasks import Operation

            Operation(lambda: erase_earlier_versions(vault), changes={Change.HISTORY}, parent=self) \
                .success(erased).run(self.controller.tasks)

        confirm(self, _("Erase earlier versions?"), ngettext(
            "{n} earlier version of your notes will be erased for good, for example before a "
            "trip. The notes themselves stay.", "{n} earlier versions of your notes will be erased "
            "for good, for example before a trip. The notes themselves stay.", count).format(
                n=count), purge, _("Erase"))

    # -- emergency kit ---------------------------------------------------------------------
    def choose_kit_file(self) -> None:
        """The kit is a full copy under a new phrase that is shown on screen: the current
        passphrase first."""
        confirm_identity(self.controller, self, _(
            "An emergency kit is a copy of the whole vault under a new recovery phrase. Type the "
            "passphrase you use now to make one."), lambda: choose_file(
                self, _("Save the emergency kit"), vault_filters(), self.make_kit, save=True,
                suggested=_("emergency-kit") + ".commsdesk", default_suffix="commsdesk"))

    def make_kit(self, path: Path) -> None:
        phrase = new_recovery_phrase()
        self._say(_("Writing the emergency kit…"))

        def done(_result) -> None:
            self._say(_("Emergency kit written to {path}.").format(path=path))
            self.kit_dialog = EmergencyKitDialog(self.controller, phrase, path, self)
            self.kit_dialog.open()

        self.controller.tasks.run(
            lambda: safety.backup(self.vault, path, passphrase=phrase), done, self._failed)
