"""Form fields every section's forms use: a choice among an enum's members, a multi-line text box."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit

from commsdesk.domain import NOT_SAID
from commsdesk.i18n import _
from commsdesk.ui.controls import DataCombo


def enum_combo(enum, accessible: str) -> DataCombo:
    combo = DataCombo(accessible)
    for member in enum:
        combo.add(_(member.label), member)
    return combo


def said_combo(enum, accessible: str) -> DataCombo:
    """A choice the user may leave unsaid: starts at "not said" (None), never at a guess."""
    combo = DataCombo(accessible)
    combo.add(_(NOT_SAID), None)
    for member in enum:
        combo.add(_(member.label), member)
    return combo


def text_box(accessible: str, lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(accessible)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box
