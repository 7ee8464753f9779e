"""The emergency kit: show the recovery phrase once, let the user copy it (briefly) or print it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout

from commsdesk.i18n import _
from commsdesk.ui.widgets import heading, hint


def kit_instructions(path: Path) -> str:
    return _("This phrase opens the emergency kit file {name}, and nothing else. Write it on "
             "paper and keep the paper and the kit file in different places. If you forget your "
             "passphrase: Settings → Restore from a backup, choose the file, and type this "
             "phrase.").format(name=path.name)


class EmergencyKitDialog(QDialog):
    def __init__(self, controller, phrase: str, path: Path, parent=None):
        super().__init__(parent)
        self.controller, self.phrase, self.path = controller, phrase, path
        self.setWindowTitle(_("Emergency kit"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Your recovery phrase"), 2))
        self.phrase_label = QLabel(phrase)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.TypeWriter)
        font.setPointSizeF(self.font().pointSizeF() * 1.6)
        self.phrase_label.setFont(font)
        self.phrase_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.phrase_label.setAccessibleName(_("Recovery phrase"))
        controller.clipboard.remember(phrase)  # selected with the mouse: cleared with the rest
        layout.addWidget(self.phrase_label)
        layout.addWidget(hint(kit_instructions(path)))
        layout.addWidget(hint(_("It is shown only now and is not stored anywhere.")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton(_("Copy (cleared after 20 seconds)"))
        copy.clicked.connect(lambda: controller.clipboard.copy(phrase))
        print_button = QPushButton(_("Print…"))
        print_button.clicked.connect(self.print_kit)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def kit_document(self) -> QTextDocument:
        """What is printed: the phrase and the instructions, nothing from the vault."""
        document = QTextDocument()
        document.setPlainText("\n\n".join([
            _("CommsDesk emergency kit"), self.phrase, kit_instructions(self.path)]))
        return document

    def print_kit(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        dialog = QPrintDialog(printer, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.kit_document().print_(printer))
        dialog.open()
