"""Headings, hints and messages, and the mark on every widget that shows vault data."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QLabel, QWidget

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
    label.setVisible(bool(text))
    return label
