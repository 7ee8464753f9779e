"""One-line previews of Markdown notes for lists: markup symbols removed, white space folded."""

from __future__ import annotations

import re

_MARKUP = re.compile(r"(\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`+|^\s{0,3}(#{1,6}|>|[-+*]|\d+\.)\s+)",
                     re.MULTILINE)


# Every alternative of _MARKUP needs one of these characters: most notes have none, and finding
# that out is one quick scan instead of trying the pattern at every position.
_MARKUP_CHARS = re.compile(r"[*_`#>+\-\d]")


def strip_markup(markdown_text: str) -> str:
    """The text without Markdown emphasis, headings, quotes and list markers."""
    if _MARKUP_CHARS.search(markdown_text) is None:
        return markdown_text
    return _MARKUP.sub("", markdown_text)


def plain_preview(markdown_text: str, limit: int = 140) -> str:
    text = " ".join(strip_markup(markdown_text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
