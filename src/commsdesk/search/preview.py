"""One-line previews of Markdown notes for lists: markup symbols removed, white space folded."""

from __future__ import annotations

import re

_MARKUP = re.compile(r"(\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`+|^\s{0,3}(#{1,6}|>|[-+*]|\d+\.)\s+)",
                     re.MULTILINE)


def strip_markup(markdown_text: str) -> str:
    """The text without Markdown emphasis, headings, quotes and list markers."""
    return _MARKUP.sub("", markdown_text)


def plain_preview(markdown_text: str, limit: int = 140) -> str:
    text = " ".join(strip_markup(markdown_text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
