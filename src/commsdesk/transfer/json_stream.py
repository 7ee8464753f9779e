"""Read an export file as a stream: its header values and one record at a time, each built under
limits, so a hostile file is refused before anything like the whole document is held in memory."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterator
from typing import Any, BinaryIO

import ijson

from commsdesk.i18n import N_

MAX_DEPTH = 24  # the deepest real record (a plan's step) is 3 levels down
MAX_NODES = 100_000  # values in one record: lists are at most 1,000 long and rarely nested
MAX_RECORDS = 2_000_000  # per section
_BUFFER = 64 * 1024
_BOM = b"\xef\xbb\xbf"


class StreamProblem(Exception):
    """Where and why reading stopped: section, record index (or None), field path, msgid."""

    def __init__(self, section: str, index: int | None, field: str, message: str):
        super().__init__(message)
        self.section, self.index, self.field, self.message = section, index, field, message


class FileTooLarge(Exception):
    pass


class _Digesting:
    """Hands the parser the file's bytes while hashing and counting them."""

    def __init__(self, handle: BinaryIO, limit: int):
        self.handle, self.limit, self.size = handle, limit, 0
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.size += len(data)
        if self.size > self.limit:
            raise FileTooLarge
        self.digest.update(data)
        return data


def _parse_message(exc: BaseException) -> str:
    text = str(exc)
    if "overflow" in text:
        return N_("the number is too large")
    if "UTF8" in text or "UTF-8" in text:
        return N_("the file is not UTF-8 text")
    return N_("the file is not valid JSON")


class EntryReader:
    """One pass over the file. `entries()` yields (key, None, value) for each top-level value that
    is not a list, (section, index, record) for each record of a list, and (section, -1, None)
    when a list ends. Keys not in `known` and keys seen twice stop the pass at once; sections not
    in `wanted` are skipped without being built."""

    def __init__(self, handle: BinaryIO, limit: int, known: Collection[str],
                 wanted: Callable[[str], bool] = lambda _name: True):
        start = handle.read(len(_BOM))
        handle.seek(len(_BOM) if start == _BOM else 0)
        self.source = _Digesting(handle, limit)
        self.events = ijson.basic_parse(self.source, use_float=True, buf_size=_BUFFER)
        self.known, self.wanted = known, wanted
        self.where: tuple[str, int | None] = ("file", None)

    def digest(self) -> bytes:
        return self.source.digest.digest()

    def entries(self) -> Iterator[tuple[str, int | None, Any]]:
        try:
            yield from self._entries()
        except (ijson.JSONError, ValueError, OverflowError, SystemError) as exc:
            # SystemError: the C parser wraps Python's refusal of a number with thousands of digits.
            raise StreamProblem(*self.where, "", _parse_message(exc)) from None

    def _entries(self) -> Iterator[tuple[str, int | None, Any]]:
        event, _value = next(self.events, ("end", None))
        if event != "start_map":
            if event == "end":
                raise StreamProblem("file", None, "", N_("the file is not valid JSON"))
            raise StreamProblem("file", None, "", N_("this is not a CommsDesk export"))
        seen: set[str] = set()
        for event, key in self.events:
            if event == "end_map":
                break
            if key not in self.known:
                raise StreamProblem(short_label(key), None, "", N_("unknown section"))
            if key in seen:
                raise StreamProblem(key, None, "", N_("appears twice"))
            seen.add(key)
            self.where = (key, None)
            event, value = next(self.events, ("end", None))
            if event == "end":
                raise StreamProblem(key, None, "", N_("the file is not valid JSON"))
            if event == "start_array":
                if self.wanted(key):
                    yield from self._records(key)
                else:
                    self._skip()
                yield key, -1, None
            elif self.wanted(key):
                yield key, None, self._build(event, value, key, None)
            else:
                self._skip_value(event)
            self.where = ("file", None)
        for _event in self.events:  # the parser refuses anything after the closing brace
            pass

    def _records(self, section: str) -> Iterator[tuple[str, int, Any]]:
        for index, (event, value) in enumerate(self.events):
            if event == "end_array":
                return
            if index >= MAX_RECORDS:
                raise StreamProblem(section, None, "", N_("has too many records"))
            self.where = (section, index)
            yield section, index, self._build(event, value, section, index)

    def _skip(self) -> None:
        depth = 1
        for event, _value in self.events:
            if event in ("start_map", "start_array"):
                depth += 1
            elif event in ("end_map", "end_array"):
                depth -= 1
                if not depth:
                    return

    def _skip_value(self, event: str) -> None:
        if event in ("start_map", "start_array"):
            self._skip()

    def _build(self, event: str, value: Any, section: str, index: int | None) -> Any:
        if event not in ("start_map", "start_array"):
            return value
        root: Any = {} if event == "start_map" else []
        stack: list[Any] = [root]
        keys: list[str | None] = [None]
        nodes = 1

        def stop(message: str, last: str | int | None = None) -> StreamProblem:
            return StreamProblem(section, index, _path(stack, keys, last), message)

        try:
            for event, value in self.events:
                top = stack[-1]
                if event == "map_key":
                    if value in top:
                        raise stop(N_("appears twice"), value)
                    keys[-1] = value
                    continue
                if event in ("end_map", "end_array"):
                    stack.pop()
                    keys.pop()
                    if not stack:
                        return root
                    continue
                nodes += 1
                if nodes > MAX_NODES:
                    raise stop(N_("has too many values"))
                container = event in ("start_map", "start_array")
                if container:
                    if len(stack) >= MAX_DEPTH:
                        raise stop(N_("is nested too deeply"))
                    value = {} if event == "start_map" else []
                if type(top) is dict:
                    top[keys[-1]] = value
                else:
                    top.append(value)
                if container:
                    stack.append(value)
                    keys.append(None)
        except (ijson.JSONError, ValueError, OverflowError, SystemError) as exc:
            raise stop(_parse_message(exc)) from None
        raise StreamProblem(section, index, "", N_("the file is not valid JSON"))


def _path(stack: list[Any], keys: list[str | None], last: str | int | None) -> str:
    """'steps[0].status' for the value being read: the keys and positions from the record down."""
    parts: list[str | int | None] = []  # None: inside an object before its first key is read
    for level, container in enumerate(stack[:-1]):
        parts.append(keys[level] if type(container) is dict else len(container) - 1)
    top = stack[-1] if stack else None
    if last is not None:
        parts.append(last)
    elif type(top) is dict and keys and keys[-1] is not None:
        parts.append(keys[-1])
    elif type(top) is list:
        parts.append(len(top))
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else ("." if text else "") + short_label(str(part))
    return text


def short_label(text: str) -> str:
    """A key from the file as it can be shown on one line of an error: short, nothing invisible."""
    text = "".join(c if c.isprintable() else "?" for c in text[:61])
    return text if len(text) <= 60 else text[:57] + "…"
