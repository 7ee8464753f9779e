"""Start the desktop app: one QApplication, the saved preferences, the controller's window."""

from __future__ import annotations

import sys

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from commsdesk import settings as settings_store
from commsdesk.paths import resources_dir
from commsdesk.ui.controller import AppController


def run_gui(argv: list[str] | None = None) -> int:
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("CommsDesk")
    app.setApplicationDisplayName("CommsDesk")
    from commsdesk.ui.files import keep_qt_settings_off_disk

    keep_qt_settings_off_disk()  # before any Qt part could save its own state (each chooser again)
    icon = resources_dir() / "icons" / "commsdesk.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    controller = AppController(app, settings_store.load())
    controller.window.show()
    code = app.exec()
    controller.lock()
    controller.wait_closed()  # what was deleted is erased and the file let go before we exit
    return code
