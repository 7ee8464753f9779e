"""A story card as readable Markdown: to share as a text file or to show through the library's
sanitiser (library.articles.render). The card's own text is kept as it is, never interpreted here."""

from __future__ import annotations

from commsdesk.club.story_card import StoryCard
from commsdesk.club.story_phrases import Phrases, month_label


def card_markdown(card: StoryCard, language: str) -> str:
    """Headings and labels in `language`; the story's text exactly as written."""
    p = Phrases(language)
    parts = [f"# {card.title}", _summary(card, p)]
    if card.story.strip():
        parts.append(card.story.strip())
    for heading, text in ((p._("What worked"), card.what_worked),
                          (p._("What did not work"), card.what_did_not),
                          (p._("A tip"), card.tip)):
        if text.strip():
            parts += [f"## {heading}", text.strip()]
    if card.techniques:
        parts += ["## " + p._("Techniques"), "\n".join(f"- {_technique(t, p)}" for t in card.techniques)]
    if card.source:
        parts += ["---", _source(card, p)]
    return "\n\n".join(parts) + "\n"


def _summary(card: StoryCard, p: Phrases) -> str:
    items = [p._("Who: {role}").format(role=p._(card.relationship.label))]
    if card.stage_before or card.stage_after:
        stages = [p._(s.label) if s else "?" for s in (card.stage_before, card.stage_after)]
        items.append(p._("Stage: {before} → {after}").format(before=stages[0], after=stages[1]))
    if card.duration.strip():
        items.append(p._("How long: {duration}").format(duration=card.duration))
    items.append(p._("Written: {month}").format(month=month_label(card.created, p.language)))
    return "\n".join(f"- {item}" for item in items)


def _technique(article_id: str, p: Phrases) -> str:
    from commsdesk.library.catalog import articles

    info = articles(p.language).get(article_id)
    return f"{info.title} (`{article_id}`)" if info else f"`{article_id}`"


def _source(card: StoryCard, p: Phrases) -> str:
    from babel import dates

    source = card.source
    if source is None:  # a card read from a file has no source yet: nothing to say
        return ""
    when = dates.format_date(source.imported_on, "long", locale=p.language)
    line = p._("From the file {file}, imported on {date}").format(file=source.file_name, date=when)
    if source.club.strip():
        line += " · " + p._("club: {club}").format(club=source.club.strip())
    return f"*{line}*"
