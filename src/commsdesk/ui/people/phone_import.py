"""Contacts from a phone's vCard export: the user picks the people; only names come in unless
the user also asks for phone numbers or addresses."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from commsdesk.domain import Contact, Relationship
from commsdesk.i18n import _, ngettext
from commsdesk.ui.widgets import hint, mark_vault_data, message

INDEX_ROLE = Qt.ItemDataRole.UserRole


class PhoneImportDialog(QDialog):
    imported = Signal(int)  # how many people were added

    def __init__(self, parent: QWidget, vault, export):
        super().__init__(parent)
        mark_vault_data(self)
        self.vault, self.export = vault, export
        self.setWindowTitle(_("Import contacts from a phone"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(560, 620)
        known = {n.casefold() for n in vault.repos.contacts.names().values()}
        self.list = QListWidget()
        self.list.setAccessibleName(_("People in the file"))
        for contact in export.contacts:
            present = contact.name.casefold() in known
            label = contact.name + (" " + _("(already in your list)") if present else "")
            item = QListWidgetItem(label, self.list)
            item.setData(INDEX_ROLE, contact.index)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.list.itemChanged.connect(lambda _item: self._count())
        all_button = QPushButton(_("Select all"))
        all_button.clicked.connect(lambda: self._check_all(Qt.CheckState.Checked))
        none_button = QPushButton(_("Select none"))
        none_button.clicked.connect(lambda: self._check_all(Qt.CheckState.Unchecked))
        self.with_phones = QCheckBox(_("Also keep their phone numbers"))
        self.with_addresses = QCheckBox(_("Also keep their addresses"))
        self.status = message("", "info")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton(_("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.clicked.connect(self._import)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(all_button)
        row.addWidget(none_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint(_("Pick the people you talk with about the war. Only their names are "
                                "imported: every extra detail is a risk if the laptop is seized. "
                                "Use an alias afterwards if you like.")))
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        if export.skipped_summary():
            layout.addWidget(hint(export.skipped_summary()))
        layout.addWidget(self.with_phones)
        layout.addWidget(self.with_addresses)
        layout.addWidget(self.status)
        layout.addWidget(hint(_("Afterwards, delete the .vcf file: it holds every contact of the "
                                "phone in plain text.")))
        layout.addWidget(buttons)
        self._count()

    def _check_all(self, state: Qt.CheckState) -> None:
        for row in range(self.list.count()):
            self.list.item(row).setCheckState(state)

    def chosen(self) -> list:
        wanted = {self.list.item(r).data(INDEX_ROLE) for r in range(self.list.count())
                  if self.list.item(r).checkState() == Qt.CheckState.Checked}
        return [c for c in self.export.contacts if c.index in wanted]

    def _count(self) -> None:
        n = len(self.chosen())
        self.import_button.setEnabled(n > 0)
        self.status.setText(ngettext("{n} person chosen", "{n} people chosen", n).format(n=n))
        self.status.show()

    def _import(self) -> None:
        """All chosen people in one transaction: all or nothing."""
        from commsdesk.people.vcard import selected_fields

        people = []
        for contact in self.chosen():
            fields = selected_fields(contact, self.with_phones.isChecked(),
                                     self.with_addresses.isChecked())
            people.append(Contact(fields["name"], Relationship.OTHER,
                                  phones=list(fields.get("phones", ())),
                                  address="; ".join(fields.get("addresses", ()))))
        with self.vault.transaction():
            for person in people:
                self.vault.repos.contacts.add(person)
        self.imported.emit(len(people))
        self.accept()
