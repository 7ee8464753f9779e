"""One export record at a time: the fields of each section with their JSON types, and the checks
that answer any value, of any JSON type, with a problem naming the field, never an exception."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from commsdesk.domain import (
    AgeGroup,
    Channel,
    Ending,
    MediaKind,
    PlanStatus,
    Relationship,
    StepStatus,
    Temperature,
)
from commsdesk.i18n import N_, _
from commsdesk.storage.errors import VaultError
from commsdesk.transfer.json_stream import short_label

MAX_TEXT = 1_000_000
MAX_LIST = 1000
_SURROGATE = re.compile("[\ud800-\udfff]")

# field -> kind; a trailing "?" allows null.
SPEC: dict[str, dict[str, str]] = {
    "dimensions": {"uid": "uid", "key": "str?", "name": "text", "better_when": "direction",
                   "builtin": "bool", "position": "int", "archived": "bool"},
    "contacts": {"uid": "uid", "display_name": "name", "relationship": "relationship",
                 "region": "text", "age_group": "age_group", "channels": "channels",
                 "media_diet": "media", "values_interests": "text", "topics_to_avoid": "text",
                 "safety_notes": "text", "tags": "strings", "stay_in_touch_weeks": "weeks?",
                 "archived": "bool", "created_at": "datetime", "updated_at": "datetime",
                 "phones": "strings", "address": "text"},
    "conversations": {"uid": "uid", "contact_uid": "contact", "occurred_at": "minute",
                      "channel": "channel", "duration_minutes": "count?", "topics": "strings",
                      "techniques": "strings", "notes": "text", "temperature": "temperature",
                      "ending": "ending", "self_rating": "rating?", "follow_up_on": "date?",
                      "created_at": "datetime", "updated_at": "datetime"},
    "observations": {"uid": "uid", "contact_uid": "contact", "dimension_uid": "dimension",
                     "observed_on": "date", "value": "scale", "evidence": "text",
                     "conversation_uid": "conversation?", "created_at": "datetime",
                     "updated_at": "datetime"},
    "plans": {"uid": "uid", "contact_uid": "contact", "goal": "name",
              "realistic_expectation": "text", "status": "plan_status", "started_on": "date?",
              "review_on": "date?", "created_at": "datetime", "updated_at": "datetime",
              "expected_months": "months?", "shared_values": "text", "topics_to_avoid": "text",
              "techniques": "strings", "steps": "steps"},
    "reminders": {"uid": "uid", "contact_uid": "contact?", "conversation_uid": "conversation?",
                  "due_on": "date", "note": "text", "done_at": "datetime?",
                  "created_at": "datetime", "updated_at": "datetime"},
    "reflections": {"uid": "uid", "written_at": "datetime", "mood": "rating?", "hard": "text",
                    "helped": "text", "notes": "text", "contact_uid": "contact?",
                    "created_at": "datetime", "updated_at": "datetime"},
    "library_marks": {"uid": "uid", "article_id": "name", "bookmarked": "bool",
                      "progress": "fraction", "note": "text"},
    "stage_changes": {"uid": "uid", "contact_uid": "contact", "stage": "stage",
                      "evidence": "text", "changed_on": "date"},
    "prep_sheets": {"uid": "uid", "contact_uid": "contact", "plan_uid": "plan?",
                    "planned_for": "date?", "goal": "text", "opening": "text", "questions": "strings",
                    "story": "text", "narratives": "narratives", "boundary": "text",
                    "exit_line": "text", "techniques": "strings", "review": "review?",
                    "created_at": "datetime", "updated_at": "datetime"},
    "strategy_templates": {"uid": "uid", "body": "template"},
    "club_stories": {"uid": "uid", "card": "story_card", "source_file": "text", "imported_on": "date",
                     "club": "text"},
    "content_packs": {"uid": "uid", "data": "pack_data", "imported_on": "date"},
    "trusted_keys": {"uid": "public_key", "label": "text", "added_on": "date"},
    "practice_log": {"uid": "uid", "kind": "practice_kind", "item_id": "name",
                     "practised_at": "datetime", "role": "text", "reply": "text", "ticks": "strings",
                     "what_worked": "text"},
}
# Fields added after version 1 was published: files from older apps lack them.
_ADDED_LATER = {"contacts": {"phones": list, "address": str}}
_REVIEW = {"reviewed_on": "date", "outcome": "text", "versus_plan": "versus_plan",
           "versus_expectation": "versus_expectation", "dimension_uid": "dimension?",
           "view_before": "scale?", "view_after": "scale?", "feelings": "text",
           "conversation_uid": "conversation?"}
_TEMPLATE = {"title": "name", "language": "str", "stage": "str", "expected_months": "months",
             "techniques": "strings", "goal": "text", "small_win": "text", "shared_values": "text",
             "topics_to_avoid": "text", "steps": "pairs"}
_STEP = {"uid": "uid", "title": "name", "expectation": "text", "status": "step_status",
         "due_on": "date?", "done_on": "date?"}
_ENUMS = {"relationship": Relationship, "age_group": AgeGroup, "channel": Channel,
          "temperature": Temperature, "ending": Ending, "plan_status": PlanStatus,
          "step_status": StepStatus}


@dataclass(frozen=True)
class Problem:
    section: str
    index: int | None
    field: str
    message: str  # msgid

    def user_message(self) -> str:
        if self.index is None:
            return _("{section}: {problem}").format(section=self.section, problem=_(self.message))
        return _("{section} #{index}, field “{field}”: {problem}").format(
            section=self.section, index=self.index + 1, field=self.field, problem=_(self.message))


def with_defaults(section: str, record: Any) -> Any:
    if isinstance(record, dict):
        for name, default in _ADDED_LATER.get(section, {}).items():
            record.setdefault(name, default())
    return record


def check_record(section: str, index: int, record: Any, spec: dict[str, str]) -> list[Problem]:
    if not isinstance(record, dict):
        return [Problem(section, index, "", N_("must be an object"))]
    problems = [Problem(section, index, short_label(str(name)), N_("unknown field")) for name in record
                if name not in spec]
    for name, kind in spec.items():
        if name not in record:
            problems.append(Problem(section, index, name, N_("is missing")))
            continue
        message = _check_value(kind, record[name])
        if message:
            problems.append(Problem(section, index, name, message))
        elif kind == "steps":
            for step_index, step in enumerate(record[name]):
                for p in check_record(section, index, step, _STEP):
                    problems.append(Problem(section, index, f"steps[{step_index}].{p.field}",
                                            p.message))
    return problems


def _one_of(value: Any, allowed: Iterable[str]) -> bool:
    """Membership for a value of any JSON type: lists and objects are simply not members."""
    return isinstance(value, str) and value in allowed


def _is_text(value: Any, limit: int) -> bool:
    return isinstance(value, str) and len(value) <= limit and (
        value.isascii() or not _SURROGATE.search(value))


_BOUNDS = {"int": (-(2**31), 2**31), "count": (0, 100_000), "weeks": (1, 520), "rating": (1, 5),
           "scale": (0, 10), "months": (1, 120)}


def _check_value(kind: str, value: Any) -> str | None:
    nullable = kind.endswith("?")
    kind = kind.rstrip("?")
    if value is None:
        return None if nullable else N_("must not be empty")
    if kind in ("uid", "name", "text", "str", "contact", "conversation", "dimension", "plan"):
        if not isinstance(value, str):
            return N_("must be text")
        if len(value) > MAX_TEXT or (kind == "uid" and len(value) > 100):
            return N_("is too long")
        if not _is_text(value, MAX_TEXT):
            return N_("contains characters that are not text")
        if kind in ("uid", "name") and not value.strip():
            return N_("must not be empty")
        return None
    if kind == "bool":
        return None if isinstance(value, bool) else N_("must be true or false")
    if kind in _BOUNDS:
        if type(value) is not int:
            return N_("must be a whole number")
        low, high = _BOUNDS[kind]
        return None if low <= value <= high else N_("is out of range")
    if kind == "stage":
        from commsdesk.planner.stages import Stage

        return None if _one_of(value, {s.value for s in Stage}) else N_("has an unknown value")
    if kind == "fraction":
        ok = type(value) in (int, float) and 0 <= value <= 1
        return None if ok else N_("must be a number from 0 to 1")
    if kind == "direction":
        return None if _one_of(value, ("higher", "lower")) else N_("must be higher or lower")
    if kind in _ENUMS:
        return None if _one_of(value, {e.value for e in _ENUMS[kind]}) else N_("has an unknown value")
    if kind in ("date", "datetime", "minute"):
        return _check_moment(kind, value)
    if kind in ("story_card", "pack_data", "public_key", "practice_kind"):
        return _check_club(kind, value)
    if kind in ("versus_plan", "versus_expectation"):
        from commsdesk.storage.prep_sheets import VERSUS_EXPECTATION, VERSUS_PLAN

        allowed = VERSUS_PLAN if kind == "versus_plan" else VERSUS_EXPECTATION
        return None if _one_of(value, allowed) else N_("has an unknown value")
    if kind in ("review", "template"):
        if not isinstance(value, dict):
            return N_("must be an object")
        problems = check_record("", 0, value, _REVIEW if kind == "review" else _TEMPLATE)
        return problems[0].message if problems else None
    if kind == "narratives":
        ok = isinstance(value, list) and len(value) <= MAX_LIST and all(
            isinstance(v, dict) and set(v) == {"article_id", "response"}
            and all(_is_text(x, MAX_TEXT) for x in v.values()) for v in value)
        return None if ok else N_("has an invalid entry")
    if kind == "pairs":
        ok = isinstance(value, list) and len(value) <= MAX_LIST and all(
            isinstance(v, list) and len(v) == 2 and all(_is_text(x, MAX_TEXT) for x in v)
            for v in value)
        return None if ok else N_("has an invalid entry")
    if kind in ("strings", "channels", "media", "steps"):
        return _check_list(kind, value)
    return N_("has an unknown value")


def _check_club(kind: str, value: Any) -> str | None:
    """Cards and packs are checked by their own readers, exactly as when they were imported."""
    import base64
    import binascii

    if kind == "practice_kind":
        return None if _one_of(value, ("roleplay", "drill")) else N_("has an unknown value")
    if kind == "public_key":
        ok = isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)
        return None if ok else N_("has an unknown value")
    try:
        if kind == "story_card":
            from commsdesk.club.story_file import card_from_document

            card_from_document(value)
        else:
            from commsdesk.club.packs import read_pack

            if not isinstance(value, str):
                return N_("must be text")
            if not value.isascii():
                return N_("is damaged or not valid")
            read_pack(base64.b64decode(value, validate=True))
    except (VaultError, binascii.Error, ValueError):
        return N_("is damaged or not valid")
    return None


def _check_moment(kind: str, value: Any) -> str | None:
    if not isinstance(value, str) or len(value) > 40:
        return N_("must be a date")
    try:
        if kind == "date":
            date.fromisoformat(value)
        else:
            parsed = datetime.fromisoformat(value)
            if kind == "minute" and parsed.tzinfo is not None:
                return N_("must be a local date and time")
    except ValueError:
        return N_("must be a date")
    return None


def _check_list(kind: str, value: Any) -> str | None:
    if not isinstance(value, list):
        return N_("must be a list")
    if len(value) > MAX_LIST:
        return N_("is too long")
    if kind == "strings":
        ok = all(_is_text(v, 1000) for v in value)
        return None if ok else N_("must be a list of short texts")
    if kind == "channels":
        channels = {c.value for c in Channel}
        return None if all(_one_of(v, channels) for v in value) else N_("has an unknown value")
    if kind == "media":
        kinds = {m.value for m in MediaKind}
        ok = all(isinstance(v, dict) and set(v) == {"kind", "name"} and _one_of(v["kind"], kinds)
                 and _is_text(v["name"], 1000) for v in value)
        return None if ok else N_("has an invalid media entry")
    return None  # steps are checked field by field
