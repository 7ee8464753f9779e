"""A table header whose sort arrow points the way the values run: down for newest (or largest) first.

Qt's own styles draw the opposite (a descending column gets an arrow pointing up), so a journal
listed newest first showed an arrow saying "oldest first"."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOptionHeader,
)

_FLIPPED = {QStyleOptionHeader.SortIndicator.SortUp: QStyleOptionHeader.SortIndicator.SortDown,
            QStyleOptionHeader.SortIndicator.SortDown: QStyleOptionHeader.SortIndicator.SortUp}


class _ArrowFollowsOrder(QProxyStyle):
    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        if (element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow
                and isinstance(option, QStyleOptionHeader) and option.sortIndicator in _FLIPPED):
            option = QStyleOptionHeader(option)
            option.sortIndicator = _FLIPPED[option.sortIndicator]
        super().drawPrimitive(element, option, painter, widget)


def arrow_follows_order(header: QHeaderView) -> None:
    """Make this header's arrow point down when its column is sorted in descending order."""
    # The application's style by name: a bare QProxyStyle would fall back to the desktop's.
    base = QStyleFactory.create(QApplication.style().name())
    style = _ArrowFollowsOrder(base)
    style.setParent(header)  # lives as long as the header
    header.setStyle(style)
