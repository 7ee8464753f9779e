"""Our Fusion style: check boxes and radio buttons keep a visible edge in the dark theme.

Fusion draws their edge a shade darker than the window, which on a dark window is the colour of
the box itself: an unticked box all but vanishes. The edge is drawn again in the theme's `edge`
colour, chosen to stand out (3:1 or more) from both the window and the fields. The icons of
standard dialog buttons (Save, Cancel, OK…) come from the app's icon set in the theme's colours,
sharp at any scale, instead of the style's small bitmaps.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleFactory

_SP = QStyle.StandardPixmap
DIALOG_ICONS = {
    _SP.SP_DialogSaveButton: "save", _SP.SP_DialogOkButton: "ok", _SP.SP_DialogYesButton: "ok",
    _SP.SP_DialogApplyButton: "ok", _SP.SP_DialogCancelButton: "cancel",
    _SP.SP_DialogNoButton: "cancel", _SP.SP_DialogCloseButton: "cancel",
    _SP.SP_DialogDiscardButton: "discard", _SP.SP_DialogResetButton: "reset",
    _SP.SP_DialogOpenButton: "open", _SP.SP_DialogHelpButton: "help",
}
_EDGED = (QStyle.PrimitiveElement.PE_IndicatorCheckBox,
          QStyle.PrimitiveElement.PE_IndicatorRadioButton)


class ThemeStyle(QProxyStyle):
    def __init__(self, edge: str) -> None:
        super().__init__(QStyleFactory.create("Fusion"))
        self.setObjectName("commsdesk-fusion")
        self.edge = QColor(edge)

    def standardIcon(self, standard, option=None, widget=None):
        if standard in DIALOG_ICONS:
            from commsdesk.ui.icons import icon

            return icon(DIALOG_ICONS[standard])
        return super().standardIcon(standard, option, widget)

    def drawPrimitive(self, element, option, painter: QPainter, widget=None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element not in _EDGED:
            return
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus
                       and option.state & QStyle.StateFlag.State_KeyboardFocusChange)
        enabled = bool(option.state & QStyle.StateFlag.State_Enabled)
        color = option.palette.color(QPalette.ColorRole.Highlight) if focused else QColor(self.edge)
        if not enabled:
            color.setAlphaF(0.5)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(color, 1.2))
        rect = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(rect)
        else:
            painter.drawRoundedRect(rect, 1.5, 1.5)
        painter.restore()
