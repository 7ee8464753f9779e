"""Paint a search result as rich text: title, then the snippet, matched words highlighted.

The HTML comes from the model, which escapes every piece of vault text; this module only
styles it (bold and the palette's highlight colour for matches, muted snippets).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView

from commsdesk.ui.search.model import HTML_ROLE, IS_GROUP_ROLE

PADDING = 4

Index = QModelIndex | QPersistentModelIndex


def _space_above(index: Index) -> int:
    """A little air between one group's last hit and the next group's header."""
    return 2 * PADDING if index.data(IS_GROUP_ROLE) and index.row() > 0 else 0


class ResultDelegate(QStyledItemDelegate):
    def __init__(self, view: QTreeView):
        super().__init__(view)
        self._view = view

    def _document(self, option: QStyleOptionViewItem, index: Index, width: float) -> QTextDocument:
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            match = muted = palette.color(QPalette.ColorRole.HighlightedText).name()
        else:
            match = palette.color(QPalette.ColorRole.Highlight).name()
            muted = palette.color(QPalette.ColorRole.PlaceholderText).name()
        doc = QTextDocument()
        doc.setDocumentMargin(PADDING)
        doc.setDefaultFont(option.font)
        doc.setDefaultStyleSheet(
            f".match {{ font-weight: bold; color: {match}; }}"
            f" .snippet, .count, .when {{ color: {muted}; }}"
            " .group { font-weight: bold; }")
        doc.setHtml(index.data(HTML_ROLE) or "")
        doc.setTextWidth(max(width, 40.0))
        return doc

    def _width(self, index: Index) -> float:
        depth = 0 if index.data(IS_GROUP_ROLE) else 1
        return self._view.viewport().width() - self._view.indentation() * depth

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else self._view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(opt, index, opt.rect.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        role = (QPalette.ColorRole.HighlightedText if opt.state & QStyle.StateFlag.State_Selected
                else QPalette.ColorRole.Text)
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        painter.save()
        painter.translate(opt.rect.left(), opt.rect.top() + _space_above(index))
        clip = QRectF(0, 0, opt.rect.width(), opt.rect.height())
        painter.setClipRect(clip)
        context.clip = clip
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(opt, index, self._width(index))
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + _space_above(index))


class ResultsView(QTreeView):
    """A tree of groups and hits; rows re-flow their text when the width changes."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setIndentation(12)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QTreeView.SelectionMode.SingleSelection)
        self.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.setItemDelegate(ResultDelegate(self))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()
