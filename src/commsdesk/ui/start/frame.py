"""A centred, width-limited column that the start pages share."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from commsdesk.i18n import _
from commsdesk.ui.widgets import hint, keep_place


class ProgressRelay(QObject):
    """Carries `progress(done, total)` calls from the opening worker to the page, queued."""

    changed = Signal(int, int)


def key_note() -> str:
    return _("Computing the key — this protects against passphrase guessing. It takes a few "
             "seconds.")


class LanguageChoice(QWidget):
    """Русский / English before any vault exists: each name in its own language, so whoever
    cannot read the current one still finds theirs."""

    chosen = Signal(str)  # "ru" or "en"

    def __init__(self, current: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(_("Language"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QPushButton] = {}
        for code, name in (("ru", "Русский"), ("en", "English")):
            button = QPushButton(name)
            button.setCheckable(True)
            button.setChecked(code == current)
            button.setFlat(True)
            button.setAccessibleName(name)
            button.setAccessibleDescription(_("Language"))
            button.clicked.connect(lambda _checked=False, code=code: self._choose(code))
            self.group.addButton(button)
            self.buttons[code] = button
            row.addWidget(button)

    def _choose(self, code: str) -> None:
        self.chosen.emit(code)


class StartFrame(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        column = self.column = QWidget()
        column.setMaximumWidth(560)
        column.setMinimumWidth(360)
        self.body = QVBoxLayout(column)
        self.body.setSpacing(12)
        self.body.addStretch(1)  # with the page's own closing stretch: vertically centred
        outer.addWidget(column, 4)
        outer.addStretch(1)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.busy.setAccessibleName(_("Working"))
        keep_place(self.busy)
        self.busy.hide()
        self.busy_note = hint("")
        self.busy_note.setAccessibleName(_("What is happening"))
        keep_place(self.busy_note, lines=2)
        self.busy_note.hide()

    def set_busy(self, busy: bool) -> None:
        """While a key is derived (seconds, on purpose): inputs disabled, an indeterminate bar and
        a calm word on why it takes a while."""
        self.column.setEnabled(not busy)
        self.busy.setVisible(busy)
        if busy:
            self.busy.setRange(0, 0)
            self.busy_note.setText(key_note())
        self.busy_note.setVisible(busy)

    def show_progress(self, done: int, total: int) -> None:
        """Opening rebuilds the search index (once, after an update): a bar that fills."""
        self.busy.setRange(0, max(total, 1))
        self.busy.setValue(done)
        percent = done * 100 // max(total, 1)
        self.busy_note.setText(_("Updating the search index for this version of CommsDesk (once):"
                                 " {percent}%").format(percent=percent))
        self.busy_note.show()
