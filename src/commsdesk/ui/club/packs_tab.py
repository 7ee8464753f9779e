"""Content packs from trainers: import (with a clear word on who signed it), trust, read, remove."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from commsdesk.club.shelf import check_pack, import_pack, installed_packs, remove_pack, trust_key
from commsdesk.domain.changes import Change
from commsdesk.i18n import _, format_date, ngettext
from commsdesk.library.pack_articles import pack_article_id
from commsdesk.storage import errors
from commsdesk.ui.controls import confirm, inform
from commsdesk.ui.files import choose_file
from commsdesk.ui.tasks import Operation
from commsdesk.ui.widgets import heading, hint, mark_vault_data

ROW_ROLE = Qt.ItemDataRole.UserRole


class PacksTab(QWidget):
    def __init__(self, controller, vault, workspace=None, parent=None):
        super().__init__(parent)
        mark_vault_data(self)
        self.controller, self.vault, self.workspace = controller, vault, workspace
        self.installed: dict[int, object] = {}
        self.list = QListWidget()
        mark_vault_data(self.list)
        self.list.setAccessibleName(_("Installed packs"))
        self.list.setWordWrap(True)
        self.list.currentItemChanged.connect(lambda *_a: self._enable())
        self.details = hint("")
        import_button = QPushButton(_("Import a pack…"))
        import_button.clicked.connect(self.choose_file)
        self.read_button = QPushButton(_("Read in the Library"))
        self.read_button.clicked.connect(self._read)
        self.trust_button = QPushButton(_("Trust this signer"))
        self.trust_button.setToolTip(_("Only after comparing the fingerprint with the one the author "
                                       "gave you in person"))
        self.trust_button.clicked.connect(self._trust)
        self.remove_button = QPushButton(_("Remove the pack"))
        self.remove_button.clicked.connect(self._remove)
        row = QHBoxLayout()
        for button in (import_button, self.read_button, self.trust_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Content packs"), 3))
        layout.addWidget(hint(_("Trainers share articles as packs: one file, read offline, checked "
                                "before import. Their articles appear in the Library with the "
                                "pack's name. Scripts, images and links are never accepted.")))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.details)
        layout.addLayout(row)
        self._enable()

    def refresh(self) -> None:
        self.installed = {i.row_id: i for i in installed_packs(self.vault)}
        self.list.clear()
        for row_id, item in self.installed.items():
            pack = item.pack
            text = _("“{title}” by {author}, version {version} ({language}): {status}").format(
                title=pack.title, author=pack.author, version=pack.version,
                language=pack.language, status=_(pack.status.label))
            entry = QListWidgetItem(text, self.list)
            entry.setData(ROW_ROLE, row_id)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._enable()

    def current(self):
        item = self.list.currentItem()
        return self.installed.get(item.data(ROW_ROLE)) if item is not None else None

    def _enable(self) -> None:
        installed = self.current()
        for button in (self.read_button, self.remove_button):
            button.setEnabled(installed is not None)
        self.trust_button.setEnabled(installed is not None and installed.pack.signer_key is not None
                                     and installed.pack.needs_confirmation)
        if installed is None:
            self.details.setText(_("No packs yet."))
            return
        pack = installed.pack
        lines = [ngettext("{n} article", "{n} articles", len(pack.articles)).format(
            n=len(pack.articles)), _("imported {day}").format(day=format_date(installed.imported_on,
                                                                              "medium"))]
        if pack.signer_fingerprint:
            lines.append(_("Fingerprint: {fingerprint}").format(fingerprint=pack.signer_fingerprint))
        self.details.setText(" · ".join(lines) + ("\n" + _(pack.status.warning)
                                                  if pack.status.warning else ""))

    # -- import ----------------------------------------------------------------------------
    def choose_file(self) -> None:
        choose_file(self, _("Import a pack"), _("Content packs (*.cdpack)"), self.import_file)

    def import_file(self, path: Path) -> None:
        """Read and check the whole pack first; a signed-and-trusted pack goes in at once,
        any other only after the user confirms, having read who (if anyone) signed it."""
        vault = self.vault

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self):
                inform(self, _("Import a pack"), _("The file cannot be read.") if isinstance(exc, OSError)
                       else errors.describe(exc), True)

        def checked(result) -> None:
            if shiboken6.isValid(self):
                self._confirm_install(*result)

        self.controller.tasks.run(lambda: check_pack(vault, path), checked, failed)

    def _confirm_install(self, pack, data: bytes) -> None:
        if not pack.needs_confirmation:
            self._install(pack, data)
            return
        text = _(pack.status.warning)
        if pack.signer_fingerprint:
            text += "\n\n" + _("Fingerprint: {fingerprint}").format(fingerprint=pack.signer_fingerprint)
        confirm(self, _("Import “{title}”?").format(title=pack.title), text,
                lambda: self._install(pack, data), _("Import anyway"))

    def _op(self, fn, changes) -> None:
        Operation(fn, changes=changes, parent=self).success(lambda _r: self.refresh()) \
            .run(self.controller.tasks)

    def _install(self, pack, data: bytes) -> None:
        vault = self.vault
        self._op(lambda: import_pack(vault, pack, data), {Change.PACKS})

    def _trust(self) -> None:
        installed = self.current()
        if installed is None or installed.pack.signer_key is None:
            return
        pack, vault = installed.pack, self.vault
        confirm(self, _("Trust this signer?"), _(
            "Trust the key {fingerprint} as {author}'s? Do it only if the author gave you this "
            "fingerprint in person or over a channel you trust.").format(
                fingerprint=pack.signer_fingerprint, author=pack.author),
            lambda: self._op(lambda: trust_key(vault, pack.signer_key, pack.author),
                             {Change.TRUSTED_KEYS, Change.PACKS}), _("Trust"))

    def _remove(self) -> None:
        installed = self.current()
        if installed is None:
            return

        vault, row_id = self.vault, installed.row_id
        confirm(self, _("Remove “{title}”?").format(title=installed.pack.title),
                _("Its articles leave the Library, with your bookmarks and notes on them."),
                lambda: self._op(lambda: remove_pack(vault, row_id), {Change.PACKS, Change.LIBRARY_MARKS}),
                _("Remove"))

    def _read(self) -> None:
        installed = self.current()
        if installed is not None and installed.pack.articles and self.workspace is not None:
            self.workspace.open_article(pack_article_id(installed.pack.id,
                                                        installed.pack.articles[0].id))
