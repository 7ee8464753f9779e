"""The model of one person's timeline (paged, never all rows at once); the list of people is
`ui/widgets/contacts.py`, shared with other sections."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from commsdesk.domain import TimelineEntry
from commsdesk.i18n import _
from commsdesk.ui.paged_model import PagedTableModel


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
