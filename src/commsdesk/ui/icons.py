"""Icons for sections and main actions: Material Design Icons through qtawesome, in the theme's colours.

Icons are drawn from a font at any size (sharp at 150 % and 200 %), in the palette's text colour,
and in the highlighted-text colour where an item is selected. A theme change rebuilds the
workspace, so every icon is made again in the new colours.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QApplication

# What each icon stands for in CommsDesk → its glyph. Names say the use, not the picture.
GLYPHS = {
    "overview": "mdi6.view-dashboard-outline",
    "people": "mdi6.account-multiple-outline",
    "planner": "mdi6.map-marker-path",
    "journal": "mdi6.notebook-outline",
    "progress": "mdi6.chart-line",
    "library": "mdi6.bookshelf",
    "club": "mdi6.account-group-outline",
    "settings": "mdi6.cog-outline",
    "log": "mdi6.message-plus-outline",
    "lock": "mdi6.lock-outline",
    "search": "mdi6.magnify",
    "add_person": "mdi6.account-plus-outline",
    "due": "mdi6.calendar-clock",
    "quiet": "mdi6.account-clock-outline",
    "talks": "mdi6.forum-outline",
    "wins": "mdi6.sprout-outline",
    "article": "mdi6.book-open-page-variant-outline",
    "plan": "mdi6.flag-outline",
    "next": "mdi6.arrow-right",
    "bookmarked": "mdi6.star",
    "read": "mdi6.check",
    "save": "mdi6.content-save-outline",
    "ok": "mdi6.check",
    "cancel": "mdi6.close",
    "discard": "mdi6.delete-outline",
    "reset": "mdi6.restore",
    "open": "mdi6.folder-open-outline",
    "help": "mdi6.help-circle-outline",
    "blank": "mdi6.checkbox-blank-outline",  # drawn transparent: keeps a row's icon slot
}
SECTIONS = ("overview", "people", "planner", "journal", "progress", "library", "club", "settings")


# The one font every glyph above comes from: Material Design Icons 6, shipped inside qtawesome. It
# is loaded alone (qtawesome.icon would load all eleven of its fonts): a shorter start, and the
# bundle ships only this one (packaging/commsdesk.spec).
FONT_PREFIX = "mdi6"
FONT_PATTERN = "materialdesignicons6-webfont-[0-9]*.ttf"
_font = None


def _icon_font():
    global _font
    if _font is None:
        os.environ.setdefault("QT_API", "pyside6")  # qtawesome speaks Qt through qtpy
        import qtawesome
        from qtawesome.iconic_font import IconicFont

        fonts = Path(qtawesome.__file__).parent / "fonts"
        ttf = sorted(fonts.glob(FONT_PATTERN))[-1]
        charmap = ttf.name.replace("-webfont-", "-webfont-charmap-").removesuffix(".ttf") + ".json"
        _font = IconicFont((FONT_PREFIX, ttf.name, charmap, str(fonts)))
    return _font


def icon(name: str) -> QIcon:
    """The icon for `name` (a key of GLYPHS) in the current palette's colours."""
    font = _icon_font()
    if name == "blank":
        from PySide6.QtGui import QColor

        return font.icon(GLYPHS[name], color=QColor(0, 0, 0, 0))
    palette = QApplication.palette()
    text = palette.color(QPalette.ColorRole.WindowText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    selected = palette.color(QPalette.ColorRole.HighlightedText)
    return font.icon(GLYPHS[name], color=text, color_active=text, color_disabled=disabled,
                          color_selected=selected)
