"""Search across the whole vault: type, see hits grouped by kind, open one with Enter.

The query runs in the background (`controller.tasks`) a moment after the last keystroke;
answers to an older query are dropped when they arrive late.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from commsdesk.i18n import _
from commsdesk.storage import Vault, errors
from commsdesk.storage.search_index import SearchHit
from commsdesk.ui.search.delegate import ResultsView
from commsdesk.ui.search.help import syntax_help, syntax_hint
from commsdesk.ui.search.model import HIT_ROLE, SearchResultsModel
from commsdesk.ui.widgets import hint, mark_vault_data, message, with_clear_button

if TYPE_CHECKING:
    from commsdesk.ui.controller import AppController

DEBOUNCE_MS = 150
LIMIT = 50
_RESULTS, _NOTHING = range(2)


class SearchDialog(QDialog):
    open_hit = Signal(str, int, object)  # kind, ref, contact_id (or None)

    def __init__(self, controller: AppController, vault: Vault, parent: QWidget | None = None,
                 initial_text: str = ""):
        super().__init__(parent)
        mark_vault_data(self)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(_("Search"))
        self.setSizeGripEnabled(True)
        self.resize(720, 520)
        # Set before showing; otherwise the layout sets one on the shown window, which some
        # platforms (the offscreen one the tests use) report as a warning.
        self.setMinimumSize(400, 300)
        self._controller = controller
        self._vault = vault
        self._generation = 0  # bumped by every query; answers for older ones are dropped
        self._open_when_ready = False
        self._pending = False  # a query is running in the background

        self.field = QLineEdit(initial_text)
        self.field.setAccessibleName(_("Search"))
        self.field.setPlaceholderText(_("Search people, conversations, notes…"))
        with_clear_button(self.field)
        self.field.setToolTip(syntax_help())
        self.syntax = hint(syntax_hint())
        self.syntax.setToolTip(syntax_help())
        self.model = SearchResultsModel(self, discreet=controller.settings.discreet_mode)
        self.view = mark_vault_data(ResultsView())
        self.view.setAccessibleName(_("Search results"))
        self.view.setModel(self.model)
        self.model.modelReset.connect(self.view.expandAll)
        self.nothing = QLabel(_("Nothing found"))
        self.nothing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.nothing.setWordWrap(True)
        self.error = message()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.view)
        self.pages.addWidget(self.nothing)

        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.syntax)
        layout.addWidget(self.error)
        layout.addWidget(self.pages, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._search)
        self.field.textChanged.connect(self._timer.start)
        self.field.installEventFilter(self)
        self.view.installEventFilter(self)
        self.view.doubleClicked.connect(self._open_index)
        controller.locked.connect(self.reject)

        self.field.selectAll()
        self.field.setFocus()
        if initial_text.strip():
            self._search()

    # -- searching -------------------------------------------------------------------------
    @property
    def searching(self) -> bool:
        return self._timer.isActive() or self._pending

    def _search(self) -> None:
        self._timer.stop()
        self._generation += 1
        generation, text = self._generation, self.field.text()
        self.error.hide()
        if not text.strip():
            self._pending = False
            self._show([])
            return
        self._pending = True
        search = self._vault.repos.search

        def arrived(hits: list[SearchHit]) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self._pending = False
                self._show(hits, text)

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self._pending = False
                self._show([])
                self.error.setText(exc.user_message() if isinstance(exc, errors.VaultError)
                                   else _("The search could not run."))
                self.error.show()

        self._controller.tasks.run(lambda: search.run(text, limit=LIMIT), arrived, failed)

    def _show(self, hits: list[SearchHit], text: str = "") -> None:
        self.model.set_hits(hits)
        self.pages.setCurrentIndex(_NOTHING if text.strip() and not hits else _RESULTS)
        if self._open_when_ready:
            self._open_when_ready = False
            self._open_current()

    # -- keyboard and opening --------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._move(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.searching and watched is self.field:
                    self._open_when_ready = True  # Enter before the answer: open its first hit
                    if self._timer.isActive():
                        self._search()
                else:
                    self._open_current()
                return True
        return super().eventFilter(watched, event)

    def _move(self, step: int) -> None:
        hits = self.model.hit_indexes()
        if not hits:
            return
        current = self.view.currentIndex()
        position = next((i for i, index in enumerate(hits) if index == current), None)
        if position is None:
            position = 0 if step > 0 else len(hits) - 1
        else:
            position = min(max(position + step, 0), len(hits) - 1)
        self.view.setCurrentIndex(hits[position])
        self.view.scrollTo(hits[position])

    def _open_current(self) -> None:
        current = self.view.currentIndex()
        if current.isValid() and current.data(HIT_ROLE) is not None:
            self._open_index(current)
            return
        hits = self.model.hit_indexes()
        if hits:
            self._open_index(hits[0])

    def _open_index(self, index: QModelIndex) -> None:
        hit: Any = index.data(HIT_ROLE)
        if hit is None:  # a group header
            return
        self.accept()
        self.open_hit.emit(hit.kind, hit.ref, hit.contact_id)
