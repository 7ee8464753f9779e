"""Role-play cards: the library's `roleplay` articles, with their goal and observer's checklist as data."""

from __future__ import annotations

import re

from commsdesk.library.articles import load
from commsdesk.library.catalog import ArticleInfo, articles
from commsdesk.search.preview import strip_markup

KIND = "roleplay"
_HEADING = re.compile(r"^##\s+.*\{#([a-z0-9-]+)\}\s*$")
_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s+(.*)$")


def cards(language: str) -> list[ArticleInfo]:
    """Every role-play card of the library in this language, by title."""
    return sorted((a for a in articles(language).values() if a.kind == KIND), key=lambda a: a.title)


def section(card_id: str, section_id: str, language: str) -> str:
    """The Markdown of one second-level section of a card (without its heading)."""
    article = load(card_id, language)
    if article is None or article.info.kind != KIND:
        raise KeyError(card_id)
    lines, inside = [], False
    for line in article.body.splitlines():
        heading = _HEADING.match(line)
        if heading:
            inside = heading.group(1) == section_id
        elif line.startswith("## "):
            inside = False
        elif inside:
            lines.append(line)
    return "\n".join(lines).strip()


def _plain(markdown_text: str) -> str:
    return " ".join(strip_markup(markdown_text).split())


def list_items(markdown_text: str) -> list[str]:
    """The top-level list items of a Markdown fragment as plain text (continuation lines joined)."""
    items: list[list[str]] = []
    current: list[str] | None = None
    for line in markdown_text.splitlines():
        item = _ITEM.match(line)
        if item:
            current = [item.group(1)]
            items.append(current)
        elif current is not None and line[:1].isspace() and line.strip():
            current.append(line.strip())
        elif line.strip():
            current = None  # a paragraph after the list ends the current item
    return [_plain(" ".join(parts)) for parts in items]


def observer_checklist(card_id: str, language: str) -> list[str]:
    """What the observer watches for in this card, one tick box per item."""
    return list_items(section(card_id, "observer", language))


def debrief_questions(card_id: str, language: str) -> list[str]:
    """The questions the three talk over after the round."""
    return list_items(section(card_id, "debrief", language))


def goal(card_id: str, language: str) -> str:
    """The communicator's goal for the talk: the first paragraph of the `goal` section, as plain text."""
    text = section(card_id, "goal", language)
    return _plain(text.split("\n\n", 1)[0])
