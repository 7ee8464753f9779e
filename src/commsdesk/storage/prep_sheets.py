"""Prep sheets for single talks, with the after-talk review; and the user's own strategy templates."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from commsdesk.domain import NarrativeResponse, PrepSheet, TalkReview
from commsdesk.domain.records import SCALE_MAX, SCALE_MIN, stored_id
from commsdesk.i18n import N_
from commsdesk.storage import errors
from commsdesk.storage.repository import PersonRecords, SearchText
from commsdesk.storage.rows import d_in, d_out, dt_in, dt_out, json_in, json_out, new_uid, now

if TYPE_CHECKING:
    from commsdesk.storage.contacts import Contacts
    from commsdesk.storage.database import Database

VERSUS_PLAN = ("as_planned", "partly", "differently")
VERSUS_EXPECTATION = ("better", "as_expected", "worse")

_COLUMNS = ("id, uid, contact_id, plan_id, planned_for, goal, opening, questions, story, narratives,"
            " boundary, exit_line, techniques, reviewed_on, outcome, versus_plan, versus_expectation,"
            " dimension_id, view_before, view_after, feelings, conversation_id, created_at, updated_at")
_LIVE = ("s.deleted_at IS NULL AND s.contact_id NOT IN"
         " (SELECT id FROM contacts WHERE deleted_at IS NOT NULL)")


class PrepSheets(PersonRecords[PrepSheet]):
    _contacts: Contacts  # names for the list of sheets
    table = "prep_sheets"
    kind = "prep_sheet"
    columns = _COLUMNS

    def _check(self, sheet: PrepSheet) -> None:
        _validate(sheet)

    def get(self, sheet_id: int) -> PrepSheet:
        with self._db.reading() as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM prep_sheets s WHERE id = ? AND {_LIVE}",
                               (sheet_id,)).fetchone()
        if row is None:
            raise errors.RecordNotFound()
        return _sheet(row)

    def for_contact(self, contact_id: int) -> list[PrepSheet]:
        """Newest first: the next talk on top."""
        with self._db.reading() as conn:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM prep_sheets s WHERE contact_id = ?"
                                f" AND {_LIVE} ORDER BY planned_for DESC, id DESC",
                                (contact_id,)).fetchall()
        return [_sheet(r) for r in rows]

    def list_all(self, limit: int = 1000, offset: int = 0) -> list[PrepSheet]:
        with self._db.reading() as conn:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM prep_sheets s WHERE {_LIVE}"
                                " ORDER BY id LIMIT ? OFFSET ?", (limit, offset)).fetchall()
        return [_sheet(r) for r in rows]

    def many(self, ids: list[int]) -> list[PrepSheet]:
        """Records by id in the order given (for a streamed export); ids not found are left out."""
        with self._db.reading() as conn:
            rows = self._rows(conn, f"SELECT {_COLUMNS} FROM prep_sheets WHERE id IN ({{ids}})", ids)
        found = {r[0]: _sheet(r) for r in rows}
        return [found[i] for i in ids if i in found]

    def reviews(self) -> list[tuple[int, str, str]]:
        """(contact id, versus plan, versus expectation) of every reviewed talk."""
        with self._db.reading() as conn:
            return conn.execute(f"SELECT contact_id, versus_plan, versus_expectation FROM prep_sheets"
                                f" s WHERE reviewed_on IS NOT NULL AND {_LIVE}").fetchall()

    # -- search ----------------------------------------------------------------------------
    def index_texts(self, conn, ids: list[int]) -> dict[int, tuple[str, ...]]:
        rows = self._rows(conn, f"SELECT {_COLUMNS} FROM prep_sheets s WHERE id IN ({{ids}})"
                          f" AND {_LIVE}", ids)
        return {row[0]: _texts(_sheet(row)) for row in rows}

    def search_texts(self, ids: list[int]) -> dict[int, SearchText]:
        with self._db.reading() as conn:
            rows = self._rows(conn, f"SELECT {_COLUMNS} FROM prep_sheets s WHERE id IN ({{ids}})", ids)
        # Outside the block: the background reader's lock is not re-entrant.
        names = self._contacts.names([r[2] for r in rows])
        out: dict[int, tuple[str, str, str, int | None]] = {}
        for row in rows:
            sheet = _sheet(row)
            text = " · ".join(t for t in _texts(sheet) if t)
            out[stored_id(sheet)] = (names.get(sheet.contact_id, ""), text, d_out(sheet.planned_for) or "",
                                     sheet.contact_id)
        return out

    @staticmethod
    def _values(s: PrepSheet) -> tuple:
        r = s.review or TalkReview()
        reviewed = s.review is not None
        return (s.uid, s.contact_id, s.plan_id, d_out(s.planned_for), s.goal, s.opening,
                json_out(s.questions), s.story,
                json_out([{"article_id": n.article_id, "response": n.response} for n in s.narratives]),
                s.boundary, s.exit_line, json_out(s.techniques),
                d_out(r.reviewed_on) if reviewed else None, r.outcome,
                r.versus_plan if reviewed else None, r.versus_expectation if reviewed else None,
                r.dimension_id, r.view_before, r.view_after, r.feelings, r.conversation_id,
                dt_out(s.created_at), dt_out(s.updated_at))


def _texts(sheet: PrepSheet) -> tuple[str, ...]:
    review = sheet.review or TalkReview()
    return (sheet.goal, sheet.opening, *sheet.questions, sheet.story,
            *(n.response for n in sheet.narratives), sheet.boundary, sheet.exit_line, review.outcome,
            review.feelings)


def _sheet(row: tuple) -> PrepSheet:
    (rid, uid, contact_id, plan_id, planned, goal, opening, questions, story, narratives, boundary,
     exit_line, techniques, reviewed, outcome, versus_plan, versus_expectation, dimension_id,
     before, after, feelings, conversation_id, created, updated) = row
    review = None
    if reviewed is not None:
        review = TalkReview(outcome, versus_plan, versus_expectation, dimension_id, before, after,
                            feelings, d_in(reviewed), conversation_id)
    return PrepSheet(
        contact_id, d_in(planned), plan_id, goal, opening, json_in(questions), story,
        [NarrativeResponse(n["article_id"], n.get("response", "")) for n in json_in(narratives)],
        boundary, exit_line, json_in(techniques), review, rid, uid, dt_in(created), dt_in(updated))


def _validate(sheet: PrepSheet) -> None:
    review = sheet.review
    if review is None:
        return
    if review.versus_plan not in VERSUS_PLAN or review.versus_expectation not in VERSUS_EXPECTATION:
        raise errors.InvalidValue(field="review", reason=errors.Msg(N_("is not a known choice")))
    for name, value in (("view_before", review.view_before), ("view_after", review.view_after)):
        if value is not None and not SCALE_MIN <= value <= SCALE_MAX:
            raise errors.InvalidValue(field=name, reason=errors.Msg(N_("must be between 0 and 10")))


class StrategyTemplates:
    """Templates the user saved from their own strategies: JSON bodies with no person in them."""

    def __init__(self, db: Database):
        self._db = db

    def add(self, body: dict, uid: str | None = None) -> str:
        uid = uid or new_uid()
        with self._db.transaction() as conn:
            conn.execute("INSERT INTO strategy_templates (uid, body, created_at) VALUES (?, ?, ?)",
                         (uid, json.dumps(body, ensure_ascii=False), dt_out(now())))
        return uid

    def all(self) -> list[tuple[str, dict]]:
        with self._db.reading() as conn:
            rows = conn.execute("SELECT uid, body FROM strategy_templates WHERE deleted_at IS NULL"
                                " ORDER BY id").fetchall()
        return [(uid, json.loads(body)) for uid, body in rows]

    def delete(self, uid: str) -> None:
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM strategy_templates WHERE uid = ?", (uid,))
