"""Export a whole vault as the versioned JSON document described in docs/export-format.md, written as
it is read: one page of records at a time, whatever the size of the vault."""

from __future__ import annotations

import base64
import json
from array import array
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from functools import cache
from json.encoder import encode_basestring
from operator import attrgetter
from typing import Any, TextIO

from commsdesk import __version__
from commsdesk.domain.records import stored_id
from commsdesk.storage.vault import Vault
from commsdesk.transfer.record_table import SECTIONS, TABLE, Nested

__all__ = ["FORMAT", "SECTIONS", "VERSION", "export_document", "export_to"]

FORMAT = "commsdesk-export"
VERSION = 1
PAGE = 500

_LIVE_CONTACT = "contact_id NOT IN (SELECT id FROM contacts WHERE deleted_at IS NOT NULL)"
_LIVE_CONVERSATIONS = f"deleted_at IS NULL AND {_LIVE_CONTACT}"
# Which rows of the big sections are exported, in the order of the file (created_at, then uid;
# by uid where the record has no created_at): only their ids are sorted and held, then the records
# are read by id a page at a time.
_ROWS = {
    "contacts": "deleted_at IS NULL",
    "conversations": _LIVE_CONVERSATIONS,
    "observations": _LIVE_CONVERSATIONS,
    "plans": _LIVE_CONVERSATIONS,
    "reminders": f"deleted_at IS NULL AND (contact_id IS NULL OR {_LIVE_CONTACT})",
    "reflections": "deleted_at IS NULL",
    "stage_changes": _LIVE_CONVERSATIONS,
    "prep_sheets": _LIVE_CONVERSATIONS,
}
_NO_CREATED_AT = {"stage_changes"}
# A uid names only a record the file holds (a plan of a deleted person is not written: a prep sheet
# of another person that was pointed at it says null, or the file's own import would refuse it).
_TARGETS = {section: _ROWS[section] for section in ("contacts", "conversations", "plans")}


class _Refs:
    """uids of the records a page refers to, looked up for each page and remembered up to a bound
    (a vault's ten thousand people once, never a map of all its conversations)."""

    KEEP = 50_000

    def __init__(self, vault: Vault):
        self.vault = vault
        self.uids: dict[str, dict[int, str | None]] = {target: {} for target in _TARGETS}
        self.uids["dimensions"] = {stored_id(d): d.uid
                                  for d in vault.repos.dimensions.list(include_archived=True)}

    def uid_of(self, section: str, record_id: int) -> str | None:
        return self.uids[section].get(record_id)

    def page(self, section: str, objects: list[Any]) -> None:
        wanted: dict[str, set[int]] = {target: set() for target in _TARGETS}
        for attr, target in _references(section):
            ids = wanted[target]
            for obj in objects:
                if (value := attr(obj)) is not None:
                    ids.add(value)
        for target, ids in wanted.items():
            known = self.uids[target]
            missing = sorted(ids.difference(known))
            if not missing:
                continue
            if len(known) + len(missing) > self.KEEP:
                known.clear()
                missing = sorted(ids)
            with self.vault.reading() as conn:
                found = dict(_by_ids(
                    conn, f"SELECT id, uid FROM {target} WHERE {_TARGETS[target]} AND id IN", missing))
            known.update((i, found.get(i)) for i in missing)  # None: not exported, so not named


@cache
def _references(section: str) -> list[tuple[Callable[[Any], Any], str]]:
    """How to find, in a domain object of the section, the ids of the records it names by uid
    that are looked up page by page (dimensions are few and known from the start)."""
    out: list[tuple[Callable[[Any], Any], str]] = []
    for f in TABLE[section].fields:
        if f.ref in _TARGETS:
            out.append((attrgetter(f.attr or f.name), f.ref))
        elif isinstance(f.type, Nested):
            name = f.attr or f.name
            for g in f.type.record.fields:
                if g.ref in _TARGETS:
                    out.append((_inside(name, g.attr or g.name), g.ref))
    return out


def _inside(name: str, attr: str) -> Callable[[Any], Any]:
    def get(obj: Any) -> Any:
        nested = getattr(obj, name)
        return None if nested is None else getattr(nested, attr)
    return get


def _by_ids(conn, sql: str, ids: list[int]) -> list[tuple]:
    rows: list[tuple] = []
    for start in range(0, len(ids), PAGE):
        chunk = ids[start:start + PAGE]
        rows += conn.execute(f"{sql} ({','.join('?' * len(chunk))})", chunk).fetchall()
    return rows


def _in_order(vault: Vault, section: str) -> array:
    """The ids of the section's records in the order of the file. Records are usually stored in
    that order already (the app stamps them as it adds them; an import writes in file order): then
    one walk along the table is enough; otherwise SQLite sorts the ids."""
    order = "uid" if section in _NO_CREATED_AT else "coalesce(created_at, ''), uid"
    rows = f"FROM {section} WHERE {_ROWS[section]}"
    ids = array("q")
    previous: tuple = ()
    with vault.reading() as conn:
        for rid, *key in conn.execute(f"SELECT id, {order} {rows} ORDER BY id"):
            if tuple(key) < previous:
                return array("q", (r[0] for r in conn.execute(f"SELECT id {rows} ORDER BY {order}")))
            previous = tuple(key)
            ids.append(rid)
    return ids


def _pages(vault: Vault, section: str) -> Iterator[tuple[list[Any], _Refs]]:
    """The section's domain objects a page at a time, with the uids they refer to."""
    ids = _in_order(vault, section)
    repository = getattr(vault.repos, section)
    refs = _Refs(vault)
    for start in range(0, len(ids), PAGE):
        objects = repository.many(ids[start:start + PAGE].tolist())
        refs.page(section, objects)
        yield objects, refs


def _sorted(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(records, key=lambda r: (r.get("created_at") or "", r["uid"]))


def _small(vault: Vault, section: str) -> list[dict[str, Any]]:
    """The sections that stay small (the user's own settings and the Club's shelf), read whole."""
    repos = vault.repos
    dump = TABLE[section].dump
    if section == "dimensions":
        return _sorted([dump(d, None) for d in repos.dimensions.list(include_archived=True)])
    if section == "library_marks":
        return _sorted([dump(m, None) for m in repos.library_marks.all().values()])
    if section == "strategy_templates":
        return _sorted([{"uid": uid, "body": body} for uid, body in repos.strategy_templates.all()])
    if section == "practice_log":
        return _sorted([dump(e, None) for kind in ("roleplay", "drill")
                        for e in repos.practice.history(kind, limit=1_000_000)])
    return _sorted(_club(vault, section))


def _club(vault: Vault, section: str) -> list[dict[str, Any]]:
    """Cards and packs exactly as imported, and the signers the user trusts."""
    if section == "club_stories":
        from commsdesk.club.shelf import kept_cards
        from commsdesk.club.story_file import card_document

        out = []
        for _rid, card in kept_cards(vault):
            source = card.source
            assert source is not None  # the shelf gives every card the source it was imported from
            out.append({"uid": card.id, "card": card_document(card), "source_file": source.file_name,
                        "imported_on": source.imported_on.isoformat(), "club": source.club})
        return out
    with vault.reading() as conn:
        if section == "content_packs":
            return [{"uid": pack_id, "data": base64.b64encode(bytes(data)).decode("ascii"),
                     "imported_on": on}
                    for pack_id, data, on in conn.execute(
                        "SELECT pack_id, data, imported_on FROM content_packs")]
        return [{"uid": bytes(key).hex(), "label": label, "added_on": on}
                for key, label, on in conn.execute("SELECT public_key, label, added_on FROM trusted_keys")]


def _records(vault: Vault, section: str) -> Iterator[dict[str, Any]]:
    if section not in _ROWS:
        return iter(_small(vault, section))
    dump = TABLE[section].dump
    return (dump(obj, refs) for objects, refs in _pages(vault, section) for obj in objects)


def _header() -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION,
            "exported_at": datetime.now(UTC).isoformat(timespec="seconds"), "app_version": __version__}


_PADS = ["\n" + " " * n for n in range(32)]


def _pad(level: int) -> str:
    return _PADS[level] if level < len(_PADS) else "\n" + " " * level


_KEYWORDS = {True: "true", False: "false", None: "null"}


def _text(value: Any, level: int) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=1)` as it would be written `level` deep,
    several times faster (the standard encoder is pure Python when it indents)."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is dict:
        if not value:
            return "{}"
        inner = _pad(level + 1)
        return ("{" + ",".join([inner + encode_basestring(k) + ": " + _text(v, level + 1)
                                for k, v in value.items()]) + _pad(level) + "}")
    if kind is list or kind is tuple:
        if not value:
            return "[]"
        inner = _pad(level + 1)
        return "[" + ",".join([inner + _text(v, level + 1) for v in value]) + _pad(level) + "]"
    if kind is bool or value is None:
        return _KEYWORDS[value]
    if kind is int:
        return int.__repr__(value)
    return json.dumps(value)  # floats, and anything unusual, exactly as the standard encoder


def _record_text(record: dict[str, Any]) -> str:
    """A top-level record as `_text(record, 2)` writes it, with the common values inline."""
    parts = []
    for key, value in record.items():
        kind = type(value)
        if kind is str:
            text = encode_basestring(value)
        elif value is None:
            text = "null"
        elif kind is int:
            text = int.__repr__(value)
        else:
            text = _text(value, 3)
        parts.append((_KEYS.get(key) or _key(key)) + text)
    return "{" + ",".join(parts) + "\n  }"


_KEYS: dict[str, str] = {}


def _key(key: str) -> str:
    _KEYS[key] = text = "\n   " + encode_basestring(key) + ": "
    return text


def export_to(vault: Vault, stream: TextIO) -> None:
    """Write the export to a text stream as it is read: the same text as
    `json.dumps(export_document(vault), ensure_ascii=False, indent=1) + "\\n"`."""
    stream.write("{")
    for key, value in _header().items():
        stream.write(f"\n {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},")
    for position, section in enumerate(SECTIONS):
        stream.write(f'\n "{section}": [')
        empty = True
        for record in _records(vault, section):
            stream.write(("\n  " if empty else ",\n  ") + _record_text(record))
            empty = False
        stream.write("]" if empty else "\n ]")
        stream.write("," if position < len(SECTIONS) - 1 else "\n}\n")


def export_document(vault: Vault) -> dict[str, Any]:
    """The whole export in memory, for small vaults and tests; files are written with export_to."""
    document = _header()
    for section in SECTIONS:
        document[section] = list(_records(vault, section))
    return document
