"""The exchange format declared once: for each record type, its fields in the order of the file, with
their JSON type, codec, whether null is allowed, what a uid refers to, and the domain attribute.
The export writes records from it, the import checks them and builds the domain's records with it."""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from commsdesk.domain import (
    AgeGroup,
    Channel,
    Contact,
    Conversation,
    Ending,
    MediaKind,
    MediaSource,
    NarrativeResponse,
    Observation,
    Plan,
    PlanStatus,
    PlanStep,
    PrepSheet,
    Reflection,
    Relationship,
    Reminder,
    StepStatus,
    TalkReview,
    Temperature,
)
from commsdesk.i18n import N_
from commsdesk.storage.club import PracticeEntry
from commsdesk.storage.stages import StageChange
from commsdesk.transfer.json_stream import short_label
from commsdesk.transfer.value_types import (
    COPY,
    DATE,
    DATETIME,
    FLOAT,
    MAX_TEXT,
    MINUTE,
    PLAIN,
    Bool,
    ByReader,
    Choice,
    Codec,
    Entries,
    EnumCodec,
    EnumListCodec,
    Fraction,
    JsonType,
    ListOf,
    Moment,
    OptionalEnumCodec,
    Ref,
    Text,
    Whole,
    enum_choice,
    is_text,
    one_of,
)


@dataclass(frozen=True)
class Field:
    name: str
    type: JsonType
    nullable: bool = False
    codec: Codec = PLAIN
    attr: str | None = None  # the domain attribute, when it is not called like the field
    ref: str | None = None  # the section whose uid this is
    default: Callable[[], Any] | None = None  # added after version 1 was published: may be missing
    read: Callable[[Any], Any] | None = None  # the value from a domain object, when not an attribute

    def check(self, value: Any) -> str | None:
        if value is None:
            return None if self.nullable else N_("must not be empty")
        return self.type.check(value)


@dataclass(frozen=True)
class RecordType:
    fields: tuple[Field, ...]
    build: Callable[..., Any] | None = None  # the domain class, built from keyword arguments

    def names(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    def dump(self, obj: Any, refs: Any) -> dict[str, Any]:
        """The record of a domain object, fields in the order of the file."""
        record = {}
        for name, attr, dump in self.dumpers:
            value = getattr(obj, attr) if isinstance(attr, str) else attr(obj)
            record[name] = value if dump is None else dump(value, refs)
        return record

    @cached_property
    def dumpers(self) -> list[tuple[str, Any, Any]]:
        """(field, attribute name or reader, codec's dump or None), worked out once per type: the
        export calls them for every record of the vault."""
        return [(f.name, f.read or f.attr or f.name, None if f.codec is PLAIN else f.codec.dump)
                for f in self.fields]

    def load(self, record: dict[str, Any], refs: Any) -> Any:
        """The domain object of a checked record."""
        assert self.build is not None
        return self.build(**{f.attr or f.name: f.codec.load(record[f.name], refs)
                             for f in self.fields if f.read is None})


class Nested(JsonType, Codec):
    """An object inside a record (a review, a template's body): its first problem, if any."""

    def __init__(self, record: RecordType):
        self.record = record

    def check(self, value: Any) -> str | None:
        if not isinstance(value, dict):
            return N_("must be an object")
        problems = list(problems_of(value, self.record))
        return problems[0][1] if problems else None

    def dump(self, value: Any, refs: Any) -> Any:
        return None if value is None else self.record.dump(value, refs)

    def load(self, value: Any, refs: Any) -> Any:
        return None if value is None else self.record.load(value, refs)


class Records(ListOf, Codec):
    """A list of objects inside a record (a plan's steps), each checked field by field."""

    def __init__(self, record: RecordType):
        super().__init__(lambda _v: True, "")
        self.record = record

    def dump(self, value: Any, refs: Any) -> Any:
        return [self.record.dump(v, refs) for v in value]

    def load(self, value: Any, refs: Any) -> Any:
        return [self.record.load(v, refs) for v in value]


class Items(Codec):
    """A list of small domain objects written as objects (media diet, narratives)."""

    def __init__(self, build: Callable[..., Any], names: tuple[str, ...], enum=None):
        self.build, self.names, self.enum = build, names, enum

    def dump(self, value: Any, refs: Any) -> Any:
        first, *rest = self.names
        return [{first: self._out(getattr(v, first)), **{n: getattr(v, n) for n in rest}}
                for v in value]

    def _out(self, value: Any) -> Any:
        return value.value if self.enum else value

    def load(self, value: Any, refs: Any) -> Any:
        first, *rest = self.names
        return [self.build(self.enum(v[first]) if self.enum else v[first], *(v[n] for n in rest))
                for v in value]


def problems_of(record: dict[str, Any], record_type: RecordType):
    """(field, msgid) for every problem of an object: unknown fields first, then in field order."""
    fields = record_type.names()
    for name in record:
        if name not in fields:
            yield short_label(str(name)), N_("unknown field")
    for f in record_type.fields:
        if f.name not in record:
            yield f.name, N_("is missing")
            continue
        message = f.check(record[f.name])
        if message:
            yield f.name, message
        elif isinstance(f.type, Records):
            for index, item in enumerate(record[f.name]):
                if not isinstance(item, dict):
                    yield f"{f.name}[{index}].", N_("must be an object")
                    continue
                for name, problem in problems_of(item, f.type.record):
                    yield f"{f.name}[{index}].{name}", problem


# -- the JSON types ------------------------------------------------------------------------------

UID = Text(max_len=100, not_empty=True)
NAME = Text(not_empty=True)
TEXT = Text()
BOOL = Bool()
STRINGS = ListOf(lambda v: is_text(v, 1000), N_("must be a list of short texts"))
CHANNELS = ListOf(lambda v: one_of(v, {c.value for c in Channel}), N_("has an unknown value"))
MEDIA = ListOf(lambda v: isinstance(v, dict) and set(v) == {"kind", "name"}
               and one_of(v["kind"], {m.value for m in MediaKind}) and is_text(v["name"], 1000),
               N_("has an invalid media entry"))
NARRATIVES = Entries(lambda v: isinstance(v, dict) and set(v) == {"article_id", "response"}
                     and all(is_text(x, MAX_TEXT) for x in v.values()))
PAIRS = Entries(lambda v: isinstance(v, list) and len(v) == 2 and all(is_text(x, MAX_TEXT) for x in v))
ON, AT, LOCAL = Moment("date"), Moment("datetime"), Moment("minute")
MONTHS = Whole(1, 120)
SCALE = Whole(0, 10)
RATING = Whole(1, 5)


def _stages() -> tuple[str, ...]:
    from commsdesk.planner.stages import Stage

    return tuple(s.value for s in Stage)


def _versus(name: str) -> Callable[[], tuple[str, ...]]:
    def values() -> tuple[str, ...]:
        from commsdesk.storage import prep_sheets

        return getattr(prep_sheets, name)
    return values


def _read_card(value: Any) -> None:
    from commsdesk.club.story_file import card_from_document

    card_from_document(value)


def _read_pack(value: Any) -> str | None:
    from commsdesk.club.packs import read_pack

    if not isinstance(value, str):
        return N_("must be text")
    if not value.isascii():
        return N_("is damaged or not valid")
    read_pack(base64.b64decode(value, validate=True))
    return None


class PublicKey(JsonType):
    def check(self, value: Any) -> str | None:
        ok = isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)
        return None if ok else N_("has an unknown value")


def _f(name: str, json_type: JsonType, codec: Codec = PLAIN, nullable: bool = False, **kw) -> Field:
    return Field(name, json_type, nullable, codec, **kw)


def _ref(name: str, section: str, nullable: bool = False) -> Field:
    return Field(name, TEXT, nullable, Ref(section), attr=section[:-1] + "_id", ref=section)


def _stamps() -> tuple[Field, Field]:
    return _f("created_at", AT, DATETIME), _f("updated_at", AT, DATETIME)


def _enum(name: str, enum, nullable: bool = False) -> Field:
    if nullable:  # null means "not said" (a mood or an ending since app version 0.3)
        return _f(name, enum_choice(enum), OptionalEnumCodec(enum), nullable=True)
    return _f(name, enum_choice(enum), EnumCodec(enum))


STEP = RecordType((
    _f("uid", UID), _f("title", NAME), _f("expectation", TEXT), _enum("status", StepStatus),
    _f("due_on", ON, DATE, True), _f("done_on", ON, DATE, True)), PlanStep)
REVIEW = RecordType((
    _f("reviewed_on", ON, DATE), _f("outcome", TEXT),
    _f("versus_plan", Choice(_versus("VERSUS_PLAN"))),
    _f("versus_expectation", Choice(_versus("VERSUS_EXPECTATION"))),
    _ref("dimension_uid", "dimensions", True), _f("view_before", SCALE, nullable=True),
    _f("view_after", SCALE, nullable=True), _f("feelings", TEXT),
    _ref("conversation_uid", "conversations", True)), TalkReview)
TEMPLATE = RecordType((
    _f("title", NAME), _f("language", TEXT), _f("stage", TEXT), _f("expected_months", MONTHS),
    _f("techniques", STRINGS), _f("goal", TEXT), _f("small_win", TEXT), _f("shared_values", TEXT),
    _f("topics_to_avoid", TEXT), _f("steps", PAIRS)))

TABLE: dict[str, RecordType] = {
    "dimensions": RecordType((
        _f("uid", UID), _f("key", TEXT, nullable=True), _f("name", TEXT),
        _f("better_when", Choice(("higher", "lower"), N_("must be higher or lower"))),
        _f("builtin", BOOL), _f("position", Whole(-(2**31), 2**31)), _f("archived", BOOL))),
    "contacts": RecordType((
        _f("uid", UID), _f("display_name", NAME), _enum("relationship", Relationship),
        _f("region", TEXT), _enum("age_group", AgeGroup),
        _f("channels", CHANNELS, EnumListCodec(Channel)),
        _f("media_diet", MEDIA, Items(MediaSource, ("kind", "name"), MediaKind)),
        _f("values_interests", TEXT), _f("topics_to_avoid", TEXT), _f("safety_notes", TEXT),
        _f("tags", STRINGS, COPY), _f("stay_in_touch_weeks", Whole(1, 520), nullable=True),
        _f("archived", BOOL), _f("phones", STRINGS, COPY, default=list),
        _f("address", TEXT, default=str), *_stamps()), Contact),
    "conversations": RecordType((
        _f("uid", UID), _ref("contact_uid", "contacts"), _f("occurred_at", LOCAL, MINUTE),
        _enum("channel", Channel), _f("duration_minutes", Whole(0, 100_000), nullable=True),
        _f("topics", STRINGS, COPY), _f("techniques", STRINGS, COPY), _f("notes", TEXT),
        _enum("temperature", Temperature, True), _enum("ending", Ending, True),
        _f("self_rating", RATING, nullable=True), _f("follow_up_on", ON, DATE, True),
        *_stamps()), Conversation),
    "observations": RecordType((
        _f("uid", UID), _ref("contact_uid", "contacts"), _ref("dimension_uid", "dimensions"),
        _f("observed_on", ON, DATE), _f("value", SCALE), _f("evidence", TEXT),
        _ref("conversation_uid", "conversations", True), *_stamps()), Observation),
    "plans": RecordType((
        _f("uid", UID), _ref("contact_uid", "contacts"), _f("goal", NAME),
        _f("realistic_expectation", TEXT), _enum("status", PlanStatus),
        _f("started_on", ON, DATE, True), _f("review_on", ON, DATE, True), *_stamps(),
        _f("expected_months", MONTHS, nullable=True), _f("shared_values", TEXT),
        _f("topics_to_avoid", TEXT), _f("techniques", STRINGS, COPY),
        _f("steps", Records(STEP), Records(STEP))), Plan),
    "reminders": RecordType((
        _f("uid", UID), _ref("contact_uid", "contacts", True),
        _ref("conversation_uid", "conversations", True), _f("due_on", ON, DATE),
        _f("note", TEXT), _f("done_at", AT, DATETIME, True), *_stamps()), Reminder),
    "reflections": RecordType((
        _f("uid", UID), _f("written_at", AT, DATETIME), _f("mood", RATING, nullable=True),
        _f("hard", TEXT), _f("helped", TEXT), _f("notes", TEXT),
        _ref("contact_uid", "contacts", True), *_stamps()), Reflection),
    "library_marks": RecordType((
        _f("uid", UID, read=lambda m: f"article:{m.article_id}"), _f("article_id", NAME),
        _f("bookmarked", BOOL), _f("progress", Fraction(), FLOAT), _f("note", TEXT))),
    "stage_changes": RecordType((
        _f("uid", UID), _ref("contact_uid", "contacts"), _f("stage", Choice(_stages)),
        _f("evidence", TEXT), _f("changed_on", ON, DATE)), StageChange),
    "prep_sheets": RecordType((
        _f("uid", UID), _ref("contact_uid", "contacts"), _ref("plan_uid", "plans", True),
        _f("planned_for", ON, DATE, True), _f("goal", TEXT), _f("opening", TEXT),
        _f("questions", STRINGS, COPY), _f("story", TEXT),
        _f("narratives", NARRATIVES, Items(NarrativeResponse, ("article_id", "response"))),
        _f("boundary", TEXT), _f("exit_line", TEXT), _f("techniques", STRINGS, COPY),
        _f("review", Nested(REVIEW), Nested(REVIEW), True), *_stamps()), PrepSheet),
    "strategy_templates": RecordType((_f("uid", UID), _f("body", Nested(TEMPLATE)))),
    "club_stories": RecordType((
        _f("uid", UID), _f("card", ByReader(_read_card)), _f("source_file", TEXT),
        _f("imported_on", ON), _f("club", TEXT))),
    "content_packs": RecordType((_f("uid", UID), _f("data", ByReader(_read_pack)), _f("imported_on", ON))),
    "trusted_keys": RecordType((_f("uid", PublicKey()), _f("label", TEXT), _f("added_on", ON))),
    "practice_log": RecordType((
        _f("uid", UID), _f("kind", Choice(("roleplay", "drill"))), _f("item_id", NAME),
        _f("practised_at", AT, DATETIME), _f("role", TEXT), _f("reply", TEXT),
        _f("ticks", STRINGS, COPY), _f("what_worked", TEXT)), PracticeEntry),
}
SECTIONS = tuple(TABLE)


@cache
def references(section: str) -> tuple[tuple[str, str], ...]:
    """(field, section it refers to) for a record, the fields of a nested object included."""
    out = []
    for f in TABLE[section].fields:
        if f.ref:
            out.append((f.name, f.ref))
        elif isinstance(f.type, Nested):
            out += [(g.name, g.ref) for g in f.type.record.fields if g.ref]
    return tuple(out)
