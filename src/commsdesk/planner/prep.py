"""The conversation prep sheet: planned answers pulled from the library, and its printable page."""

from __future__ import annotations

import re
from html import escape

from commsdesk.domain import PrepSheet
from commsdesk.i18n import _, format_date
from commsdesk.library.articles import load
from commsdesk.library.catalog import articles, title

_ITEM = re.compile(r"^\s*[-*]\s+(.+?)\s*$")
QUESTIONS_PULLED = 3


def section_text(body: str, section_id: str) -> str:
    """The Markdown of one `## … {#id}` section, up to the next second-level heading."""
    match = re.search(r"^##\s+.*\{#" + re.escape(section_id) + r"\}\s*$", body, re.MULTILINE)
    if match is None:
        return ""
    rest = body[match.end():]
    following = re.search(r"^##\s", rest, re.MULTILINE)
    return rest[:following.start()] if following else rest


def planned_response(article_id: str, language: str) -> str:
    """A starting answer to a narrative: the first questions its library article suggests."""
    article = load(article_id, language)
    if article is None:
        return ""
    questions = section_text(article.body, "questions").split("\n###")[0]
    items = [m.group(1) for line in questions.splitlines() if (m := _ITEM.match(line))]
    return "\n".join(items[:QUESTIONS_PULLED])


def narratives(language: str) -> list[tuple[str, str]]:
    """(article id, title) of every narrative article, by title."""
    found = [(a.id, a.title) for a in articles(language).values() if a.kind == "narrative"]
    return sorted(found, key=lambda item: item[1].casefold())


def _heading(label: str) -> str:
    return f"<h3>{escape(label)}</h3>"


def _block(label: str, text: str) -> str:
    if not text.strip():
        return ""
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())
    return _heading(label) + paragraphs


def prep_sheet_html(sheet: PrepSheet, person: str, language: str) -> str:
    """A self-contained page (escaped text, no remote resources) for printing or PDF."""
    when = format_date(sheet.planned_for) if sheet.planned_for else ""
    head = _("Prep sheet: talk with {person}").format(person=person)
    parts = [f"<h1>{escape(head)}</h1>", f"<p><i>{escape(when)}</i></p>" if when else "",
             _block(_("Goal for this talk"), sheet.goal), _block(_("Opening"), sheet.opening)]
    if sheet.questions:
        items = "".join(f"<li>{escape(q)}</li>" for q in sheet.questions if q.strip())
        parts.append(_heading(_("Questions to ask")) + f"<ul>{items}</ul>")
    parts.append(_block(_("A story to tell"), sheet.story))
    if sheet.narratives:
        parts.append(_heading(_("If they say…")))
        for item in sheet.narratives:
            parts.append(f"<p><b>{escape(title(item.article_id, language))}</b></p>")
            parts += [f"<p>{escape(line)}</p>" for line in item.response.splitlines() if line.strip()]
    if sheet.techniques:
        names = ", ".join(title(t, language) for t in sheet.techniques)
        parts.append(_block(_("Techniques"), names))
    parts += [_block(_("My boundary"), sheet.boundary), _block(_("Exit line"), sheet.exit_line)]
    return ("<html><head><meta charset='utf-8'></head><body>" + "".join(p for p in parts if p)
            + "</body></html>")


def likely_narratives(vault, contact_id: int, language: str, limit: int = 3) -> list[str]:
    """The narratives this person seems to raise: those whose typical phrases ("what they say")
    share the most telling words (found in at most two narratives) with what the journal holds of
    their talks and observations."""
    from collections import Counter

    from commsdesk.search.analyzer import tokens
    from commsdesk.storage.conversations import ConversationFilter

    talks = vault.repos.conversations.list(ConversationFilter(contact_id=contact_id), limit=100)
    said = [t.notes for t in talks] + [o.evidence for o in vault.repos.observations.for_contact(contact_id)]
    heard = {t.stem for text in said for t in tokens(text) if len(t.stem) >= 4}
    phrases = _narrative_words(language)
    spread = Counter(stem for words in phrases.values() for stem in words)
    scores = []
    for article_id, words in phrases.items():
        telling = {stem for stem in words & heard if spread[stem] <= 2}
        if len(telling) >= 2:
            scores.append((len(telling), article_id))
    return [article_id for _n, article_id in sorted(scores, key=lambda s: (-s[0], s[1]))[:limit]]


def _narrative_words(language: str) -> dict[str, set[str]]:
    from commsdesk.search.analyzer import tokens

    out = {}
    for article_id, _title in narratives(language):
        article = load(article_id, language)
        text = section_text(article.body, "what-they-say") if article else ""
        out[article_id] = {t.stem for t in tokens(text) if len(t.stem) >= 4}
    return out
