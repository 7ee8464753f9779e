"""Earlier versions of a note: read them, and put one back into the editor."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
)

from commsdesk.i18n import _, format_datetime
from commsdesk.ui.widgets import hint, mark_vault_data


class HistoryDialog(QDialog):
    restore = Signal(str)

    def __init__(self, vault, kind: str, ref: int, parent=None):
        super().__init__(parent)
        mark_vault_data(self)
        self.setWindowTitle(_("Earlier versions"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(640, 420)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Earlier versions"))
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName(_("Text of the chosen version"))
        self.text.setTabChangesFocus(True)
        versions = vault.repos.history.versions(kind, ref)
        for version in versions:
            item = QListWidgetItem(format_datetime(version.saved_at.astimezone(), "short"),
                                   self.list)
            item.setData(Qt.ItemDataRole.UserRole, version.text)
        self.list.currentItemChanged.connect(
            lambda item, _old: self.text.setPlainText(item.data(Qt.ItemDataRole.UserRole) if item else ""))
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(1, 3)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = buttons.addButton(_("Put this version back"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(bool(versions))
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self._restore)
        layout = QVBoxLayout(self)
        layout.addWidget(hint(_("Each time you change a note, the text it replaced is kept here, "
                                "inside the vault. Settings can erase all earlier versions.")
                              if versions else _("This note has not been changed yet.")))
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        if versions:
            self.list.setCurrentRow(0)

    def _restore(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.restore.emit(item.data(Qt.ItemDataRole.UserRole))
        self.accept()
