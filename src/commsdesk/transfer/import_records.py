"""One export record at a time: the checks of the record table (transfer/record_table.py), answering
any value, of any JSON type, with a problem naming the field, never an exception."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from commsdesk.i18n import N_, _
from commsdesk.transfer.record_table import TABLE, problems_of
from commsdesk.transfer.value_types import MAX_LIST, MAX_TEXT

__all__ = ["MAX_LIST", "MAX_TEXT", "Problem", "check_record", "with_defaults"]

# Fields added after version 1 was published: files from older apps lack them.
_ADDED_LATER = {section: {f.name: f.default for f in record.fields if f.default is not None}
                for section, record in TABLE.items()}


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
        for name, default in _ADDED_LATER[section].items():
            record.setdefault(name, default())
    return record


def check_record(section: str, index: int, record: Any) -> list[Problem]:
    if not isinstance(record, dict):
        return [Problem(section, index, "", N_("must be an object"))]
    return [Problem(section, index, name, message)
            for name, message in problems_of(record, TABLE[section])]
