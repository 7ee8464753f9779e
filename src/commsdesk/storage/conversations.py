"""Logged conversations: what was said, how it went, techniques used, follow-ups."""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from commsdesk.domain import Channel, Conversation, Ending, Temperature
from commsdesk.domain.records import stored_id
from commsdesk.i18n import N_
from commsdesk.storage import errors
from commsdesk.storage.connection import Connection
from commsdesk.storage.repository import PersonRecords, SearchText
from commsdesk.storage.rows import d_in, d_out, dt_in, dt_out, json_in, json_out, now

if TYPE_CHECKING:
    from commsdesk.storage.database import Database
    from commsdesk.storage.drafts import NoteHistory
    from commsdesk.storage.repository import Repository

_COLUMNS = ("id, uid, contact_id, occurred_at, channel, duration_minutes, topics, notes,"
            " temperature, ending, self_rating, follow_up_on, created_at, updated_at")
SORTS = {"when": "v.occurred_at", "created": "v.created_at", "rating": "v.self_rating"}


@dataclass
class ConversationFilter:
    contact_id: int | None = None
    since: date | None = None
    until: date | None = None  # inclusive
    channel: Channel | None = None
    technique: str | None = None
    temperature: Temperature | None = None


def _when(value: datetime) -> str:
    return value.replace(second=0, microsecond=0, tzinfo=None).isoformat(timespec="minutes")


class Conversations(PersonRecords[Conversation]):
    table = "conversations"
    kind = "conversation"
    columns = _COLUMNS

    def __init__(self, db: Database, contacts: Repository, history: NoteHistory):
        super().__init__(db, contacts)
        self._history = history  # an edited note keeps the text it replaced

    def _check(self, conv: Conversation) -> None:
        _validate(conv)

    def _before_update(self, conn: Connection, conv: Conversation) -> None:
        self._contacts.require(conn, conv.contact_id)  # it may have moved to another person
        old = conn.execute("SELECT notes FROM conversations WHERE id = ?", (conv.id,)).fetchone()[0]
        if old != conv.notes:
            self._history.record(conn, "conversation", stored_id(conv), "notes", old)

    def _after_write(self, conn: Connection, conv: Conversation) -> None:
        self._set_techniques(conn, stored_id(conv), conv.techniques)

    def get(self, conv_id: int) -> Conversation:
        with self._db.reading() as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM conversations WHERE id = ?"
                               " AND deleted_at IS NULL", (conv_id,)).fetchone()
            if row is None:
                raise errors.RecordNotFound()
            return self._conversation(row, self._techniques_of(conn, [conv_id]).get(conv_id, []))

    def list(self, flt: ConversationFilter | None = None, sort: str = "when",
             descending: bool = True, limit: int = 100, offset: int = 0,
             after: Conversation | None = None) -> builtins.list[Conversation]:
        """A page of conversations. `after` (by date only) continues from that row, which stays
        fast however deep the user scrolls (an OFFSET would re-read every row before it)."""
        where, params = _where(flt or ConversationFilter())
        if after is not None and sort == "when":
            op = "<" if descending else ">"
            where += f" AND (v.occurred_at {op} ? OR (v.occurred_at = ? AND v.id {op} ?))"
            moment = _when(after.occurred_at)
            params += [moment, moment, after.id]
            offset = 0
        order = SORTS.get(sort, SORTS["when"]) + (" DESC" if descending else " ASC")
        cols = ", ".join("v." + c.strip() for c in _COLUMNS.split(","))
        # By date, walk the small covering index and read whole rows (long notes) only for the
        # page shown; the planner, left alone, may pick an index that reads every row.
        hint = " INDEXED BY conversations_live" if sort == "when" or sort not in SORTS else ""
        tie = "v.id DESC" if descending else "v.id ASC"
        sql = (f"SELECT {cols} FROM conversations v{hint}"
               f" WHERE {where} ORDER BY {order}, {tie} LIMIT ? OFFSET ?")
        with self._db.reading() as conn:
            rows = conn.execute(sql, (*params, limit, offset)).fetchall()
            techniques = self._techniques_of(conn, [r[0] for r in rows])
            return [self._conversation(r, techniques.get(r[0], [])) for r in rows]

    def count(self, flt: ConversationFilter | None = None) -> int:
        where, params = _where(flt or ConversationFilter())
        with self._db.reading() as conn:
            return conn.execute(
                f"SELECT count(*) FROM conversations v INDEXED BY conversations_live WHERE {where}",
                params).fetchone()[0]

    def many(self, ids: builtins.list[int]) -> builtins.list[Conversation]:
        """Records by id in the order given (for a streamed export); ids not found are left out."""
        with self._db.reading() as conn:
            rows = self._rows(conn, f"SELECT {_COLUMNS} FROM conversations WHERE id IN ({{ids}})", ids)
            techniques = self._techniques_of(conn, ids)
        found = {r[0]: self._conversation(r, techniques.get(r[0], [])) for r in rows}
        return [found[i] for i in ids if i in found]

    def follow_ups_due(self, until: date, limit: int = 200) -> builtins.list[Conversation]:
        """Conversations whose follow-up date has come (or passed) by `until`, oldest first."""
        with self._db.reading() as conn:
            rows = conn.execute(
                f"SELECT {', '.join('v.' + c.strip() for c in _COLUMNS.split(','))}"
                " FROM conversations v JOIN contacts c ON c.id = v.contact_id"
                " WHERE v.follow_up_on IS NOT NULL AND v.follow_up_on <= ?"
                " AND v.deleted_at IS NULL AND c.deleted_at IS NULL AND c.archived = 0"
                " ORDER BY v.follow_up_on, v.id LIMIT ?", (until.isoformat(), limit)).fetchall()
            techniques = self._techniques_of(conn, [r[0] for r in rows])
            return [self._conversation(r, techniques.get(r[0], [])) for r in rows]

    def clear_follow_up(self, conv_id: int) -> None:
        with self._db.transaction() as conn:
            self.require(conn, conv_id)
            conn.execute("UPDATE conversations SET follow_up_on = NULL, updated_at = ?"
                         " WHERE id = ?", (dt_out(now()), conv_id))

    # -- search ----------------------------------------------------------------------------
    def index_texts(self, conn: Connection, ids: builtins.list[int]) -> dict[int, tuple[str, ...]]:
        rows = self._rows(conn, "SELECT v.id, v.notes, v.topics FROM conversations v"
                          " JOIN contacts c ON c.id = v.contact_id WHERE v.id IN ({ids})"
                          " AND v.deleted_at IS NULL AND c.deleted_at IS NULL", ids)
        return {rid: (notes, " ".join(json_in(topics))) for rid, notes, topics in rows}

    def search_texts(self, ids: builtins.list[int]) -> dict[int, SearchText]:
        with self._db.reading() as conn:
            rows = self._rows(conn, "SELECT v.id, c.display_name, v.occurred_at, v.notes, v.topics,"
                              " v.contact_id FROM conversations v JOIN contacts c"
                              " ON c.id = v.contact_id WHERE v.id IN ({ids})", ids)
        out = {}
        for rid, name, when, notes, topics, contact_id in rows:
            body = " · ".join(x for x in (", ".join(json_in(topics)), notes) if x)
            out[rid] = (name, body, when, contact_id)
        return out

    # -- rows ------------------------------------------------------------------------------
    @staticmethod
    def _values(v: Conversation) -> tuple:
        return (
            v.uid, v.contact_id, _when(v.occurred_at), v.channel.value, v.duration_minutes,
            json_out(v.topics), v.notes, _said(v.temperature), _said(v.ending), v.self_rating,
            d_out(v.follow_up_on), dt_out(v.created_at), dt_out(v.updated_at),
        )

    @staticmethod
    def _conversation(row: tuple, techniques: builtins.list[str]) -> Conversation:
        (rid, uid, contact_id, when, channel, duration, topics, notes, temperature, ending,
         rating, follow_up, created, updated) = row
        return Conversation(
            id=rid, uid=uid, contact_id=contact_id, occurred_at=datetime.fromisoformat(when),
            channel=Channel(channel), duration_minutes=duration, topics=json_in(topics),
            techniques=techniques, notes=notes,
            temperature=Temperature(temperature) if temperature else None,
            ending=Ending(ending) if ending else None, self_rating=rating, follow_up_on=d_in(follow_up),
            created_at=dt_in(created), updated_at=dt_in(updated),
        )

    @staticmethod
    def _set_techniques(conn: Connection, conv_id: int, techniques: builtins.list[str]) -> None:
        conn.execute("DELETE FROM conversation_techniques WHERE conversation_id = ?", (conv_id,))
        unique = list(dict.fromkeys(t.strip() for t in techniques if t.strip()))
        conn.executemany(
            "INSERT INTO conversation_techniques (conversation_id, position, technique)"
            " VALUES (?, ?, ?)", [(conv_id, i, t) for i, t in enumerate(unique)])

    def _techniques_of(self, conn: Connection, ids: builtins.list[int]) -> dict[int, builtins.list[str]]:
        out: dict[int, builtins.list[str]] = {}
        for cid, technique in self._rows(
            conn, "SELECT conversation_id, technique FROM conversation_techniques"
            " WHERE conversation_id IN ({ids}) ORDER BY conversation_id, position", ids,
        ):
            out.setdefault(cid, []).append(technique)
        return out


def _said(value: Temperature | Ending | None) -> str:
    # "Not said" is an empty text: the column is NOT NULL since schema 1, and making it nullable
    # would mean rebuilding the table (and its indexes and triggers) in every vault.
    return "" if value is None else value.value


def _validate(v: Conversation) -> None:
    if v.self_rating is not None and not 1 <= v.self_rating <= 5:
        raise errors.InvalidValue(field="self_rating",
                                  reason=errors.Msg(N_("must be between 1 and 5")))
    if v.duration_minutes is not None and v.duration_minutes < 0:
        raise errors.InvalidValue(field="duration_minutes",
                                  reason=errors.Msg(N_("must not be negative")))


def _where(flt: ConversationFilter) -> tuple[str, builtins.list[object]]:
    # Not a join: the set of deleted people is tiny, and without the join the Journal's counts
    # and filters read only the covering index `conversations_live`.
    clauses = ["v.deleted_at IS NULL",
               "v.contact_id NOT IN (SELECT id FROM contacts WHERE deleted_at IS NOT NULL)"]
    params: builtins.list[object] = []
    if flt.contact_id is not None:
        clauses.append("v.contact_id = ?")
        params.append(flt.contact_id)
    if flt.since is not None:
        clauses.append("v.occurred_at >= ?")
        params.append(flt.since.isoformat())
    if flt.until is not None:
        clauses.append("v.occurred_at < ?")
        params.append(date.fromordinal(flt.until.toordinal() + 1).isoformat())
    if flt.channel is not None:
        clauses.append("v.channel = ?")
        params.append(flt.channel.value)
    if flt.temperature is not None:
        clauses.append("v.temperature = ?")
        params.append(flt.temperature.value)
    if flt.technique:
        clauses.append("v.id IN (SELECT conversation_id FROM conversation_techniques"
                       " WHERE technique = ?)")
        params.append(flt.technique)
    return " AND ".join(clauses), params
