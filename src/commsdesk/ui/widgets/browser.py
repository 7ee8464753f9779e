"""A text browser for the app's own HTML that never loads anything, and the style for long reading."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QTextBrowser

from commsdesk.ui import theme


def reading_css(theme_name: str) -> str:
    c = theme.colors(theme_name)
    return (f"body {{ color: {c['text']}; }} p, li {{ line-height: 150%; }}"
            f" h2 {{ margin-top: 18px; }} h3 {{ margin-top: 12px; }}"
            f" blockquote {{ color: {c['muted']}; margin-left: 16px; }}"
            f" a {{ color: {c['link']}; }}")


class SafeBrowser(QTextBrowser):
    """Never loads anything from the network; links are handled by the reader."""

    def __init__(self):
        super().__init__()
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)

    def loadResource(self, kind: int, url: QUrl):
        return None  # no images or style sheets from anywhere
