"""The story card file (docs/story-card-format.md): deterministic export, and a reader that checks every
byte of a stranger's file and answers any input with a card or a StoryCardInvalid, never a crash."""

from __future__ import annotations

import json
import re
import uuid
from datetime import date
from typing import Any

from commsdesk.club.story_card import (
    FORMAT,
    LIMITS,
    MAX_BYTES,
    MAX_TECHNIQUES,
    ONE_LINE,
    TECHNIQUE_ID,
    VERSION,
    StoryCard,
    StorySource,
)
from commsdesk.domain import Relationship
from commsdesk.errors import Msg, UserError
from commsdesk.i18n import N_, SUPPORTED, _
from commsdesk.planner.stages import Stage

MAX_DEPTH = 4  # the format needs two levels (the card, its list of techniques)
MAX_FILE_NAME = 255
REQUIRED = ("format", "version", "id", "language", "title", "relationship", "created")
OPTIONAL: dict[str, object] = {
    "stage_before": None, "stage_after": None, "duration": "", "techniques": [], "story": "",
    "what_worked": "", "what_did_not": "", "tip": ""}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_MONTH = re.compile(r"(2\d{3})-(0[1-9]|1[0-2])")
_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)


class StoryCardInvalid(UserError):
    msgid = N_("This story card cannot be used: {reason}. Nothing was written.")

    def __init__(self, reason: str, field: str = ""):
        super().__init__(reason=Msg(reason), field=field)

    def user_message(self) -> str:
        reason = _(str(self.params["reason"]))
        if self.params["field"]:
            message = _("This story card cannot be used: field “{field}”: {reason}. Nothing was written.")
            return message.format(field=self.params["field"], reason=reason)
        return _(self.msgid).format(reason=reason)


# -- export --------------------------------------------------------------------------------
def card_document(card: StoryCard) -> dict[str, Any]:
    """The card as the JSON object of the file, keys in the documented order (no `source`)."""
    return {"format": FORMAT, "version": VERSION, "id": card.id, "language": card.language,
            "title": card.title, "relationship": _value(card.relationship),
            "stage_before": _value(card.stage_before), "stage_after": _value(card.stage_after),
            "duration": card.duration, "techniques": list(card.techniques), "story": card.story,
            "what_worked": card.what_worked, "what_did_not": card.what_did_not, "tip": card.tip,
            "created": card.created}


def _value(member: Any) -> Any:
    return getattr(member, "value", member)


def export_card(card: StoryCard) -> bytes:
    """UTF-8 JSON, the same bytes for the same card; refuses a card its own reader would refuse."""
    document = card_document(card)
    card_from_document(document)
    data = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if len(data) > MAX_BYTES:
        raise StoryCardInvalid(N_("the file is larger than 256 KiB"))
    return data


# -- import --------------------------------------------------------------------------------
def read_card(data: bytes, source_name: str, imported_on: date | None = None) -> StoryCard:
    """A card from a file's bytes, with where it came from; StoryCardInvalid for anything else."""
    card = card_from_document(parse(data))
    card.source = StorySource(file_name(source_name), imported_on or date.today())
    return card


def file_name(source_name: str) -> str:
    """Only the last part of the path, as plain text: "../../x.cdstory.json" → "x.cdstory.json"."""
    name = re.split(r"[\\/]", str(source_name))[-1]
    name = _CONTROL.sub("", name).strip()[:MAX_FILE_NAME]
    return name.encode("utf-8", "replace").decode("utf-8") if name else "?"


def parse(data: bytes) -> Any:
    if not isinstance(data, bytes | bytearray | memoryview):
        raise StoryCardInvalid(N_("the file cannot be read"))
    if len(data) > MAX_BYTES:
        raise StoryCardInvalid(N_("the file is larger than 256 KiB"))
    try:
        text = bytes(data).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise StoryCardInvalid(N_("the file is not UTF-8 text")) from None
    if not text.strip():
        raise StoryCardInvalid(N_("the file is empty"))
    if _depth(text) > MAX_DEPTH:
        raise StoryCardInvalid(N_("the file is nested too deeply"))
    try:
        return json.loads(text, object_pairs_hook=_object, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise StoryCardInvalid(N_("the file is not valid JSON")) from None


def _depth(text: str) -> int:
    deepest = depth = 0
    for ch in re.sub(r"[^\[\]{}]", "", _STRINGS.sub("", text)):
        depth += 1 if ch in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document = dict(pairs)
    if len(document) != len(pairs):
        raise StoryCardInvalid(N_("a field appears twice"))
    return document


def _no_constant(_name: str) -> None:
    raise StoryCardInvalid(N_("the file is not valid JSON"))


def card_from_document(doc: Any) -> StoryCard:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise StoryCardInvalid(N_("this is not a CommsDesk story card"))
    version = doc.get("version")
    if type(version) is not int or version < 1:
        raise StoryCardInvalid(N_("the format version is missing or invalid"))
    if version > VERSION:
        raise StoryCardInvalid(N_("it comes from a newer CommsDesk; update the app"))
    if set(doc) - set(REQUIRED) - set(OPTIONAL):
        raise StoryCardInvalid(N_("it has a field this version does not know"))
    for name in REQUIRED:
        if name not in doc:
            raise StoryCardInvalid(N_("is missing"), name)
    values = {**OPTIONAL, **doc}
    return StoryCard(
        id=_card_id(values["id"]), language=_choice("language", values["language"], SUPPORTED),
        title=_text("title", values["title"], required=True),
        relationship=Relationship(_choice("relationship", values["relationship"],
                                          [r.value for r in Relationship])),
        stage_before=_stage("stage_before", values["stage_before"]),
        stage_after=_stage("stage_after", values["stage_after"]),
        duration=_text("duration", values["duration"]),
        techniques=_techniques(values["techniques"]), story=_text("story", values["story"]),
        what_worked=_text("what_worked", values["what_worked"]),
        what_did_not=_text("what_did_not", values["what_did_not"]),
        tip=_text("tip", values["tip"]), created=_month(values["created"]))


def _text(name: str, value: Any, required: bool = False) -> str:
    if not isinstance(value, str):
        raise StoryCardInvalid(N_("must be text"), name)
    if len(value) > LIMITS[name]:
        raise StoryCardInvalid(N_("is too long"), name)
    if required and not value.strip():
        raise StoryCardInvalid(N_("must not be empty"), name)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise StoryCardInvalid(N_("contains characters that are not text"), name) from None
    if _CONTROL.search(value) or (name in ONE_LINE and ("\n" in value or "\r" in value)):
        raise StoryCardInvalid(N_("contains control characters or line breaks"), name)
    return value


def _choice(name: str, value: Any, allowed) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise StoryCardInvalid(N_("has an unknown value"), name)
    return value


def _stage(name: str, value: Any) -> Stage | None:
    return None if value is None else Stage(_choice(name, value, [s.value for s in Stage]))


def _card_id(value: Any) -> str:
    try:
        if isinstance(value, str) and len(value) == 36 and str(uuid.UUID(value)) == value:
            return value
    except ValueError:
        pass
    raise StoryCardInvalid(N_("must be an identifier (UUID)"), "id")


def _techniques(value: Any) -> list[str]:
    ok = (isinstance(value, list) and len(value) <= MAX_TECHNIQUES
          and all(isinstance(v, str) and TECHNIQUE_ID.fullmatch(v) for v in value)
          and len(set(value)) == len(value))
    if not ok:
        raise StoryCardInvalid(N_("must be a list of different library article ids"), "techniques")
    return list(value)


def _month(value: Any) -> str:
    if not isinstance(value, str) or not _MONTH.fullmatch(value):
        raise StoryCardInvalid(N_("must be a month such as 2026-11"), "created")
    return value
