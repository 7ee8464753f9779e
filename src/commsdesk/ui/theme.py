"""Light and dark palettes on the Fusion style, and the font size."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

_BASE_POINT_SIZE: dict[str, float] = {}

LIGHT = {"window": "#f6f5f2", "base": "#ffffff", "alt": "#f0eee9", "text": "#1f1f1f",
         "button": "#ecebe6", "highlight": "#3f6e8c", "highlighted_text": "#ffffff",
         "mid": "#c9c6bd", "link": "#2b5f82", "muted": "#6b6b6b", "accent": "#8a5a2b",
         "edge": "#8a867c", "alert": "#b3261e"}
DARK = {"window": "#202124", "base": "#17181a", "alt": "#25272a", "text": "#e8e6e3",
        "button": "#2d2f33", "highlight": "#5b8db0", "highlighted_text": "#0d0d0d",
        "mid": "#45484d", "link": "#8fbcdb", "muted": "#a0a0a0", "accent": "#d9a46a",
        "edge": "#868b93", "alert": "#f28b82"}


def is_dark(theme: str) -> bool:
    if theme == "dark":
        return True
    if theme == "light":
        return False
    hints = QGuiApplication.styleHints()
    from PySide6.QtCore import Qt  # the Qt namespace costs ~14 ms to build: not at start-up

    return hasattr(hints, "colorScheme") and hints.colorScheme() == Qt.ColorScheme.Dark


def colors(theme: str) -> dict[str, str]:
    return DARK if is_dark(theme) else LIGHT


def apply(app: QApplication, theme: str, font_scale: int) -> None:
    """"system" keeps the desktop's own style and colours; "light" and "dark" are ours."""
    if theme in ("light", "dark"):
        _apply_palette(app, theme)
    elif _BASE_POINT_SIZE.get("custom"):
        app.setPalette(app.style().standardPalette())
        _BASE_POINT_SIZE["custom"] = 0
    if font_scale != 100 or "size" in _BASE_POINT_SIZE:
        from PySide6.QtGui import QFont

        base = _BASE_POINT_SIZE.setdefault("size", app.font().pointSizeF() or 10.0)
        font = QFont(app.font())
        font.setPointSizeF(base * font_scale / 100)
        app.setFont(font)


def _apply_palette(app: QApplication, theme: str) -> None:
    from PySide6.QtGui import QColor, QPalette  # only for our own themes (start-up time)

    from commsdesk.ui.style import ThemeStyle

    _BASE_POINT_SIZE["custom"] = 1
    c = colors(theme)
    app.setStyle(ThemeStyle(c["edge"]))  # Fusion, with check boxes visible on a dark window
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: c["window"], QPalette.ColorRole.Base: c["base"],
        QPalette.ColorRole.AlternateBase: c["alt"], QPalette.ColorRole.Text: c["text"],
        QPalette.ColorRole.WindowText: c["text"], QPalette.ColorRole.Button: c["button"],
        QPalette.ColorRole.ButtonText: c["text"], QPalette.ColorRole.Highlight: c["highlight"],
        QPalette.ColorRole.HighlightedText: c["highlighted_text"],
        QPalette.ColorRole.Mid: c["mid"], QPalette.ColorRole.Link: c["link"],
        QPalette.ColorRole.ToolTipBase: c["base"], QPalette.ColorRole.ToolTipText: c["text"],
        QPalette.ColorRole.PlaceholderText: c["muted"],
    }
    for role, value in roles.items():
        palette.setColor(role, QColor(value))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(c["muted"]))
    app.setPalette(palette)
