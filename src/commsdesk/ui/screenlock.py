"""Lock the vault when the desktop session locks, where the platform tells us (Linux D-Bus).

Best effort: on systems without a session bus, or other platforms, this quietly does nothing;
the idle timer still locks the vault.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

SCREENSAVERS = (
    ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"),
    ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver"),
    ("org.cinnamon.ScreenSaver", "/org/cinnamon/ScreenSaver"),
    ("org.mate.ScreenSaver", "/org/mate/ScreenSaver"),
)


class ScreenLockWatcher(QObject):
    session_locked = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.listening = False
        try:
            from PySide6.QtCore import SLOT
            from PySide6.QtDBus import QDBusConnection
        except ImportError:
            return
        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            return
        for interface, path in SCREENSAVERS:
            if bus.connect("", path, interface, "ActiveChanged", self, SLOT("on_active(bool)")):
                self.listening = True

    @Slot(bool)
    def on_active(self, active: bool) -> None:
        if active:
            self.session_locked.emit()
