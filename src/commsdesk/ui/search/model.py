"""Search results as a two-level tree: one group per kind of record, its hits beneath.

Groups come in the order their first hit appears in the ranked list. Every piece of vault text
is HTML-escaped here, before any markup is added: a note can never be read as markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from html import escape
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from commsdesk.i18n import N_, _, format_date, ngettext
from commsdesk.storage.search_index import SearchHit

HIT_ROLE = Qt.ItemDataRole.UserRole + 1  # the SearchHit of a hit row, None for a group
HTML_ROLE = Qt.ItemDataRole.UserRole + 2  # the row as escaped rich text for the delegate
IS_GROUP_ROLE = Qt.ItemDataRole.UserRole + 3
KIND_ROLE = Qt.ItemDataRole.UserRole + 4

GROUP_LABELS = {
    "contact": N_("People"), "conversation": N_("Conversations"),
    "observation": N_("Observations"), "plan": N_("Plans"), "reminder": N_("Reminders"),
    "reflection": N_("Reflections"),
    "article_note": N_("My notes on library articles"),
    "stage_change": N_("Stages of change"), "prep_sheet": N_("Prep sheets"),
}
HIDDEN_SNIPPET = "…"
_GROUP = 0  # internal id of a group row; a hit row's id is its group's row + 1

Index = QModelIndex | QPersistentModelIndex


@dataclass
class _Group:
    kind: str
    hits: list[SearchHit] = field(default_factory=list)


def marked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` escaped, with the matched spans wrapped in <span class="match">."""
    out: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        start, end = max(start, pos), min(end, len(text))
        if start >= end:
            continue
        out.append(escape(text[pos:start]))
        out.append(f'<span class="match">{escape(text[start:end])}</span>')
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def when_text(when: str) -> str:
    """An ISO date or date-time from the index, as a date in the UI language ('' if unreadable)."""
    if not when:
        return ""
    try:
        day = date.fromisoformat(when) if len(when) <= 10 else datetime.fromisoformat(when).date()
    except ValueError:
        return ""
    return format_date(day, "medium")


def fallback_title(hit: SearchHit) -> str:
    if hit.kind == "article_note":  # the title holds the article's id
        from commsdesk.i18n import current_language
        from commsdesk.library.catalog import title

        return title(hit.title, current_language())
    if hit.title:
        return hit.title
    return _("My reflection") if hit.kind == "reflection" else _("Reminder")


def group_count(count: int) -> str:
    return ngettext("{count} match", "{count} matches", count).format(count=count)


class SearchResultsModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None, discreet: bool = False):
        super().__init__(parent)
        self._groups: list[_Group] = []
        self._discreet = discreet

    # -- filling ---------------------------------------------------------------------------
    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        by_kind: dict[str, _Group] = {}
        for hit in hits:
            by_kind.setdefault(hit.kind, _Group(hit.kind)).hits.append(hit)
        self._groups = list(by_kind.values())  # dicts keep first-appearance order
        self.endResetModel()

    def clear(self) -> None:
        self.set_hits([])

    def hit_count(self) -> int:
        return sum(len(g.hits) for g in self._groups)

    def hit_indexes(self) -> list[QModelIndex]:
        """Every hit row in display order (group headers left out)."""
        return [self.index(row, 0, self.index(g, 0))
                for g, group in enumerate(self._groups) for row in range(len(group.hits))]

    # -- the tree --------------------------------------------------------------------------
    # A default QModelIndex() is an immutable "no parent", safe as a default argument.
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _GROUP) if row < len(self._groups) else QModelIndex()
        if parent.internalId() != _GROUP or parent.row() >= len(self._groups):
            return QModelIndex()
        if row >= len(self._groups[parent.row()].hits):
            return QModelIndex()
        return self.createIndex(row, 0, parent.row() + 1)

    def parent(self, index: Index | None = None) -> Any:  # type: ignore[override]
        if index is None:  # QObject.parent()
            return super().parent()
        if not index.isValid() or index.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _GROUP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _GROUP and parent.column() == 0:
            return len(self._groups[parent.row()].hits)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _GROUP:
            return Qt.ItemFlag.ItemIsEnabled  # a header: shown, never selected
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    # -- what a row shows ------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _GROUP:
            return self._group_data(self._groups[index.row()], role)
        return self._hit_data(self._groups[index.internalId() - 1].hits[index.row()], role)

    def _group_data(self, group: _Group, role: int) -> Any:
        label, count = _(GROUP_LABELS.get(group.kind, group.kind)), group_count(len(group.hits))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{label} · {count}"
        if role == HTML_ROLE:
            return f'<span class="group">{escape(label)}</span> <span class="count">· {escape(count)}</span>'
        if role == IS_GROUP_ROLE:
            return True
        if role == KIND_ROLE:
            return group.kind
        return None

    def _hit_data(self, hit: SearchHit, role: int) -> Any:
        title, day = fallback_title(hit), when_text(hit.when)
        snippet = HIDDEN_SNIPPET if self._discreet else hit.snippet
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            heading = f"{title} · {day}" if day else title
            return f"{heading}\n{snippet}"
        if role == HTML_ROLE:
            heading = marked(title, hit.title_spans if hit.title else [])
            if day:
                heading += f' <span class="when">· {escape(day)}</span>'
            body = escape(snippet) if self._discreet else marked(snippet, hit.spans)
            return f'<div class="title">{heading}</div><div class="snippet">{body}</div>'
        if role == HIT_ROLE:
            return hit
        if role == IS_GROUP_ROLE:
            return False
        if role == KIND_ROLE:
            return hit.kind
        return None
