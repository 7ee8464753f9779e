"""The list of articles shown in the Library, filtered and ordered by the page, under headings by kind.

Headings are rows that cannot be selected or focused, so clicks and arrow keys pass over them.
Marks (bookmarked, read) are icons in a slot every article row has, never extra characters in
the title: a title that gains a mark keeps its width and the list does not move.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from commsdesk.i18n import _
from commsdesk.library.catalog import ArticleInfo
from commsdesk.ui.library.labels import kind_label

ARTICLE_ROLE = Qt.ItemDataRole.UserRole + 1
HEADING_ROLE = Qt.ItemDataRole.UserRole + 2  # the kind, on a heading row
READ_AT = 0.95  # the share of an article scrolled through that counts as read


class ArticlesModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[ArticleInfo | str] = []  # a str is a heading: the kind
        self._counts: dict[str, int] = {}
        self.bookmarked: set[str] = set()
        self.progress: dict[str, float] = {}
        self.pack_titles: dict[str, str] = {}  # article id → its content pack's title
        self._icons: dict[str, QIcon] = {}

    def set_articles(self, rows: list[ArticleInfo], grouped: bool = False) -> None:
        """`rows` in display order; `grouped` puts a heading before each run of one kind."""
        self.beginResetModel()
        self._rows = []
        self._counts = {}
        for info in rows:
            self._counts[info.kind] = self._counts.get(info.kind, 0) + 1
            if grouped and (not self._rows or getattr(self._rows[-1], "kind", None) != info.kind):
                self._rows.append(info.kind)
            self._rows.append(info)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def article_count(self) -> int:
        return sum(1 for row in self._rows if not isinstance(row, str))

    def flags(self, index) -> Qt.ItemFlag:
        if index.isValid() and isinstance(self._rows[index.row()], str):
            return Qt.ItemFlag.NoItemFlags  # a heading: neither selectable nor reachable by keys
        return super().flags(index)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if isinstance(row, str):
            return self._heading_data(row, role)
        info = row
        if role == Qt.ItemDataRole.DisplayRole:
            pack = self.pack_titles.get(info.id)
            return info.title + (f" · {pack}" if pack else "")
        if role == Qt.ItemDataRole.DecorationRole:
            return self._mark_icon(info.id)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return ", ".join([info.title, *self._marks(info.id)])
        if role == Qt.ItemDataRole.ToolTipRole:
            return " · ".join([kind_label(info.kind), *self._marks(info.id), info.summary])
        if role == ARTICLE_ROLE:
            return info
        return None

    def _heading_data(self, kind: str, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{kind_label(kind)} · {self._counts.get(kind, 0)}"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont(QApplication.font())
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:  # not the greyed colour of a disabled row
            return QApplication.palette().brush(QPalette.ColorRole.Link)
        if role == HEADING_ROLE:
            return kind
        return None

    def _marks(self, article_id: str) -> list[str]:
        marks = [_("bookmarked")] if article_id in self.bookmarked else []
        if self.progress.get(article_id, 0) >= READ_AT:
            marks.append(_("read"))
        return marks

    def _mark_icon(self, article_id: str) -> QIcon:
        """A star, a tick or a blank of the same size: every article row keeps the same slot."""
        name = ("bookmarked" if article_id in self.bookmarked
                else "read" if self.progress.get(article_id, 0) >= READ_AT else "blank")
        if name not in self._icons:
            from commsdesk.ui.icons import icon

            self._icons[name] = icon(name)
        return self._icons[name]

    def update_marks(self, bookmarked: set[str], progress: dict[str, float]) -> None:
        self.bookmarked, self.progress = bookmarked, progress
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def row_of(self, article_id: str) -> int:
        return next((i for i, a in enumerate(self._rows)
                     if not isinstance(a, str) and a.id == article_id), -1)

    def article(self, row: int) -> ArticleInfo | None:
        found = self._rows[row] if 0 <= row < len(self._rows) else None
        return None if isinstance(found, str) else found

    def articles(self) -> list[ArticleInfo]:
        return [row for row in self._rows if not isinstance(row, str)]
