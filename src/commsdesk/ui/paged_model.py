"""A table model that loads rows page by page from a repository as the view scrolls.

With a `PageReader`, the pages a view asks for while scrolling are read on a background thread
(through the vault's reading connection) and inserted when they arrive, so scrolling a journal of
100k conversations never waits for the database on the UI thread. The first page of a reload is
read at once: the view must show something right away.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
)

PAGE = 200
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class _Relay(QObject):
    done = Signal(object, object)  # the job's key, its result (or the exception it raised)


class _Read(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay, key: object):
        super().__init__()
        self._fn, self._relay, self._key = fn, relay, key

    def run(self) -> None:
        try:
            result: Any = self._fn()
        except Exception as exc:  # handed to the GUI thread, which decides
            result = exc
        if shiboken6.isValid(self._relay):
            self._relay.done.emit(self._key, result)


class PageReader(QObject):
    """One background thread for the pages lists read while scrolling (reads only; changes go
    through the operation runner)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.done.connect(self._deliver)
        self._waiting: dict[object, Callable[[Any], None]] = {}

    def read(self, fn: Callable[[], Any], then: Callable[[Any], None]) -> None:
        key = object()
        self._waiting[key] = then
        self._pool.start(_Read(fn, self._relay, key))

    def _deliver(self, key: object, result: Any) -> None:
        then = self._waiting.pop(key, None)
        if then is not None:
            then(result)

    def wait(self, msecs: int = 30_000) -> bool:
        return self._pool.waitForDone(msecs)


class PagedTableModel(QAbstractTableModel):
    """Subclasses give `headers`, `fetch(limit, offset)`, `count()` and `cell(record, column)`."""

    headers: ClassVar[list[str]] = []

    def __init__(self, parent=None, reader: PageReader | None = None):
        super().__init__(parent)
        self._rows: list[Any] = []
        self._total = 0
        self._resetting = False
        self._reader = reader
        self._pending = False  # a page is being read in the background
        self._generation = 0  # bumped by every reload: pages read for an older list are dropped

    # -- to implement ----------------------------------------------------------------------
    def fetch(self, limit: int, offset: int) -> list[Any]:
        raise NotImplementedError

    def count(self) -> int:
        raise NotImplementedError

    def cell(self, record: Any, column: int, role: int) -> Any:
        raise NotImplementedError

    # -- Qt --------------------------------------------------------------------------------
    def reload(self) -> None:
        self._generation += 1
        self._pending = False
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
        return (not parent.isValid() and not self._resetting and not self._pending
                and len(self._rows) < self._total)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        """Qt asks while the view scrolls: in the background when there is a reader."""
        if parent.isValid() or self._resetting or self._pending:
            return
        if self._reader is None:
            self.load_more_now()
            return
        self._pending = True
        generation, offset = self._generation, len(self._rows)

        def arrived(more: Any) -> None:
            if not shiboken6.isValid(self) or generation != self._generation:
                return  # the list was reloaded (or the window closed) meanwhile
            self._pending = False
            if isinstance(more, BaseException):
                self._total = len(self._rows)  # stop asking; the next reload tries again
                return
            self._append(more)

        self._reader.read(lambda: self.fetch(PAGE, offset), arrived)

    def has_more(self) -> bool:
        return len(self._rows) < self._total

    def load_more_now(self) -> None:
        """The next page at once, on this thread (to find a row that must be shown now); a page
        still being read in the background is dropped."""
        if self._resetting:
            return
        if self._pending:
            self._generation += 1
            self._pending = False
        self._append(self.fetch(PAGE, len(self._rows)))

    def _append(self, more: list[Any]) -> None:
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
