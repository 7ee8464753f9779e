"""The JSON types of the exchange format: each answers any value, of any JSON type, with a problem
(a msgid) or None, never an exception; and the codecs between a record's JSON values and the
domain's values."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from enum import Enum
from typing import Any

from commsdesk.i18n import N_

MAX_TEXT = 1_000_000
MAX_LIST = 1000
_SURROGATE = re.compile("[\ud800-\udfff]")


def is_text(value: Any, limit: int) -> bool:
    return isinstance(value, str) and len(value) <= limit and (
        value.isascii() or not _SURROGATE.search(value))


def one_of(value: Any, allowed: Iterable[str]) -> bool:
    """Membership for a value of any JSON type: lists and objects are simply not members."""
    return isinstance(value, str) and value in allowed


class JsonType:
    def check(self, value: Any) -> str | None:
        raise NotImplementedError


class Text(JsonType):
    def __init__(self, max_len: int = MAX_TEXT, not_empty: bool = False):
        self.max_len, self.not_empty = max_len, not_empty

    def check(self, value: Any) -> str | None:
        if not isinstance(value, str):
            return N_("must be text")
        if len(value) > self.max_len:
            return N_("is too long")
        if not is_text(value, MAX_TEXT):
            return N_("contains characters that are not text")
        if self.not_empty and not value.strip():
            return N_("must not be empty")
        return None


class Bool(JsonType):
    def check(self, value: Any) -> str | None:
        return None if isinstance(value, bool) else N_("must be true or false")


class Whole(JsonType):
    def __init__(self, low: int, high: int):
        self.low, self.high = low, high

    def check(self, value: Any) -> str | None:
        if type(value) is not int:
            return N_("must be a whole number")
        return None if self.low <= value <= self.high else N_("is out of range")


class Fraction(JsonType):
    def check(self, value: Any) -> str | None:
        ok = type(value) in (int, float) and 0 <= value <= 1
        return None if ok else N_("must be a number from 0 to 1")


class Choice(JsonType):
    """One of a set of strings; `values` may be a callable so big modules load only when needed."""

    def __init__(self, values: Iterable[str] | Callable[[], Iterable[str]],
                 message: str = N_("has an unknown value")):
        self._values, self.message = values, message
        self._known: frozenset[str] | None = None

    @property
    def values(self) -> frozenset[str]:
        if self._known is None:
            self._known = frozenset(self._values() if callable(self._values) else self._values)
        return self._known

    def check(self, value: Any) -> str | None:
        return None if one_of(value, self.values) else self.message


def enum_choice(enum) -> Choice:
    return Choice(tuple(e.value for e in enum))


class Moment(JsonType):
    """"date", "datetime" (a timestamp) or "minute" (a local time, without offset)."""

    def __init__(self, kind: str):
        self.kind = kind

    def check(self, value: Any) -> str | None:
        if not isinstance(value, str) or len(value) > 40:
            return N_("must be a date")
        try:
            if self.kind == "date":
                date.fromisoformat(value)
            elif datetime.fromisoformat(value).tzinfo is not None and self.kind == "minute":
                return N_("must be a local date and time")
        except ValueError:
            return N_("must be a date")
        return None


class ListOf(JsonType):
    """A list of at most MAX_LIST items, each passing `item` (a predicate) or failing with
    `message`."""

    def __init__(self, item: Callable[[Any], bool], message: str):
        self.item, self.message = item, message

    def check(self, value: Any) -> str | None:
        if not isinstance(value, list):
            return N_("must be a list")
        if len(value) > MAX_LIST:
            return N_("is too long")
        return None if all(self.item(v) for v in value) else self.message


class Entries(JsonType):
    """A short list of small objects or pairs, checked as a whole (narratives, template steps)."""

    def __init__(self, item: Callable[[Any], bool]):
        self.item = item

    def check(self, value: Any) -> str | None:
        ok = isinstance(value, list) and len(value) <= MAX_LIST and all(self.item(v) for v in value)
        return None if ok else N_("has an invalid entry")


class ByReader(JsonType):
    """Cards, packs and keys are checked by their own readers, exactly as when they were
    imported: `read` raises on anything it refuses."""

    def __init__(self, read: Callable[[Any], str | None]):
        self.read = read

    def check(self, value: Any) -> str | None:
        import binascii

        from commsdesk.storage.errors import VaultError

        try:
            return self.read(value)
        except (VaultError, binascii.Error, ValueError):
            return N_("is damaged or not valid")


# -- codecs: JSON value <-> domain value (`refs` turns uids into ids and back) ------------------

class Codec:
    def dump(self, value: Any, refs: Any) -> Any:
        return value

    def load(self, value: Any, refs: Any) -> Any:
        return value


PLAIN = Codec()


class Copy(Codec):
    """A list of plain values: a fresh list either way."""

    def dump(self, value: Any, refs: Any) -> Any:
        return list(value)

    def load(self, value: Any, refs: Any) -> Any:
        return list(value)


class Float(Codec):
    def load(self, value: Any, refs: Any) -> Any:
        return float(value)


class DateCodec(Codec):
    def dump(self, value: date | None, refs: Any) -> str | None:
        return None if value is None else value.isoformat()

    def load(self, value: str | None, refs: Any) -> date | None:
        return None if value is None else date.fromisoformat(value)


class DateTimeCodec(Codec):
    def __init__(self, timespec: str = "auto"):
        self.timespec = timespec

    def dump(self, value: datetime | None, refs: Any) -> str | None:
        return None if value is None else value.isoformat(timespec=self.timespec)

    def load(self, value: str | None, refs: Any) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)


class EnumCodec(Codec):
    def __init__(self, enum: type[Enum]):
        self.enum = enum

    def dump(self, value: Any, refs: Any) -> str:
        return value._value_  # what `.value` returns, without its property call per record

    def load(self, value: str, refs: Any) -> Any:
        return self.enum(value)


class OptionalEnumCodec(EnumCodec):
    """An enum that may be unset: null in the file, None in the record ("not said")."""

    def dump(self, value: Any, refs: Any) -> str | None:  # type: ignore[override]  # null: not said
        return None if value is None else value._value_

    def load(self, value: str | None, refs: Any) -> Any:
        return None if value is None else self.enum(value)


class EnumListCodec(Codec):
    def __init__(self, enum: type[Enum]):
        self.enum = enum

    def dump(self, value: Any, refs: Any) -> list[str]:
        return [v._value_ for v in value]

    def load(self, value: list[str], refs: Any) -> list:
        return [self.enum(v) for v in value]


class Ref(Codec):
    """A uid in the file, an id in the vault: `refs.uid_of` / `refs.id_of` know the mapping."""

    def __init__(self, section: str):
        self.section = section

    def dump(self, value: int | None, refs: Any) -> str | None:
        return None if value is None else refs.uid_of(self.section, value)

    def load(self, value: str | None, refs: Any) -> int | None:
        return None if value is None else refs.id_of(self.section, value)


DATE = DateCodec()
DATETIME = DateTimeCodec()
MINUTE = DateTimeCodec("minutes")
COPY = Copy()
FLOAT = Float()
