"""A story card: an anonymized account of how talks with one person went, shared between clubs."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import date

from commsdesk.club.anonymize import Flag, NameToFlag, find_names
from commsdesk.domain import Relationship
from commsdesk.planner.stages import Stage

FORMAT = "commsdesk-story"
VERSION = 1
EXTENSION = ".cdstory.json"
MAX_BYTES = 256 * 1024
MAX_TECHNIQUES = 50
TECHNIQUE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")  # a library article id
# Characters per field; together they always fit in MAX_BYTES, so every valid card can be exported.
LIMITS = {"title": 200, "duration": 200, "story": 30_000, "what_worked": 8_000,
          "what_did_not": 8_000, "tip": 4_000}
FREE_TEXT = tuple(LIMITS)
ONE_LINE = ("title", "duration")


def this_month(today: date | None = None) -> str:
    """A card keeps the month it was written, never the day: "2026-11"."""
    return (today or date.today()).strftime("%Y-%m")


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True)
class StorySource:
    """Where an imported card came from: kept by the importer, never part of the file."""

    file_name: str
    imported_on: date
    club: str = ""  # typed by the user


@dataclass
class StoryCard:
    title: str
    relationship: Relationship  # a role, never a name
    language: str = "ru"
    story: str = ""  # Markdown, shown through the library's sanitiser
    stage_before: Stage | None = None
    stage_after: Stage | None = None
    duration: str = ""  # "за четыре месяца"
    techniques: list[str] = field(default_factory=list)  # library article ids
    what_worked: str = ""
    what_did_not: str = ""
    tip: str = ""
    created: str = field(default_factory=this_month)  # "YYYY-MM"
    id: str = field(default_factory=new_id)
    version: int = VERSION
    source: StorySource | None = None  # set on import only


def check_card(card: StoryCard, names: list[NameToFlag], since: date | None = None) -> dict[str, list[Flag]]:
    """Flags still present in the card's free text, by field (empty: nothing left to deal with).
    The screen refuses to export until each is replaced or the user chose to keep it."""
    found = {}
    for name in FREE_TEXT:
        flags = find_names(getattr(card, name), names, card.language, since)
        if flags:
            found[name] = flags
    return found


def searchable_texts(card: StoryCard) -> tuple[str, ...]:
    """What the Club stories shelf indexes for search: the free text and the source."""
    source = (card.source.file_name, card.source.club) if card.source else ()
    return tuple(getattr(card, name) for name in FREE_TEXT) + source
