"""The list of people, shared by the sections that pick a person: a paged model over the contacts,
its table and filter field, and what lists call people (names, or roles in discreet mode)."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTableView

from commsdesk.domain import Contact
from commsdesk.i18n import _
from commsdesk.storage.contacts import ContactFilter
from commsdesk.ui.controls import compact_table
from commsdesk.ui.paged_model import PagedTableModel
from commsdesk.ui.widgets.labels import mark_vault_data, with_clear_button

HIDDEN = "•••"


class ContactsModel(PagedTableModel):
    NAME, RELATIONSHIP, TAGS = range(3)
    SORT_KEYS: ClassVar[dict[int, str]] = {NAME: "name", RELATIONSHIP: "relationship"}

    def __init__(self, vault, discreet: bool = False, parent=None, reader=None):
        super().__init__(parent, reader)
        self.headers = [_("Name"), _("Relationship"), _("Tags")]
        self.vault = vault
        self.discreet = discreet
        self.filter = ContactFilter()
        self.sort_key, self.descending = "name", False

    def fetch(self, limit: int, offset: int) -> list[Contact]:
        return self.vault.repos.contacts.list(self.filter, self.sort_key, self.descending,
                                              limit, offset)

    def count(self) -> int:
        return self.vault.repos.contacts.count(self.filter)

    def cell(self, c: Contact, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                name = HIDDEN if self.discreet else c.display_name
                return name + (" (" + _("archived") + ")" if c.archived else "")
            if column == self.RELATIONSHIP:
                return _(c.relationship.label)
            return ", ".join(c.tags)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NAME and not self.discreet:
            return c.display_name
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column in self.SORT_KEYS:
            self.sort_key = self.SORT_KEYS[column]
            self.descending = order == Qt.SortOrder.DescendingOrder
            self.reload()


def name_filter_field() -> QLineEdit:
    field = QLineEdit()
    field.setPlaceholderText(_("Filter by name"))
    field.setAccessibleName(_("Filter by name"))
    with_clear_button(field)
    return field


def people_table(model: ContactsModel) -> QTableView:
    """The list of people over the paged model: one row per person, one chosen at a time."""
    table = QTableView()
    mark_vault_data(table)
    table.setAccessibleName(_("People"))
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    compact_table(table)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return table


def contact_labels(vault, discreet: bool, ids: list[int] | None = None) -> dict[int, str]:
    """What lists call people: names, or in discreet mode relationship roles, numbered so that
    two mothers stay apart ("Mother 1", "Mother 2")."""
    if not discreet:
        return vault.repos.contacts.names(ids)
    contacts = vault.repos.contacts.list(limit=100_000)
    return {c.id: f"{_(c.relationship.label)} {i + 1}" for i, c in enumerate(contacts)
            if ids is None or c.id in ids}


def people_choices(vault, discreet: bool) -> list[tuple[str, int]]:
    """(label, contact id) for a person picker, by label."""
    return sorted(((n, cid) for cid, n in contact_labels(vault, discreet).items()),
                  key=lambda item: item[0].casefold())
