"""The conversations table, paged from the repository with the Journal's filters."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Qt

from commsdesk.domain import Conversation, label_or_not_said
from commsdesk.i18n import _, current_language, format_datetime
from commsdesk.library.catalog import title
from commsdesk.search.preview import plain_preview
from commsdesk.storage.conversations import ConversationFilter
from commsdesk.ui.paged_model import PagedTableModel

HIDDEN = "•••"


class ConversationsModel(PagedTableModel):
    WHEN, PERSON, CHANNEL, TEMPERATURE, NOTES = range(5)
    SORT_KEYS: ClassVar[dict[int, str]] = {WHEN: "when"}

    def __init__(self, vault, discreet: bool = False, parent=None, reader=None):
        super().__init__(parent, reader)
        self.headers = [_("When"), _("Person"), _("Channel"), _("How it felt"), _("Notes")]
        self.vault = vault
        self.discreet = discreet
        self.filter = ConversationFilter()
        self.descending = True
        self.names: dict[int, str] = {}

    def fetch(self, limit: int, offset: int) -> list[Conversation]:
        last = self.record(offset - 1) if offset else None
        rows = self.vault.repos.conversations.list(self.filter, "when", self.descending, limit,
                                                   offset, after=last)
        # Names for this page only: a journal may hold thousands of people.
        missing = [v.contact_id for v in rows if v.contact_id not in self.names]
        if missing:
            self.names.update(self.vault.repos.contacts.names(missing))
        return rows

    def reload(self) -> None:
        self.names = {}
        super().reload()

    def count(self) -> int:
        return self.vault.repos.conversations.count(self.filter)

    def cell(self, v: Conversation, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.WHEN:
                return format_datetime(v.occurred_at, "short")
            if column == self.PERSON:
                return HIDDEN if self.discreet else self.names.get(v.contact_id, "")
            if column == self.CHANNEL:
                return _(v.channel.label)
            if column == self.TEMPERATURE:
                return _(label_or_not_said(v.temperature))
            return HIDDEN if self.discreet else plain_preview(v.notes)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NOTES and not self.discreet:
            techniques = ", ".join(title(t, current_language()) for t in v.techniques)
            return techniques or None
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column == self.WHEN:
            self.descending = order == Qt.SortOrder.DescendingOrder
            self.reload()
