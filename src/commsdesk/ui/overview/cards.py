"""A card of the Overview: an icon, a heading and a count, its rows, or what to do when it is empty."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from commsdesk.ui.icons import icon
from commsdesk.ui.widgets import heading, hint, mark_vault_data

OPEN_ROLE = Qt.ItemDataRole.UserRole
VISIBLE_ROWS = 5  # at the least; a card grows with the window, and more rows scroll inside it


class Card(QFrame):
    """A titled list whose rows open a record when activated; when empty, a sentence saying what
    to do next and, where there is one, the button that does it."""

    def __init__(self, glyph: str, title: str, empty_text: str, on_open: Callable,
                 action: tuple[str, str, Callable[[], None]] | None = None,
                 alert: str = "#b3261e"):
        super().__init__()
        mark_vault_data(self)
        self.setObjectName("card")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QFrame#card { border: 1px solid palette(mid); border-radius: 8px;"
                           " background: palette(base); }")
        self.title = heading(title, 3)
        self.count = QLabel()
        self.count.setObjectName("cardCount")
        font = self.count.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.count.setFont(font)
        self.count.setForegroundRole(QPalette.ColorRole.Link)
        badge = QLabel()
        side = round(self.title.fontMetrics().height() * 1.2)
        badge.setPixmap(icon(glyph).pixmap(QSize(side, side)))
        badge.setAccessibleName(title)  # an image without a name is a riddle to a screen reader
        top = QHBoxLayout()
        top.addWidget(badge)
        top.addWidget(self.title, 1)
        top.addWidget(self.count)
        self.subtitle = hint("")
        self.subtitle.setVisible(False)
        self.list = QListWidget()
        self.list.setAccessibleName(title)
        self.list.setWordWrap(True)
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setSpacing(2)
        self.list.setMinimumHeight(round(self.list.fontMetrics().lineSpacing() * 1.4 * VISIBLE_ROWS))
        self.list.itemActivated.connect(lambda item: on_open(*item.data(OPEN_ROLE)))
        self.empty = hint(empty_text)
        self.empty.setAccessibleName(empty_text)
        self.action: QPushButton | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        if action is not None:
            glyph_name, text, slot = action
            self.action = QPushButton(icon(glyph_name), text)
            self.action.clicked.connect(slot)
            layout.addWidget(self.action, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)  # an empty card keeps its sentence at the top
        self.alert = QColor(alert)  # overdue rows: the theme's red, readable on its background

    def fill(self, rows: list[tuple[str, tuple, bool]], count: int | None = None,
             subtitle: str = "") -> None:
        """`rows`: (text, what it opens, whether it is overdue); `count`: how many in all (None:
        no count shown, as for a list of the latest few)."""
        self.list.clear()
        for text, target, urgent in rows:
            item = QListWidgetItem(text, self.list)
            item.setData(OPEN_ROLE, target)
            if urgent:
                item.setForeground(QBrush(self.alert))
        self.count.setText(str(count) if count else "")
        self.count.setAccessibleName(str(count) if count else "")
        self.list.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self.layout().setStretch(self.layout().count() - 1, 0 if rows else 1)
        if self.action is not None:
            self.action.setVisible(not rows)
        self.subtitle.setText(subtitle)
        self.subtitle.setVisible(bool(subtitle))
