"""People the user talks with: profile fields, tags, archive, paged and filtered listing."""

from __future__ import annotations

import builtins
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from commsdesk.domain import AgeGroup, Channel, Contact, MediaKind, MediaSource, Relationship
from commsdesk.domain.records import stored_id
from commsdesk.i18n import N_
from commsdesk.search.analyzer import fold
from commsdesk.storage import errors, search_index
from commsdesk.storage.connection import Connection
from commsdesk.storage.repository import Repository, SearchText
from commsdesk.storage.rows import dt_in, dt_out, json_in, json_out, now

if TYPE_CHECKING:
    from commsdesk.storage.database import Database

SORTS = {
    "name": "c.display_name COLLATE NOCASE",
    "relationship": "c.relationship",
    "updated": "c.updated_at",
    "created": "c.created_at",
    "last_talk": "(SELECT max(v.occurred_at) FROM conversations v"
                 " WHERE v.contact_id = c.id AND v.deleted_at IS NULL)",
}
_COLUMNS = ("id, uid, display_name, relationship, region, age_group, channels, media_diet,"
            " values_interests, topics_to_avoid, safety_notes, stay_in_touch_weeks, archived,"
            " created_at, updated_at, phones, address")


@dataclass(frozen=True)
class LastTalk:
    id: int
    name: str
    weeks_interval: int | None
    last_talk: date | None


@dataclass
class ContactFilter:
    tag: str | None = None
    relationship: Relationship | None = None
    channel: Channel | None = None
    archived: bool | None = False  # False: active people only; True: the archive; None: all
    name_contains: str | None = None


class Contacts(Repository[Contact]):
    table = "contacts"
    kind = "contact"
    columns = _COLUMNS

    def __init__(self, db: Database, by_kind: Callable[[str], Repository]):
        super().__init__(db)
        self._by_kind = by_kind  # a person's records, by kind: re-indexed when the person is back

    def _check(self, contact: Contact) -> None:
        _validate(contact)

    def _after_write(self, conn: Connection, contact: Contact) -> None:
        self._set_tags(conn, stored_id(contact), contact.tags)

    def set_archived(self, contact_id: int, archived: bool) -> None:
        with self._db.transaction() as conn:
            self.require(conn, contact_id)
            conn.execute("UPDATE contacts SET archived=?, updated_at=? WHERE id=?",
                         (int(archived), dt_out(now()), contact_id))

    def get(self, contact_id: int) -> Contact:
        with self._db.reading() as conn:
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM contacts WHERE id = ? AND deleted_at IS NULL",
                (contact_id,),
            ).fetchone()
            if row is None:
                raise errors.RecordNotFound()
            return self._contact(row, self._tags_of(conn, [contact_id]).get(contact_id, []))

    def list(self, flt: ContactFilter | None = None, sort: str = "name", descending: bool = False,
             limit: int = 100, offset: int = 0) -> builtins.list[Contact]:
        where, params = _where(flt or ContactFilter())
        order = SORTS.get(sort, SORTS["name"]) + (" DESC" if descending else " ASC")
        sql = (f"SELECT {', '.join('c.' + c.strip() for c in _COLUMNS.split(','))}"
               f" FROM contacts c WHERE {where} ORDER BY {order}, c.id LIMIT ? OFFSET ?")
        with self._db.reading() as conn:
            rows = conn.execute(sql, (*params, limit, offset)).fetchall()
            tags = self._tags_of(conn, [r[0] for r in rows])
            return [self._contact(r, tags.get(r[0], [])) for r in rows]

    def count(self, flt: ContactFilter | None = None) -> int:
        where, params = _where(flt or ContactFilter())
        with self._db.reading() as conn:
            return conn.execute(f"SELECT count(*) FROM contacts c WHERE {where}", params).fetchone()[0]

    def many(self, ids: builtins.list[int]) -> builtins.list[Contact]:
        """Records by id in the order given (for a streamed export); ids not found are left out."""
        with self._db.reading() as conn:
            rows = self._rows(conn, f"SELECT {_COLUMNS} FROM contacts WHERE id IN ({{ids}})", ids)
            tags = self._tags_of(conn, ids)
        found = {r[0]: self._contact(r, tags.get(r[0], [])) for r in rows}
        return [found[i] for i in ids if i in found]

    def all_tags(self) -> builtins.list[str]:
        with self._db.reading() as conn:
            return [r[0] for r in conn.execute(
                "SELECT t.name FROM tags t WHERE EXISTS (SELECT 1 FROM contact_tags ct"
                " JOIN contacts c ON c.id = ct.contact_id AND c.deleted_at IS NULL"
                " WHERE ct.tag_id = t.id) ORDER BY t.name_key")]

    def last_talks(self) -> builtins.list[LastTalk]:
        """Every active person with the date of their latest conversation (None: never)."""
        with self._db.reading() as conn:
            latest = dict(conn.execute(
                "SELECT contact_id, max(occurred_at) FROM conversations WHERE deleted_at IS NULL"
                " GROUP BY contact_id"))
            rows = conn.execute("SELECT id, display_name, stay_in_touch_weeks FROM contacts"
                                " WHERE deleted_at IS NULL AND archived = 0").fetchall()
        return [LastTalk(rid, name, weeks,
                         date.fromisoformat(latest[rid][:10]) if rid in latest else None)
                for rid, name, weeks in rows]

    def names(self, ids: builtins.list[int] | None = None) -> dict[int, str]:
        """Live contacts' names by id: all of them (pickers, the anonymizer) or just `ids`."""
        with self._db.reading() as conn:
            if ids is None:
                return dict(conn.execute(
                    "SELECT id, display_name FROM contacts WHERE deleted_at IS NULL"))
            return dict(self._rows(conn, "SELECT id, display_name FROM contacts"
                                   " WHERE id IN ({ids}) AND deleted_at IS NULL",
                                   sorted(set(ids))))

    # -- search ----------------------------------------------------------------------------
    def index_texts(self, conn: Connection, ids: builtins.list[int]) -> dict[int, tuple[str, ...]]:
        rows = self._rows(conn, "SELECT id, display_name, region, media_diet, values_interests,"
                          " topics_to_avoid, safety_notes, address FROM contacts"
                          " WHERE id IN ({ids}) AND deleted_at IS NULL", ids)
        tags = self._tags_of(conn, ids)
        out: dict[int, tuple[str, ...]] = {}
        for rid, name, region, media, values, avoid, safety, address in rows:
            media_names = " ".join(m.get("name", "") for m in json_in(media))
            out[rid] = (name, region, media_names, values, avoid, safety, " ".join(tags.get(rid, [])),
                        address)
        return out

    def search_texts(self, ids: builtins.list[int]) -> dict[int, SearchText]:
        with self._db.reading() as conn:
            texts = self.index_texts(conn, ids)
        return {rid: (t[0], " · ".join(x for x in t[1:] if x), "", rid) for rid, t in texts.items()}

    # -- soft delete hides the person's records too ----------------------------------------
    _CHILDREN = (("conversation", "conversations"), ("observation", "observations"),
                 ("plan", "plans"), ("reminder", "reminders"), ("stage_change", "stage_changes"),
                 ("prep_sheet", "prep_sheets"))

    def _after_delete(self, conn: Connection, record_id: int) -> None:
        for kind, table in self._CHILDREN:
            ids = [r[0] for r in conn.execute(
                f"SELECT id FROM {table} WHERE contact_id = ? AND deleted_at IS NULL", (record_id,))]
            search_index.remove(conn, kind, ids)

    def _after_undo(self, conn: Connection, record_id: int) -> None:
        for kind, table in self._CHILDREN:
            ids = [r[0] for r in conn.execute(
                f"SELECT id FROM {table} WHERE contact_id = ? AND deleted_at IS NULL", (record_id,))]
            self._by_kind(kind).reindex(conn, ids)

    # -- rows ------------------------------------------------------------------------------
    @staticmethod
    def _values(c: Contact) -> tuple:
        return (
            c.uid, c.display_name.strip(), c.relationship.value, c.region, c.age_group.value,
            json_out([ch.value for ch in c.channels]),
            json_out([{"kind": m.kind.value, "name": m.name} for m in c.media_diet]),
            c.values_interests, c.topics_to_avoid, c.safety_notes, c.stay_in_touch_weeks,
            int(c.archived), dt_out(c.created_at), dt_out(c.updated_at),
            json_out([p.strip() for p in c.phones if p.strip()]), c.address.strip(),
        )

    @staticmethod
    def _contact(row: tuple, tags: builtins.list[str]) -> Contact:
        (rid, uid, name, rel, region, age, channels, media, values, avoid, safety, weeks,
         archived, created, updated, phones, address) = row
        return Contact(
            id=rid, uid=uid, display_name=name, relationship=Relationship(rel), region=region,
            age_group=AgeGroup(age), channels=[Channel(c) for c in json_in(channels)],
            media_diet=[MediaSource(MediaKind(m["kind"]), m.get("name", "")) for m in json_in(media)],
            values_interests=values, topics_to_avoid=avoid, safety_notes=safety, tags=tags,
            stay_in_touch_weeks=weeks, archived=bool(archived), created_at=dt_in(created),
            updated_at=dt_in(updated), phones=json_in(phones), address=address,
        )

    @staticmethod
    def _set_tags(conn: Connection, contact_id: int, tags: builtins.list[str]) -> None:
        conn.execute("DELETE FROM contact_tags WHERE contact_id = ?", (contact_id,))
        seen = set()
        for raw in tags:
            name = " ".join(raw.split())
            key = fold(name)
            if not name or key in seen:
                continue
            seen.add(key)
            conn.execute("INSERT OR IGNORE INTO tags (name, name_key) VALUES (?, ?)", (name, key))
            conn.execute("INSERT INTO contact_tags (contact_id, tag_id)"
                         " SELECT ?, id FROM tags WHERE name_key = ?", (contact_id, key))
        conn.execute("DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM contact_tags)")

    def _tags_of(self, conn: Connection, ids: builtins.list[int]) -> dict[int, builtins.list[str]]:
        out: dict[int, builtins.list[str]] = {}
        for cid, name in self._rows(
            conn, "SELECT ct.contact_id, t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id"
            " WHERE ct.contact_id IN ({ids}) ORDER BY t.name_key", ids,
        ):
            out.setdefault(cid, []).append(name)
        return out


def _validate(contact: Contact) -> None:
    if not contact.display_name.strip():
        raise errors.InvalidValue(field="display_name", reason=errors.Msg(N_("must not be empty")))
    if contact.stay_in_touch_weeks is not None and contact.stay_in_touch_weeks <= 0:
        raise errors.InvalidValue(field="stay_in_touch_weeks",
                                  reason=errors.Msg(N_("must be a positive number")))


def _where(flt: ContactFilter) -> tuple[str, builtins.list[object]]:
    clauses = ["c.deleted_at IS NULL"]
    params: builtins.list[object] = []
    if flt.archived is not None:
        clauses.append("c.archived = ?")
        params.append(int(flt.archived))
    if flt.relationship is not None:
        clauses.append("c.relationship = ?")
        params.append(flt.relationship.value)
    if flt.channel is not None:
        clauses.append("EXISTS (SELECT 1 FROM json_each(c.channels) WHERE value = ?)")
        params.append(flt.channel.value)
    if flt.tag:
        clauses.append("EXISTS (SELECT 1 FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id"
                       " WHERE ct.contact_id = c.id AND t.name_key = ?)")
        params.append(fold(flt.tag.strip()))
    if flt.name_contains:
        clauses.append("instr(fold(c.display_name), ?) > 0")
        params.append(fold(flt.name_contains.strip()))
    return " AND ".join(clauses), params
