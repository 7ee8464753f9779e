"""Draft story cards from the vault (one conversation, or a person's whole journey), anonymized by
default; the preview screen shows every flag and lets the user undo or edit each. Nothing is written.
Drafts are plain text: no Markdown marks for the user to clean up before sharing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from commsdesk.club.anonymize import Flag, NameToFlag, apply, find_names, names_in_vault
from commsdesk.club.story_card import (
    FREE_TEXT,
    LIMITS,
    MAX_TECHNIQUES,
    TECHNIQUE_ID,
    StoryCard,
    check_card,
)
from commsdesk.club.story_phrases import Phrases, relative_time, span_phrase
from commsdesk.domain import Conversation, Ending
from commsdesk.planner.stages import Stage

MAX_CONVERSATIONS = 2000
STAGE_WINDOW = timedelta(days=31)  # a stage recorded this soon after a talk counts as its outcome


@dataclass
class StoryDraft:
    """The card with every flag applied, and what the preview needs to let the user choose."""

    card: StoryCard
    originals: dict[str, str]  # field -> text before anonymizing (in memory only)
    flags: dict[str, list[Flag]]  # field -> flags found in the original, all applied by default
    names: list[NameToFlag] = field(repr=False, default_factory=list)
    since: date | None = None  # the first conversation: dates are told relative to it

    def choose(self, name: str, accepted: list[int]) -> str:
        """Apply only the accepted flags (indexes into `flags[name]`) to that field."""
        text = apply(self.originals.get(name, ""), self.flags.get(name, []), accepted)
        setattr(self.card, name, text)
        return text

    def remaining(self) -> dict[str, list[Flag]]:
        """Flags still in the card as it stands now (after the user's edits)."""
        return check_card(self.card, self.names, self.since)


def draft_from_conversation(vault, conversation_id: int, language: str) -> StoryDraft:
    talk = vault.repos.conversations.get(conversation_id)
    contact = vault.repos.contacts.get(talk.contact_id)
    p = Phrases(language)
    first = _first_talk(vault, contact.id) or talk.occurred_at.date()
    day = talk.occurred_at.date()
    when = relative_time(first, day, language)
    evidence = [o.evidence.strip() for o in vault.repos.observations.for_conversation(talk.id)
                if o.evidence.strip()]
    before, after = _stages_around(vault, contact.id, day)
    card = StoryCard(
        title=p._("{role}, {when}").format(role=p._(contact.relationship.label), when=when),
        relationship=contact.relationship, language=p.language, stage_before=before,
        stage_after=after, duration=when, techniques=_techniques([talk]),
        story="\n\n".join(part for part in (talk.notes.strip(), *evidence) if part),
        what_worked=_technique_list([talk] if _went_well(talk) else [], p.language),
        what_did_not=_technique_list([talk] if _went_badly(talk) else [], p.language))
    return _anonymized(vault, card, first)


def draft_from_journey(vault, contact_id: int, language: str) -> StoryDraft:
    contact = vault.repos.contacts.get(contact_id)
    p = Phrases(language)
    talks = _talks(vault, contact_id)
    stages = vault.repos.stage_changes.history(contact_id)
    observations = [o for o in vault.repos.observations.for_contact(contact_id) if o.evidence.strip()]
    days = [t.occurred_at.date() for t in talks] + [s.changed_on for s in stages] \
        + [o.observed_on for o in observations]
    first = talks[0].occurred_at.date() if talks else min(days, default=None)
    events = [(t.occurred_at.date(), 0, t.notes) for t in talks if t.notes.strip()]
    events += [(s.changed_on, 1, _stage_line(s, p)) for s in stages]
    events += [(o.observed_on, 2, o.evidence) for o in observations]
    duration = span_phrase(first, max(days), language) if first else ""
    card = StoryCard(
        title=p._("{role}, {when}").format(role=p._(contact.relationship.label), when=duration)
        if duration else p._(contact.relationship.label),
        relationship=contact.relationship, language=p.language,
        stage_before=Stage(stages[0].stage) if stages else None,
        stage_after=Stage(stages[-1].stage) if len(stages) > 1 else None,
        duration=duration, techniques=_techniques(talks),
        story=_chronicle(sorted(events, key=lambda e: (e[0], e[1])), first, language),
        what_worked=_technique_list(_balance(talks, good=True), p.language),
        what_did_not=_technique_list(_balance(talks, good=False), p.language))
    return _anonymized(vault, card, first)


def _anonymized(vault, card: StoryCard, since: date | None) -> StoryDraft:
    names = names_in_vault(vault, card.language)
    originals, flags = {}, {}
    for name in FREE_TEXT:
        text = getattr(card, name)
        originals[name] = text
        flags[name] = find_names(text, names, card.language, since)
        setattr(card, name, _fit(apply(text, flags[name]), LIMITS[name]))
    return StoryDraft(card, originals, flags, names, since)


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _first_talk(vault, contact_id: int) -> date | None:
    talks = _talks(vault, contact_id, limit=1)
    return talks[0].occurred_at.date() if talks else None


def _talks(vault, contact_id: int, limit: int = MAX_CONVERSATIONS) -> list[Conversation]:
    """The person's conversations, oldest first, a page at a time."""
    from commsdesk.storage.conversations import ConversationFilter

    flt = ConversationFilter(contact_id=contact_id)
    talks: list[Conversation] = []
    while len(talks) < limit:
        page = vault.repos.conversations.list(flt, descending=False, limit=min(200, limit),
                                              after=talks[-1] if talks else None)
        if not page:
            break
        talks += page
    return talks[:limit]


def _stages_around(vault, contact_id: int, day: date) -> tuple[Stage | None, Stage | None]:
    history = vault.repos.stage_changes.history(contact_id)
    before = [s for s in history if s.changed_on < day]
    after = [s for s in history if day <= s.changed_on <= day + STAGE_WINDOW]
    return (Stage(before[-1].stage) if before else None, Stage(after[-1].stage) if after else None)


def _stage_line(change, p: Phrases) -> str:
    line = p._(Stage(change.stage).label)
    return f"{line}: {change.evidence.strip()}" if change.evidence.strip() else line


def _chronicle(events: list[tuple[date, int, str]], first: date | None, language: str) -> str:
    """One paragraph per moment, each opened by when it happened: "Через три месяца. …"."""
    parts, length = [], 0
    for day, _kind, text in events:
        when = relative_time(first, day, language) if first else ""
        part = f"{when[:1].upper()}{when[1:]}. {text.strip()}" if when else text.strip()
        if length + len(part) > LIMITS["story"]:
            parts.append("…")
            break
        parts.append(part)
        length += len(part) + 2
    return "\n\n".join(parts)


def _techniques(talks: list[Conversation]) -> list[str]:
    seen: dict[str, None] = {}
    for talk in talks:
        seen.update(dict.fromkeys(t for t in talk.techniques if TECHNIQUE_ID.fullmatch(t)))
    return list(seen)[:MAX_TECHNIQUES]


# The journal keeps no rating per technique: the user marks the talk itself (a rating of 1–5, or how it
# ended), and a technique counts as helpful only where the talk it was used in was marked so.
def _went_well(talk: Conversation) -> bool:
    if talk.self_rating is not None:
        return talk.self_rating >= 4
    return talk.ending == Ending.WARM


def _went_badly(talk: Conversation) -> bool:
    if talk.self_rating is not None:
        return talk.self_rating <= 2
    return talk.ending in (Ending.QUARREL, Ending.CUT_SHORT)


def _balance(talks: list[Conversation], good: bool) -> list[str]:
    """Techniques used in more talks that went well than badly (`good`), or the reverse: one used
    in both kinds of talk is listed on the side it leaned to, never on both."""
    score: dict[str, int] = {}
    for talk in talks:
        weight = 1 if _went_well(talk) else -1 if _went_badly(talk) else 0
        for technique in talk.techniques:
            if TECHNIQUE_ID.fullmatch(technique):
                score[technique] = score.get(technique, 0) + weight
    return [t for t, value in score.items() if (value > 0 if good else value < 0)][:MAX_TECHNIQUES]


def _technique_list(talks: list[Conversation] | list[str], language: str) -> str:
    """The techniques of those talks (or those technique ids), one library title a line (plain
    text, no list marks)."""
    from commsdesk.library.catalog import articles

    library = articles(language)
    ids = [t for t in talks if isinstance(t, str)] or _techniques([t for t in talks
                                                                    if not isinstance(t, str)])
    return "\n".join(library[i].title if i in library else i for i in ids)
