"""Item models over the contacts and timeline repositories (paged, never all rows at once)."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTableView

from commsdesk.domain import Contact, TimelineEntry
from commsdesk.i18n import _
from commsdesk.storage.contacts import ContactFilter
from commsdesk.ui.controls import compact_table
from commsdesk.ui.paged_model import PagedTableModel
from commsdesk.ui.widgets import mark_vault_data, with_clear_button

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


class TimelineModel(PagedTableModel):
    """One person's history, newest first: when, what, detail."""

    def __init__(self, vault, contact_id: int, parent=None):
        super().__init__(parent)
        self.headers = [_("When"), _("What"), _("Detail")]
        self.vault = vault
        self.contact_id = contact_id
        self._dimensions = {d.name: d.key for d in vault.repos.dimensions.list(include_archived=True)}

    def fetch(self, limit: int, offset: int) -> list[TimelineEntry]:
        return self.vault.repos.timeline.for_contact(self.contact_id, limit, offset)

    def count(self) -> int:
        return 10**9  # unknown; fetchMore stops at the first short page

    def cell(self, e: TimelineEntry, column: int, role: int) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        from commsdesk.ui.people.timeline_text import describe

        when, what, detail = describe(e, self._dimensions)
        text = (when, what, detail)[column]
        if role == Qt.ItemDataRole.DisplayRole and column == 2:
            return " ".join(text.split())[:160]
        return text


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
