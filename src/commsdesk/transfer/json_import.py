"""Import the JSON exchange format: check the file as a stream, one record at a time, then write all
or nothing in one transaction. Nothing in a refused file is ever held in memory whole."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from commsdesk.errors import FileUnreadable, UserError
from commsdesk.files import open_regular
from commsdesk.i18n import N_, _
from commsdesk.storage.vault import Vault
from commsdesk.transfer.import_records import Problem, check_record, with_defaults
from commsdesk.transfer.import_writer import (
    ImportSummary,
    MissingReference,
    RecordWriter,
    StepInAnotherPlan,
)
from commsdesk.transfer.json_export import FORMAT, VERSION
from commsdesk.transfer.json_stream import EntryReader, FileTooLarge, StreamProblem
from commsdesk.transfer.record_table import SECTIONS, references

__all__ = ["ImportInvalid", "ImportSummary", "Problem", "check_file", "import_document", "import_file",
           "validate"]

MAX_BYTES = 256 * 1024 * 1024
MAX_PROBLEMS = 50
_HEADER = ("format", "version", "exported_at", "app_version")
_KNOWN = frozenset((*_HEADER, *SECTIONS))

_BUILTIN_DIMENSIONS = frozenset(("builtin:support_war", "builtin:trust_state_media", "builtin:openness",
                                 "builtin:understands_leaving"))


class ImportInvalid(UserError):
    msgid = N_("The file cannot be imported; nothing was written.")

    def __init__(self, problems: list[Problem]):
        super().__init__()
        self.problems = problems

    def user_message(self) -> str:
        lines = [_(self.msgid)] + [p.user_message() for p in self.problems[:MAX_PROBLEMS]]
        return "\n".join(lines)


def _file_problem(message: str) -> ImportInvalid:
    return ImportInvalid([Problem("file", None, "", message)])


class _Checker:
    """Checks entries as they come and keeps only uids, so the file never has to be held whole.
    References to a section not yet read are checked in a second pass (`deferred`)."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.header: dict[str, Any] = {}
        self.uids: dict[str, set[str]] = {s: set() for s in SECTIONS}
        self.step_uids: set[str] = set()  # a plan step's uid is unique across all plans
        self.order: list[str] = []  # sections in the order of the file
        self.deferred: set[str] = set()

    def full(self) -> bool:
        return len(self.problems) >= MAX_PROBLEMS

    def entry(self, key: str, index: int | None, value: Any) -> None:
        if key in _HEADER:
            self._header(key, value)
        elif index is None:
            self.order.append(key)
            self.problems.append(Problem(key, None, "", N_("must be a list")))
        elif index == -1:
            self.order.append(key)
        else:
            self._record(key, index, value)

    def _header(self, key: str, value: Any) -> None:
        self.header[key] = value
        if key == "format" and value != FORMAT:
            raise _file_problem(N_("this is not a CommsDesk export"))
        if key == "version":
            if type(value) is not int or value < 1:
                raise _file_problem(N_("the format version is missing or invalid"))
            if value > VERSION:
                raise _file_problem(N_("the file comes from a newer CommsDesk; update"))

    def _record(self, section: str, index: int, record: Any) -> None:
        found = check_record(section, index, with_defaults(section, record))
        uid = record.get("uid") if isinstance(record, dict) else None
        if isinstance(uid, str):
            seen = self.uids[section]
            if uid in seen:
                found.append(Problem(section, index, "uid", N_("appears twice")))
            seen.add(uid)
        if section == "plans" and not found:
            for step_index, step in enumerate(record["steps"]):
                if step["uid"] in self.step_uids:
                    found.append(Problem(section, index, f"steps[{step_index}].uid",
                                         N_("appears twice")))
                self.step_uids.add(step["uid"])
        if not found:
            for name, target in _targets(section, record):
                if target not in self.order:
                    self.deferred.add(section)
                elif problem := self.reference(section, index, record, name, target):
                    found.append(problem)
        self.problems += found

    def reference(self, section: str, index: int, record: dict, name: str, target: str) -> Problem | None:
        ref = _reference(record, name)
        if ref in self.uids[target] or (target == "dimensions" and ref in _BUILTIN_DIMENSIONS):
            return None
        return Problem(section, index, name, N_("refers to a record that is not in the file"))

    def finish(self) -> None:
        """The problems found, or a refusal of a file that is not an export at all."""
        if self.header.get("format") != FORMAT:
            raise _file_problem(N_("this is not a CommsDesk export"))
        if "version" not in self.header:
            raise _file_problem(N_("the format version is missing or invalid"))
        if self.problems:
            raise ImportInvalid(self.problems)


def _targets(section: str, record: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """The uids a checked record names (its review's too), with the section each belongs to."""
    for name, target in references(section):
        if _reference(record, name) is not None:
            yield name, target


def _reference(record: dict[str, Any], name: str) -> str | None:
    return record.get(name, (record.get("review") or {}).get(name))


def _check_entries(entries: Iterable[tuple[str, int | None, Any]], checker: _Checker) -> None:
    for key, index, value in entries:
        if key not in _KNOWN:
            raise ImportInvalid([Problem(key, None, "", N_("unknown section"))])
        checker.entry(key, index, value)
        if checker.full():
            break


def _deferred_references(entries: Iterable[tuple[str, int | None, Any]], checker: _Checker) -> None:
    for section, index, record in entries:
        if section in checker.deferred and index is not None and index >= 0:
            for name, target in _targets(section, record):
                if problem := checker.reference(section, index, record, name, target):
                    checker.problems.append(problem)
                    if checker.full():
                        return


def validate(document: Any) -> list[Problem]:
    """Every problem of a document already in memory (the same checks as for a file)."""
    if not isinstance(document, dict):
        return [Problem("file", None, "", N_("this is not a CommsDesk export"))]
    checker = _Checker()
    try:
        _check_entries(_document_entries(document), checker)
        if checker.deferred and not checker.problems:
            _deferred_references(_document_entries(document), checker)
        checker.finish()
    except ImportInvalid as refused:
        return refused.problems
    return []


def _document_entries(document: dict[str, Any]) -> Iterator[tuple[str, int | None, Any]]:
    for key, value in document.items():
        if key in SECTIONS and isinstance(value, list):
            for index, record in enumerate(value):
                yield key, index, record
            yield key, -1, None
        else:
            yield key, None, value


def import_document(vault: Vault, document: dict[str, Any]) -> ImportSummary:
    """Validate, then write everything in one transaction; records already present are skipped."""
    problems = validate(document)
    if problems:
        raise ImportInvalid(problems)
    with _step_clash_refused(), vault.transaction() as conn:
        writer = RecordWriter(vault, conn)
        for section in SECTIONS:
            for record in document.get(section, []):
                writer.write(section, record)
    return writer.summary


@contextlib.contextmanager
def _step_clash_refused() -> Iterator[None]:
    """A new plan whose step has the uid of another plan's step in the vault: the one-line error,
    nothing written (the transaction rolls back)."""
    try:
        yield
    except StepInAnotherPlan as clash:
        raise ImportInvalid([Problem("plans", clash.plan_number, f"steps[{clash.step_index}].uid",
                                     N_("is already in the vault, in another plan"))]) from None


class CheckedFile:
    """An export file that passed every check, still open, so what is written is what was checked:
    the bytes are hashed on each pass and must not change."""

    def __init__(self, path: Path, handle: BinaryIO, order: list[str], digest: bytes):
        self.path, self._handle, self._order, self._digest = path, handle, order, digest

    def import_into(self, vault: Vault) -> ImportSummary:
        """Write every record in one transaction, reading the file again record by record."""
        with _step_clash_refused(), vault.transaction() as conn, vault.indexing_later():
            writer = RecordWriter(vault, conn)
            for group in _passes(self._order):
                self._write_pass(writer, group)
        return writer.summary

    def _write_pass(self, writer: RecordWriter, sections: set[str]) -> None:
        self._handle.seek(0)
        reader = EntryReader(self._handle, MAX_BYTES, _KNOWN, lambda name: name in sections)
        try:
            for section, index, record in reader.entries():
                if section in sections and index is not None and index >= 0:
                    if check_record(section, index, with_defaults(section, record)):
                        raise MissingReference(section)
                    writer.write(section, record)
        except (StreamProblem, FileTooLarge, MissingReference, OSError):
            raise _file_problem(N_("the file changed while it was being imported")) from None
        if reader.digest() != self._digest:
            raise _file_problem(N_("the file changed while it was being imported"))


def _passes(order: list[str]) -> list[set[str]]:
    """Groups of sections one reading of the file can write: records that others refer to must be
    written first, so a file whose sections are in another order than SECTIONS is read more often."""
    groups: list[set[str]] = []
    previous = -1
    for section in SECTIONS:
        if section not in order:
            continue
        position = order.index(section)
        if not groups or position < previous:
            groups.append(set())
        groups[-1].add(section)
        previous = position
    return groups


@contextlib.contextmanager
def check_file(path: Path) -> Iterator[CheckedFile]:
    """Open and check an export file without building it in memory; refuses with ImportInvalid."""
    try:
        handle = open_regular(Path(path))
    except FileUnreadable as exc:
        raise _file_problem(_unreadable_reason(Path(path), exc)) from None
    with handle:
        if _size(handle) > MAX_BYTES:
            raise _file_problem(N_("the file is too large"))
        checker = _Checker()
        digest = _read_pass(handle, checker, _check_entries)
        if checker.deferred and not checker.problems:
            digest = _read_pass(handle, checker, _deferred_references)
        checker.finish()
        yield CheckedFile(Path(path), handle, checker.order, digest)


def _read_pass(handle: BinaryIO, checker: _Checker, consume) -> bytes:
    handle.seek(0)
    reader = EntryReader(handle, MAX_BYTES, _KNOWN)
    try:
        consume(reader.entries(), checker)
    except StreamProblem as stop:
        stopped = Problem(stop.section, stop.index, stop.field, stop.message)
        raise ImportInvalid([*checker.problems, stopped]) from None
    except FileTooLarge:
        raise _file_problem(N_("the file is too large")) from None
    except OSError:
        raise _file_problem(N_("the file cannot be read")) from None
    return reader.digest()


def _size(handle: BinaryIO) -> int:
    return os.fstat(handle.fileno()).st_size


def _unreadable_reason(path: Path, exc: FileUnreadable) -> str:
    from commsdesk.files import NotRegularFile

    if path.is_dir():
        return N_("this is a folder, not a file")
    if isinstance(exc, NotRegularFile):
        return N_("this is not a regular file")
    return N_("the file cannot be read")


def import_file(vault: Vault, path: Path) -> ImportSummary:
    with check_file(path) as checked:
        return checked.import_into(vault)
