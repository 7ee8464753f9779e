"""Conversions between stored text and Python values, shared by the repository modules."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlcipher3 import Cursor


def new_uid() -> str:
    return str(uuid.uuid4())


def now() -> datetime:
    moment = datetime.now(UTC)
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def dt_out(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def dt_in(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def d_out(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def d_in(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def d_req(value: str) -> date:
    """A date from a NOT NULL column."""
    return date.fromisoformat(value)


def dt_req(value: str) -> datetime:
    """A moment from a NOT NULL column."""
    return datetime.fromisoformat(value)


def inserted(cursor: Cursor) -> int:
    """The id of the row an INSERT just made."""
    if cursor.lastrowid is None:
        raise RuntimeError("no row was inserted")  # a bug, never shown
    return cursor.lastrowid


def json_out(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def json_in(value: str) -> list:
    return json.loads(value) if value else []


def placeholders(count: int) -> str:
    return ",".join("?" * count)
