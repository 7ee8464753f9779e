"""Locking and the clipboard: the idle timer, and clearing text the app copied.

Idle time is measured on a clock that keeps running while the computer sleeps, so a laptop that
wakes up after the timeout locks at once.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, QObject, QTimer, Signal
from PySide6.QtGui import QClipboard, QGuiApplication

CLIPBOARD_SECONDS = 20
PASSWORD_MANAGER_HINT = "x-kde-passwordManagerHint"  # noqa: S105 - a MIME type, not a secret
CONCEALED_TYPE = "application/x-nspasteboard-concealed-type"
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


def secret_mime_data(text: str) -> QMimeData:
    """The text, marked as a secret for clipboard managers and histories: KDE's Klipper and
    others (x-kde-passwordManagerHint), macOS managers (the nspasteboard.org concealed type) and
    Windows (not for monitors, not in the clipboard history nor the cloud clipboard)."""
    data = QMimeData()
    data.setText(text)
    data.setData(PASSWORD_MANAGER_HINT, b"secret")
    data.setData(CONCEALED_TYPE, b"")
    if sys.platform == "win32":
        data.setData("ExcludeClipboardContentFromMonitorProcessing", b"\x01\x00\x00\x00")
        data.setData("CanIncludeInClipboardHistory", b"\x00\x00\x00\x00")
        data.setData("CanUploadToCloudClipboard", b"\x00\x00\x00\x00")
    return data


class ClipboardGuard(QObject):
    """Copies secrets and clears them after 20 s, on lock and on quit, from the clipboard and the
    X11 selection (where selecting text with the mouse puts it), but only where a secret the app
    knows is still there: something the user copied since stays."""

    def __init__(self, parent: QObject | None = None, clipboard: Callable[[], QClipboard] | None = None):
        super().__init__(parent)
        self._clipboard = clipboard or QGuiApplication.clipboard
        self._secrets: set[str] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear)

    def _modes(self) -> list[QClipboard.Mode]:
        board = self._clipboard()
        return [QClipboard.Mode.Clipboard] + (
            [QClipboard.Mode.Selection] if board.supportsSelection() else [])

    def copy(self, text: str, seconds: int = CLIPBOARD_SECONDS) -> None:
        """Put a secret on the clipboard, with the hints, for `seconds`."""
        self._clipboard().setMimeData(secret_mime_data(text), QClipboard.Mode.Clipboard)
        self.remember(text)
        self._timer.start(seconds * 1000)

    def remember(self, secret: str) -> None:
        """A secret shown on screen: if the user selects it, the selection is cleared later."""
        self._secrets.add(secret)

    def clear(self) -> None:
        board = self._clipboard()
        for mode in self._modes():
            if self._secrets and board.text(mode) in self._secrets:
                board.clear(mode)
        self._secrets.clear()
        self._timer.stop()
