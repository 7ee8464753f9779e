"""Locking and the clipboard: the idle timer, and clearing text the app copied.

Idle time is measured on a clock that keeps running while the computer sleeps, so a laptop that
wakes up after the timeout locks at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication

CLIPBOARD_SECONDS = 20
_ACTIVITY: set = set()  # filled when the first vault opens (QEvent.Type is slow to build)


def awake_clock() -> float:
    """Seconds on a clock that counts suspended time too (CLOCK_BOOTTIME on Linux)."""
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is not None:
        return time.clock_gettime(boottime)
    return time.time()  # wall clock: runs through sleep on macOS and Windows


class IdleLock(QObject):
    """Emits `timed_out` when nobody has touched the app for `minutes` (0 turns it off)."""

    timed_out = Signal()

    def __init__(self, minutes: int, clock: Callable[[], float] = awake_clock,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._clock = clock
        self._minutes = minutes
        self._last = clock()
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.check)
        self._watching = False

    def set_minutes(self, minutes: int) -> None:
        self._minutes = minutes
        self.touch()

    def start(self) -> None:
        """Watch the user's input while a vault is open (not before: nothing to lock)."""
        if not _ACTIVITY:
            _ACTIVITY.update({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress,
                              QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin,
                              QEvent.Type.InputMethod})
        if not self._watching:
            QGuiApplication.instance().installEventFilter(self)
            self._watching = True
        self.touch()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._watching:
            QGuiApplication.instance().removeEventFilter(self)
            self._watching = False

    def touch(self) -> None:
        self._last = self._clock()

    def check(self) -> None:
        if self._minutes and self._timer.isActive() and \
                self._clock() - self._last >= self._minutes * 60:
            self._timer.stop()
            self.timed_out.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self._last = self._clock()
        return False


class ClipboardGuard(QObject):
    """Copies text and clears it after 20 s or on lock, but only if the clipboard still holds it."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._ours: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear)

    def copy(self, text: str, seconds: int = CLIPBOARD_SECONDS) -> None:
        QGuiApplication.clipboard().setText(text)
        self._ours = text
        self._timer.start(seconds * 1000)

    def clear(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if self._ours is not None and clipboard.text() == self._ours:
            clipboard.clear()
        self._ours = None
        self._timer.stop()
