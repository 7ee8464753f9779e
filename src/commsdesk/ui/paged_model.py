"""A table model that loads rows page by page from a repository as the view scrolls."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

PAGE = 200
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class PagedTableModel(QAbstractTableModel):
    """Subclasses give `headers`, `fetch(limit, offset)`, `count()` and `cell(record, column)`."""

    headers: ClassVar[list[str]] = []

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[Any] = []
        self._total = 0
        self._resetting = False

    # -- to implement ----------------------------------------------------------------------
    def fetch(self, limit: int, offset: int) -> list[Any]:
        raise NotImplementedError

    def count(self) -> int:
        raise NotImplementedError

    def cell(self, record: Any, column: int, role: int) -> Any:
        raise NotImplementedError

    # -- Qt --------------------------------------------------------------------------------
    def reload(self) -> None:
        rows = self.fetch(PAGE, 0)
        total = len(rows) if len(rows) < PAGE else self.count()
        self._resetting = True
        self.beginResetModel()
        self._rows, self._total = rows, total
        self.endResetModel()
        self._resetting = False

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._resetting and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._resetting:
            return
        more = self.fetch(PAGE, len(self._rows))
        if not more:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()
        if len(more) < PAGE:
            self._total = len(self._rows)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        record = self._rows[index.row()]
        if role == RECORD_ROLE:
            return record
        return self.cell(record, index.column(), role)

    # -- helpers ---------------------------------------------------------------------------
    def record(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, match: Callable[[Any], bool]) -> int:
        return next((i for i, r in enumerate(self._rows) if match(r)), -1)

    @property
    def total(self) -> int:
        return self._total
