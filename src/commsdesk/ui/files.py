"""Choosing a file: the app's one file chooser. Always Qt's own dialog, never the desktop's, so
no recent-files list or thumbnail cache of the desktop learns which files the user opened or
wrote; and Qt's dialog itself remembers nothing either (no history, no last folder on disk)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QWidget

# Qt's file dialog saves its history and last folder in the per-user "QtProject" settings when it
# is destroyed (~/.config/QtProject.conf on Linux). A folder below a device can never be created,
# so on Linux and the BSDs those settings are pointed there and never reach the disk.
NOWHERE = "/dev/null/commsdesk-keeps-no-qt-settings"
QT_SETTINGS = "QtProject"
DIALOG_GROUP = "FileDialog"


def _redirectable() -> bool:
    # On Windows (registry) and macOS (CFPreferences) Qt's native settings ignore setPath.
    return os.name == "posix" and sys.platform != "darwin"


def forget_dialog_state(settings: QSettings) -> None:
    """Remove what Qt's file dialog remembers (history, last folder, sidebar) from `settings`."""
    if DIALOG_GROUP in settings.childGroups():
        settings.remove(DIALOG_GROUP)
        settings.sync()


def keep_qt_settings_off_disk() -> None:
    """Called before every file dialog (cheap): Qt's per-user settings go nowhere, and what an
    earlier version or run left at Qt's usual place is removed."""
    if not _redirectable():
        return
    usual = Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.GenericConfigLocation)) / f"{QT_SETTINGS}.conf"
    if usual.is_file():
        forget_dialog_state(QSettings(str(usual), QSettings.Format.IniFormat))
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, NOWHERE)


def _after_dialog() -> None:
    """Where Qt's settings could not be redirected, remove what the closed dialog just saved."""
    if not _redirectable():
        forget_dialog_state(QSettings(QSettings.Scope.UserScope, QT_SETTINGS))


def start_folder(suggested: str | Path) -> str:
    """A bare file name starts in the home folder (never in whatever folder the app runs in)."""
    if not suggested:
        return str(Path.home())
    path = Path(suggested)
    path = path if path.is_absolute() else Path.home() / path
    if path.exists() or path.parent.is_dir():
        return str(path)  # a folder, or a new file's name in an existing folder
    # A folder that does not exist yet (the data folder before the first vault): Qt would take its
    # last part for a file name and start in the working folder; start in the nearest that exists.
    existing = next((p for p in path.parents if p.is_dir()), Path.home())
    return str(existing)


def _dialog(parent: QWidget | None, title: str, name_filters: str | list[str],
            suggested: str | Path) -> QFileDialog:
    keep_qt_settings_off_disk()
    dialog = QFileDialog(parent, title, start_folder(suggested))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setNameFilters([name_filters] if isinstance(name_filters, str) else name_filters)
    dialog.setHistory([])
    dialog.finished.connect(lambda _result: dialog.setHistory([]))
    dialog.destroyed.connect(_after_dialog)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return dialog


def choose_file(parent: QWidget | None, title: str, name_filters: str | list[str],
                on_chosen: Callable[[Path], None], *, save: bool = False,
                suggested: str | Path = "", default_suffix: str = "") -> QFileDialog:
    """One file to open (an existing one) or to save (`suggested`: a name, or a full path)."""
    dialog = _dialog(parent, title, name_filters, suggested)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        if default_suffix:
            dialog.setDefaultSuffix(default_suffix)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.fileSelected.connect(lambda name: on_chosen(Path(name)))
    dialog.open()
    return dialog


def choose_files(parent: QWidget | None, title: str, name_filters: str | list[str],
                 on_chosen: Callable[[list[Path]], None], *,
                 suggested: str | Path = "") -> QFileDialog:
    dialog = _dialog(parent, title, name_filters, suggested)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.filesSelected.connect(lambda names: on_chosen([Path(n) for n in names]))
    dialog.open()
    return dialog
