"""Choosing a file: always Qt's own dialog, never the desktop's, so no recent-files list or
thumbnail cache of the desktop learns which files the user opened or wrote."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget


def choose_file(parent: QWidget, title: str, name_filter: str, on_chosen: Callable[[Path], None], *,
                save: bool = False, suggested: str = "", default_suffix: str = "") -> QFileDialog:
    dialog = QFileDialog(parent, title, suggested, name_filter)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        if default_suffix:
            dialog.setDefaultSuffix(default_suffix)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(lambda name: on_chosen(Path(name)))
    dialog.open()
    return dialog


def choose_files(parent: QWidget, title: str, name_filter: str,
                 on_chosen: Callable[[list[Path]], None]) -> QFileDialog:
    dialog = QFileDialog(parent, title, "", name_filter)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.filesSelected.connect(lambda names: on_chosen([Path(n) for n in names]))
    dialog.open()
    return dialog
