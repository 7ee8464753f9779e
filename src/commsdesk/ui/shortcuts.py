"""The app's keyboard shortcuts, declared once: the shell installs them and Help lists them."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from commsdesk.i18n import N_, _
from commsdesk.ui.widgets import heading

NEW_TALK = "Ctrl+N"
SAVE = "Ctrl+S"
SEARCH = "Ctrl+F"
SEARCH_TOO = "Ctrl+K"
LOCK = "Ctrl+L"
PANIC_LOCK = "Ctrl+Shift+L"
QUIT = "Ctrl+Q"
HELP = "F1"
CLOSE = "Esc"

# What each does, in the order Help lists them (where it applies, then what it does).
LISTED = (
    (NEW_TALK, N_("Log a conversation (with the person on screen, if any)")),
    (SAVE, N_("Save the person or the conversation being edited")),
    (SEARCH, N_("Search everything")),
    (SEARCH_TOO, N_("Search everything")),
    (LOCK, N_("Lock the vault")),
    (PANIC_LOCK, N_("Lock at once, without questions")),
    (QUIT, N_("Lock and quit")),
    (CLOSE, N_("Close the dialog (a conversation being written is kept as a draft)")),
    (HELP, N_("This list of shortcuts")),
)


def key_text(keys: str) -> str:
    """The keys as this desktop and language spell them ("Ctrl+N", "Esc")."""
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


class ShortcutsDialog(QDialog):
    """Help → Keyboard shortcuts: two columns, keys and what they do."""

    def __init__(self, parent: QWidget | None = None):
        from PySide6.QtCore import Qt  # the shell reads the keys above at start-up: not this

        super().__init__(parent)
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        # Never smaller than what the rows need, whatever the text size or scale.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(heading(_("Keyboard shortcuts"), 2))
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        self.rows: list[tuple[str, str]] = []
        for row, (keys, meaning) in enumerate(LISTED):
            shown = key_text(keys)
            key_label = QLabel(f"<b>{shown}</b>")
            key_label.setTextFormat(Qt.TextFormat.RichText)
            text = QLabel(_(meaning))  # one line each: wrapped labels in a grid were cut at 150 %
            key_label.setBuddy(text)
            grid.addWidget(key_label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(text, row, 1)
            self.rows.append((shown, _(meaning)))
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
