"""Headings, hints and messages, and the mark on every widget that shows vault data."""

from __future__ import annotations

from PySide6.QtGui import QAction, QColor, QFont, QPalette
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from commsdesk.i18n import _

VAULT_DATA = "holds_vault_data"


def mark_vault_data(widget: QWidget) -> QWidget:
    """Tag a widget that shows vault contents; tests check none survives a lock."""
    widget.setProperty(VAULT_DATA, True)
    return widget


def heading(text: str, level: int = 1) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * {1: 1.6, 2: 1.25, 3: 1.05}[level])
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    label.setAccessibleName(text)
    return label


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    # A palette role, not a style sheet: style sheets are slow to build (start-up time).
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def tint(label: QLabel, kind: str) -> None:
    """Red for errors, the link colour for information."""
    palette = label.palette()
    color = QColor("#b3261e") if kind == "error" else palette.color(QPalette.ColorRole.Link)
    palette.setColor(QPalette.ColorRole.WindowText, color)
    label.setPalette(palette)


def message(text: str = "", kind: str = "error") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setObjectName(f"message-{kind}")
    tint(label, kind)
    if not text:
        label.hide()
    # Never show() here: a label without a parent yet would open as a window of its own for a
    # moment (and take the focus from the main window); it shows with the page it is put on.
    return label


def with_clear_button(edit: QLineEdit) -> QLineEdit:
    """Qt's clear button, named: Qt leaves it without one, so a screen reader says just "button"."""
    edit.setClearButtonEnabled(True)
    action = edit.findChild(QAction, "_q_qlineeditclearaction")
    if action is not None:
        action.setText(_("Clear"))
    return edit


def keep_place(widget: QWidget, lines: int = 0) -> None:
    """A message that comes and goes keeps its room, so the form does not jump under the
    pointer when it appears (`lines`: the room it keeps while it has no text)."""
    policy = widget.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    widget.setSizePolicy(policy)
    if lines:
        widget.setMinimumHeight(lines * widget.fontMetrics().lineSpacing())
