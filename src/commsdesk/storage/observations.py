"""Attitude observations on a 0..10 scale per dimension, and the dimensions themselves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from commsdesk.domain import Dimension, Observation
from commsdesk.domain.records import SCALE_MAX, SCALE_MIN
from commsdesk.i18n import N_
from commsdesk.storage import errors
from commsdesk.storage.connection import Connection
from commsdesk.storage.repository import PersonRecords, SearchText
from commsdesk.storage.rows import d_out, d_req, dt_in, dt_out, new_uid

if TYPE_CHECKING:
    from commsdesk.storage.database import Database

_COLUMNS = ("id, uid, contact_id, dimension_id, observed_on, value, evidence, conversation_id,"
            " created_at, updated_at")

BUILTIN_LABELS = {
    "support_war": N_("Support for the war"),
    "trust_state_media": N_("Trust in state media"),
    "openness": N_("Openness to talking with me"),
    "understands_leaving": N_("Understanding of why I left"),
}


class Dimensions:
    """Built-in dimensions ship with every vault; users add their own."""

    def __init__(self, db: Database):
        self._db = db

    def list(self, include_archived: bool = False) -> list[Dimension]:
        sql = ("SELECT id, uid, key, name, better_when, builtin, position, archived FROM dimensions"
               + ("" if include_archived else " WHERE archived = 0") + " ORDER BY position, id")
        with self._db.reading() as conn:
            return [Dimension(id=r[0], uid=r[1], key=r[2], name=r[3], better_when=r[4],
                              builtin=bool(r[5]), position=r[6], archived=bool(r[7]))
                    for r in conn.execute(sql)]

    def add(self, dim: Dimension) -> Dimension:
        if not dim.name.strip():
            raise errors.InvalidValue(field="name", reason=errors.Msg(N_("must not be empty")))
        if dim.better_when not in ("higher", "lower"):
            raise errors.InvalidValue(field="better_when",
                                      reason=errors.Msg(N_("must be higher or lower")))
        dim.uid = dim.uid or new_uid()
        with self._db.transaction() as conn:
            if not dim.position:
                dim.position = conn.execute(
                    "SELECT coalesce(max(position), 0) + 1 FROM dimensions").fetchone()[0]
            dim.id = conn.execute(
                "INSERT INTO dimensions (uid, key, name, better_when, builtin, position, archived)"
                " VALUES (?, NULL, ?, ?, 0, ?, ?)",
                (dim.uid, dim.name.strip(), dim.better_when, dim.position, int(dim.archived)),
            ).lastrowid
        return dim

    def set_archived(self, dim_id: int, archived: bool) -> None:
        with self._db.transaction() as conn:
            conn.execute("UPDATE dimensions SET archived = ? WHERE id = ?", (int(archived), dim_id))

    def by_key(self, key: str) -> Dimension:
        for dim in self.list(include_archived=True):
            if dim.key == key:
                return dim
        raise errors.RecordNotFound()


@dataclass(frozen=True)
class Change:
    id: int
    contact_id: int
    name: str
    dimension_id: int
    observed_on: date
    value: int
    previous: int | None
    evidence: str


class Observations(PersonRecords[Observation]):
    table = "observations"
    kind = "observation"
    columns = _COLUMNS

    def _check(self, obs: Observation) -> None:
        _validate(obs)

    def get(self, obs_id: int) -> Observation:
        with self._db.reading() as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM observations WHERE id = ?"
                               " AND deleted_at IS NULL", (obs_id,)).fetchone()
        if row is None:
            raise errors.RecordNotFound()
        return self._observation(row)

    def for_contact(self, contact_id: int, dimension_id: int | None = None) -> list[Observation]:
        sql = f"SELECT {_COLUMNS} FROM observations WHERE contact_id = ? AND deleted_at IS NULL"
        params: list[object] = [contact_id]
        if dimension_id is not None:
            sql += " AND dimension_id = ?"
            params.append(dimension_id)
        with self._db.reading() as conn:
            rows = conn.execute(sql + " ORDER BY observed_on, id", params).fetchall()
        return [self._observation(r) for r in rows]

    def for_conversation(self, conversation_id: int) -> list[Observation]:
        with self._db.reading() as conn:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM observations WHERE conversation_id = ?"
                                " AND deleted_at IS NULL ORDER BY id", (conversation_id,)).fetchall()
        return [self._observation(r) for r in rows]

    def changes_since(self, since: date) -> list[Change]:
        """Observations from `since` on, each with the value observed just before it (same
        person and dimension), found through the `observations_series` index."""
        with self._db.reading() as conn:
            rows = conn.execute(
                "SELECT o.id, o.contact_id, c.display_name, o.dimension_id, o.observed_on, o.value,"
                " (SELECT p.value FROM observations p WHERE p.contact_id = o.contact_id"
                "  AND p.dimension_id = o.dimension_id AND p.deleted_at IS NULL"
                "  AND p.observed_on <= o.observed_on AND p.id != o.id"
                "  AND (p.observed_on < o.observed_on OR p.id < o.id)"
                "  ORDER BY p.observed_on DESC, p.id DESC LIMIT 1), o.evidence"
                " FROM observations o JOIN contacts c ON c.id = o.contact_id"
                " WHERE o.deleted_at IS NULL AND c.deleted_at IS NULL AND o.observed_on >= ?",
                (since.isoformat(),)).fetchall()
        return [Change(r[0], r[1], r[2], r[3], date.fromisoformat(r[4]), r[5], r[6], r[7])
                for r in rows]

    def list_all(self, limit: int = 1000, offset: int = 0) -> list[Observation]:
        with self._db.reading() as conn:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM observations WHERE deleted_at IS NULL"
                                " ORDER BY id LIMIT ? OFFSET ?", (limit, offset)).fetchall()
        return [self._observation(r) for r in rows]

    def many(self, ids: list[int]) -> list[Observation]:
        """Records by id in the order given (for a streamed export); ids not found are left out."""
        with self._db.reading() as conn:
            rows = self._rows(conn, f"SELECT {_COLUMNS} FROM observations WHERE id IN ({{ids}})", ids)
        found = {r[0]: self._observation(r) for r in rows}
        return [found[i] for i in ids if i in found]

    # -- search ----------------------------------------------------------------------------
    def index_texts(self, conn: Connection, ids: list[int]) -> dict[int, tuple[str, ...]]:
        rows = self._rows(conn, "SELECT o.id, o.evidence FROM observations o JOIN contacts c"
                          " ON c.id = o.contact_id WHERE o.id IN ({ids}) AND o.deleted_at IS NULL"
                          " AND c.deleted_at IS NULL", ids)
        return {rid: (evidence,) for rid, evidence in rows}

    def search_texts(self, ids: list[int]) -> dict[int, SearchText]:
        with self._db.reading() as conn:
            rows = self._rows(conn, "SELECT o.id, c.display_name, o.observed_on, o.evidence,"
                              " o.contact_id FROM observations o JOIN contacts c"
                              " ON c.id = o.contact_id WHERE o.id IN ({ids})", ids)
        return {rid: (name, evidence, when, cid) for rid, name, when, evidence, cid in rows}

    @staticmethod
    def _values(o: Observation) -> tuple:
        return (o.uid, o.contact_id, o.dimension_id, d_out(o.observed_on), o.value, o.evidence,
                o.conversation_id, dt_out(o.created_at), dt_out(o.updated_at))

    @staticmethod
    def _observation(row: tuple) -> Observation:
        rid, uid, contact_id, dim_id, observed, value, evidence, conv_id, created, updated = row
        return Observation(id=rid, uid=uid, contact_id=contact_id, dimension_id=dim_id,
                           observed_on=d_req(observed), value=value, evidence=evidence,
                           conversation_id=conv_id, created_at=dt_in(created),
                           updated_at=dt_in(updated))


def _validate(o: Observation) -> None:
    if not SCALE_MIN <= o.value <= SCALE_MAX:
        raise errors.InvalidValue(field="value", reason=errors.Msg(N_("must be between 0 and 10")))
