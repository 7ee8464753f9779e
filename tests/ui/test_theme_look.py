"""Issue 13: check boxes visible in the dark theme; icons in the theme's colours."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QCheckBox, QStyle, QStyleOptionButton, QWidget

from commsdesk.ui import theme


def luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
            + 0.0722 * channel(color.blueF()))


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture(params=["light", "dark"])
def themed(request, qapp):
    style = qapp.style().name()
    theme.apply(qapp, request.param, 100)
    yield request.param
    theme.apply(qapp, "system", 100)
    qapp.setStyle(style)


def indicator_edge_contrast(qtbot, checked: bool) -> float:
    """The strongest contrast between the unticked box's edge and the window around it."""
    holder = QWidget()
    box = QCheckBox("Архив", holder)
    box.setChecked(checked)
    qtbot.addWidget(holder)
    holder.resize(200, 40)
    holder.show()
    qtbot.waitExposed(holder)
    option = QStyleOptionButton()
    box.initStyleOption(option)
    rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    image = box.grab().toImage()
    window = QApplication.palette().window().color()
    ring = [image.pixelColor(x, y) for x in range(rect.left(), rect.right() + 1)
            for y in (rect.top(), rect.top() + 1, rect.bottom() - 1, rect.bottom())]
    return max(contrast(window, color) for color in ring)


def test_an_unticked_check_box_stands_out_from_the_window(qtbot, themed):
    assert indicator_edge_contrast(qtbot, checked=False) >= 3.0, themed


def test_icons_take_the_text_colour_of_the_theme(qtbot, themed):
    from commsdesk.ui.icons import icon

    image = icon("people").pixmap(QSize(32, 32)).toImage()
    inked = [image.pixelColor(x, y) for x in range(32) for y in range(32)
             if image.pixelColor(x, y).alpha() > 200]
    assert inked
    text = QApplication.palette().windowText().color()
    assert all(contrast(color, text) < 1.3 for color in inked)
    window = QApplication.palette().window().color()
    assert contrast(inked[0], window) > 7


def test_every_section_has_an_icon(unlocked):
    nav = unlocked.window.workspace.nav
    assert nav.count() == 8
    assert all(not nav.item(row).icon().isNull() for row in range(nav.count()))


def test_standard_dialog_buttons_get_the_themes_icons(qapp, themed):
    """Save, Cancel, OK… (drawn on the buttons where the platform shows button icons, as on X11)."""
    for standard in (QStyle.StandardPixmap.SP_DialogSaveButton,
                     QStyle.StandardPixmap.SP_DialogCancelButton):
        image = qapp.style().standardIcon(standard).pixmap(QSize(32, 32)).toImage()
        assert not image.isNull()
        inked = [image.pixelColor(x, y) for x in range(32) for y in range(32)
                 if image.pixelColor(x, y).alpha() > 200]
        text = QApplication.palette().windowText().color()
        assert inked and all(contrast(color, text) < 1.3 for color in inked), themed


def test_every_glyph_comes_from_the_one_font_the_bundle_ships(qapp, themed):
    """ui/icons.py loads Material Design Icons 6 alone; the bundle keeps only that font's files."""
    from commsdesk.ui import icons

    for name in icons.GLYPHS:
        assert not icons.icon(name).isNull(), name
    assert set(icons._icon_font().fontname) == {icons.FONT_PREFIX}
    assert all(glyph.startswith(icons.FONT_PREFIX + ".") for glyph in icons.GLYPHS.values())
