"""Practice drills (resources/club/drills.json): a relative's line, good example replies, a self-check."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from commsdesk.domain.enums import Labelled
from commsdesk.i18n import N_
from commsdesk.paths import resources_dir

FORMAT = "commsdesk-drills"
FORMAT_VERSION = 1
LANGUAGES = ("ru", "en")


class ReplyKind(Labelled):
    REFLECTION = "reflection"
    OPEN_QUESTION = "open_question"
    STORY = "story"
    SHARED_VALUE = "shared_value"
    BOUNDARY = "boundary"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "reflection": N_("Reflection"), "open_question": N_("Open question"),
            "story": N_("Personal story"), "shared_value": N_("Shared value"),
            "boundary": N_("Boundary"),
        }


@dataclass(frozen=True)
class ExampleReply:
    kind: ReplyKind
    text: str
    why: str  # one sentence: what this reply does


@dataclass(frozen=True)
class ChecklistItem:
    id: str  # stable: the practice history may store which items the user ticked
    text: str


@dataclass(frozen=True)
class Drill:
    id: str
    narrative: str | None  # a library narrative article id
    article: str | None  # a scenario, technique or safety article where the line fits better
    difficulty: int  # 1 (gentle) to 3 (hard)
    stage: str  # planner.stages.Stage value the line is typical for
    speaker: str
    context: str
    line: str
    examples: tuple[ExampleReply, ...]

    @property
    def articles(self) -> tuple[str, ...]:
        """The library articles to read with this drill, narrative first."""
        return tuple(a for a in (self.narrative, self.article) if a)


def _language(language: str) -> str:
    return language if language in LANGUAGES else "en"


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    data = json.loads((resources_dir() / "club" / "drills.json").read_text("utf-8"))
    if data.get("format") != FORMAT or data.get("version") != FORMAT_VERSION:
        raise ValueError(f"unsupported drills file: {data.get('format')} {data.get('version')}")
    return data


@lru_cache(maxsize=2)
def drills(language: str) -> tuple[Drill, ...]:
    """Every drill in the file's order, with the texts of one language (unknown codes: English)."""
    language = _language(language)
    out = []
    for item in _data()["drills"]:
        text = item[language]
        examples = tuple(ExampleReply(ReplyKind(e["kind"]), e["text"], e["why"])
                         for e in text["examples"])
        out.append(Drill(item["id"], item.get("narrative"), item.get("article"),
                         int(item["difficulty"]), item["stage"], text["speaker"], text["context"],
                         text["line"], examples))
    return tuple(out)


@lru_cache(maxsize=2)
def checklist(language: str) -> tuple[ChecklistItem, ...]:
    language = _language(language)
    return tuple(ChecklistItem(item["id"], item[language]) for item in _data()["checklist"])


def drill(drill_id: str, language: str) -> Drill:
    """One drill by id; KeyError when no drill has it (for example, a history row of a removed drill)."""
    for found in drills(language):
        if found.id == drill_id:
            return found
    raise KeyError(drill_id)


def kinds() -> dict[str, str]:
    """Reply kind value -> label msgid (translate with `_()` when shown)."""
    return {kind.value: kind.label for kind in ReplyKind}


def next_drill(language: str, practised: dict[str, date], today: date,
               rng: random.Random | None = None, narrative: str | None = None) -> Drill:
    """The drill to offer next: one never practised if any, else the least recently practised.

    `practised` maps drill ids to the last day each was practised; ids of drills no longer shipped
    are ignored. `narrative` keeps drills that name this article as narrative or as article.
    Among equally good drills `rng` chooses; without it, the first in the file's order wins.
    A date after `today` (a clock set wrong once) counts as today, so that drill is not kept out of
    the rotation for years. LookupError when no drill matches `narrative`.
    """
    candidates = [d for d in drills(language) if narrative is None or narrative in d.articles]
    if not candidates:
        raise LookupError(narrative)
    fresh = [d for d in candidates if d.id not in practised]
    if fresh:
        best = fresh
    else:
        last = {d.id: min(practised[d.id], today) for d in candidates}
        oldest = min(last.values())
        best = [d for d in candidates if last[d.id] == oldest]
    return rng.choice(best) if rng is not None else best[0]
