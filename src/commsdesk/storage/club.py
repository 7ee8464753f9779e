"""The Club's records in the vault as rows and bytes: story cards from others and content packs (as
their files; `club/shelf.py` reads and writes them), trusted signers, and the user's own practice.
Nothing here is in the journal's search index."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol

from commsdesk.i18n import N_
from commsdesk.storage import errors
from commsdesk.storage.rows import (
    d_out,
    d_req,
    dt_out,
    dt_req,
    inserted,
    json_in,
    json_out,
    new_uid,
    now,
)

if TYPE_CHECKING:
    from commsdesk.storage.database import Database


class ClubStories:
    """Imported story cards, read-only: each kept as the file held it (the text of the card file,
    written and read by `club/shelf.py`), with where it came from."""

    def __init__(self, db: Database):
        self._db = db

    def add(self, card_id: str, body: str, file_name: str, imported_on: date, club: str) -> int:
        """Store an imported card's file text; a card already on the shelf (same id) is refused."""
        with self._db.transaction() as conn:
            if conn.execute("SELECT 1 FROM club_stories WHERE card_id = ?", (card_id,)).fetchone():
                raise errors.AlreadyPresent()
            return inserted(conn.execute(
                "INSERT INTO club_stories (card_id, body, source_file, imported_on, club)"
                " VALUES (?, ?, ?, ?, ?)",
                (card_id, body, file_name, d_out(imported_on), club)))

    def all(self) -> list[StoredStory]:
        """Every card on the shelf, newest import first."""
        with self._db.reading() as conn:
            rows = conn.execute("SELECT id, body, source_file, imported_on, club FROM club_stories"
                                " ORDER BY imported_on DESC, id DESC").fetchall()
        return [StoredStory(rid, body, source_file, d_req(imported_on), club)
                for rid, body, source_file, imported_on, club in rows]

    def delete(self, story_id: int) -> None:
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM club_stories WHERE id = ?", (story_id,))


@dataclass(frozen=True)
class StoredStory:
    row_id: int
    body: str  # the card file's text, without where it came from
    file_name: str
    imported_on: date
    club: str


class PackHeader(Protocol):
    """What the vault lists of a pack (a `club.packs.Pack` is one): the file itself is kept whole."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def author(self) -> str: ...
    @property
    def language(self) -> str: ...
    @property
    def version(self) -> str: ...


@dataclass(frozen=True)
class StoredPack:
    row_id: int
    data: bytes  # the pack file as imported: read again by `club/shelf.py` against today's trusted keys
    imported_on: date


class ContentPacks:
    def __init__(self, db: Database):
        self._db = db

    def add(self, pack: PackHeader, data: bytes, imported_on: date | None = None) -> int:
        """Install a pack (already read and confirmed); a newer copy of the same pack replaces it."""
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM content_packs WHERE pack_id = ?", (pack.id,))
            return inserted(conn.execute(
                "INSERT INTO content_packs (pack_id, title, author, language, version, data,"
                " imported_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (pack.id, pack.title, pack.author, pack.language, pack.version, data,
                 d_out(imported_on or date.today()))))

    def all(self, language: str | None = None) -> list[StoredPack]:
        """Every installed pack's file, by title."""
        sql = "SELECT id, data, imported_on FROM content_packs"
        with self._db.reading() as conn:
            rows = conn.execute(sql + (" WHERE language = ?" if language else "") + " ORDER BY title",
                                (language,) if language else ()).fetchall()
        return [StoredPack(rid, bytes(data), d_req(on)) for rid, data, on in rows]

    def pack_ids(self) -> set[str]:
        with self._db.reading() as conn:
            return {r[0] for r in conn.execute("SELECT pack_id FROM content_packs")}

    def remove(self, row_id: int) -> None:
        """Uninstall a pack, with the user's bookmarks and notes on its articles."""
        with self._db.transaction() as conn:
            row = conn.execute("SELECT pack_id FROM content_packs WHERE id = ?", (row_id,)).fetchone()
            if row is None:
                return
            conn.execute("DELETE FROM library_marks WHERE substr(article_id, 1, ?) = ?",
                         (len(row[0]) + 6, f"pack:{row[0]}/"))
            conn.execute("DELETE FROM content_packs WHERE id = ?", (row_id,))


class TrustedKeys:
    """Public keys of pack signers the user has marked as trusted (compared whole, not by
    fingerprint)."""

    def __init__(self, db: Database):
        self._db = db

    def add(self, public_key: bytes, label: str = "", added_on: date | None = None) -> None:
        with self._db.transaction() as conn:
            conn.execute("INSERT OR IGNORE INTO trusted_keys (public_key, label, added_on)"
                         " VALUES (?, ?, ?)", (public_key, label, d_out(added_on or date.today())))

    def all(self) -> list[bytes]:
        with self._db.reading() as conn:
            return [bytes(r[0]) for r in conn.execute("SELECT public_key FROM trusted_keys")]

    def remove(self, public_key: bytes) -> None:
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM trusted_keys WHERE public_key = ?", (public_key,))


@dataclass
class PracticeEntry:
    """One practice: a role-play round (with the role the user played) or a drill reply."""

    kind: str  # "roleplay" or "drill"
    item_id: str  # role-play card id or drill id
    practised_at: datetime
    role: str = ""  # communicator, relative, observer (role-play)
    reply: str = ""  # what the user answered (drill)
    ticks: list[str] = field(default_factory=list)  # checklist items the user ticked
    what_worked: str = ""
    id: int | None = None
    uid: str = ""


class PracticeLog:
    def __init__(self, db: Database):
        self._db = db

    def add(self, entry: PracticeEntry) -> PracticeEntry:
        if entry.kind not in ("roleplay", "drill") or not entry.item_id:
            raise errors.InvalidValue(field="kind", reason=errors.Msg(N_("has an unknown value")))
        entry.uid = entry.uid or new_uid()
        with self._db.transaction() as conn:
            entry.id = inserted(conn.execute(
                "INSERT INTO practice_log (uid, kind, item_id, practised_at, role, reply, ticks,"
                " what_worked, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (entry.uid, entry.kind, entry.item_id, dt_out(entry.practised_at), entry.role,
                 entry.reply, json_out(entry.ticks), entry.what_worked, dt_out(now()))))
        return entry

    def history(self, kind: str, item_id: str | None = None, limit: int = 200) -> list[PracticeEntry]:
        """Newest first."""
        sql = ("SELECT id, uid, kind, item_id, practised_at, role, reply, ticks, what_worked"
               " FROM practice_log WHERE kind = ?" + (" AND item_id = ?" if item_id else "")
               + " ORDER BY practised_at DESC, id DESC LIMIT ?")
        params = (kind, item_id, limit) if item_id else (kind, limit)
        with self._db.reading() as conn:
            rows = conn.execute(sql, params).fetchall()
        return [PracticeEntry(k, item, dt_req(at), role, reply, json_in(ticks), worked, rid, uid)
                for rid, uid, k, item, at, role, reply, ticks, worked in rows]

    def last_practised(self, kind: str) -> dict[str, date]:
        with self._db.reading() as conn:
            rows = conn.execute("SELECT item_id, max(practised_at) FROM practice_log WHERE kind = ?"
                                " GROUP BY item_id", (kind,)).fetchall()
        return {item: dt_req(at).date() for item, at in rows}

    def delete(self, entry_id: int) -> None:
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM practice_log WHERE id = ?", (entry_id,))


