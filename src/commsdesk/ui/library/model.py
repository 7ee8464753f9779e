"""The list of articles shown in the Library, filtered and ordered by the page."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from commsdesk.library.catalog import ArticleInfo
from commsdesk.ui.library.labels import kind_label

ARTICLE_ROLE = Qt.ItemDataRole.UserRole + 1


class ArticlesModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[ArticleInfo] = []
        self.bookmarked: set[str] = set()
        self.progress: dict[str, float] = {}
        self.pack_titles: dict[str, str] = {}  # article id → its content pack's title

    def set_articles(self, rows: list[ArticleInfo]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        info = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            mark = "★ " if info.id in self.bookmarked else ""
            read = " ✓" if self.progress.get(info.id, 0) >= 0.95 else ""
            pack = self.pack_titles.get(info.id)
            return f"{mark}{info.title}{read}" + (f" · {pack}" if pack else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{kind_label(info.kind)} · {info.summary}"
        if role == ARTICLE_ROLE:
            return info
        return None

    def update_marks(self, bookmarked: set[str], progress: dict[str, float]) -> None:
        self.bookmarked, self.progress = bookmarked, progress
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def row_of(self, article_id: str) -> int:
        return next((i for i, a in enumerate(self._rows) if a.id == article_id), -1)

    def article(self, row: int) -> ArticleInfo | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None
