"""Reminders while the app runs: a system-tray notification when follow-ups fall due.

By default the notification says only how many items are due; names appear only if the user
opted in (Settings), because a notification can pop up on a screen others can see.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

from commsdesk.i18n import ngettext
from commsdesk.journal.overview import DueItem, due_items

CHECK_MINUTES = 15


def notification_text(items: list[DueItem], with_names: bool) -> str:
    text = ngettext("{n} follow-up is due.", "{n} follow-ups are due.", len(items)).format(
        n=len(items))
    if with_names:
        names = sorted({i.contact_name for i in items if i.contact_name})
        if names:
            text += " " + ", ".join(names[:5]) + ("…" if len(names) > 5 else "")
    return text


class ReminderNotifier(QObject):
    def __init__(self, controller):
        super().__init__(controller)
        self.controller = controller
        self.tray: QSystemTrayIcon | None = None
        self.shown: set[tuple[str, int, date]] = set()
        self.last_message = ""
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MINUTES * 60 * 1000)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        if self.tray is None and QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(self.controller.app.windowIcon() or QIcon(), self)
            self.tray.setToolTip("CommsDesk")
            self.tray.messageClicked.connect(self._show_window)
            self.tray.show()
        self.timer.start()
        QTimer.singleShot(2000, self.check)

    def stop(self) -> None:
        self.timer.stop()

    def check(self, today: date | None = None) -> None:
        """Look for newly due items in the background; notify on the GUI thread."""
        vault = self.controller.vault
        if vault is None:
            return
        today = today or date.today()
        self.controller.tasks.run(lambda: due_items(vault, today, horizon_days=0),
                                  lambda items: self.notify(items))

    def notify(self, items: list[DueItem]) -> str:
        due = [i for i in items if (i.kind, i.ref, i.due_on) not in self.shown]
        if not due or self.controller.vault is None:
            return ""
        self.shown.update((i.kind, i.ref, i.due_on) for i in due)
        self.last_message = notification_text(due, self.controller.settings.notify_with_text)
        if self.tray is not None:
            self.tray.showMessage("CommsDesk", self.last_message,
                                  QSystemTrayIcon.MessageIcon.Information, 10_000)
        return self.last_message

    def _show_window(self) -> None:
        window = self.controller.window
        window.showNormal()
        window.raise_()
        window.activateWindow()
        if window.workspace is not None:
            window.workspace.go_to(0)
