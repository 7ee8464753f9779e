"""Plans for a person: a realistic goal and ordered steps with status and dates."""

from __future__ import annotations

from commsdesk.domain import Plan, PlanStatus, PlanStep, StepStatus
from commsdesk.i18n import N_
from commsdesk.storage import errors
from commsdesk.storage.connection import Connection
from commsdesk.storage.repository import PersonRecords, SearchText
from commsdesk.storage.rows import d_in, d_out, dt_in, dt_out, json_in, json_out, new_uid

_COLUMNS = ("id, uid, contact_id, goal, realistic_expectation, status, started_on, review_on,"
            " created_at, updated_at, expected_months, shared_values, topics_to_avoid, techniques")


class Plans(PersonRecords[Plan]):
    table = "plans"
    kind = "plan"
    columns = _COLUMNS

    def _check(self, plan: Plan) -> None:
        _validate(plan)

    def _after_write(self, conn: Connection, plan: Plan) -> None:
        self._save_steps(conn, plan)

    def get(self, plan_id: int) -> Plan:
        with self._db.reading() as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM plans WHERE id = ? AND deleted_at IS NULL",
                               (plan_id,)).fetchone()
            if row is None:
                raise errors.RecordNotFound()
            return self._plan(row, self._steps_of(conn, [plan_id]).get(plan_id, []))

    def for_contact(self, contact_id: int) -> list[Plan]:
        with self._db.reading() as conn:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM plans WHERE contact_id = ?"
                                " AND deleted_at IS NULL ORDER BY id", (contact_id,)).fetchall()
            steps = self._steps_of(conn, [r[0] for r in rows])
        return [self._plan(r, steps.get(r[0], [])) for r in rows]

    def list_all(self, limit: int = 1000, offset: int = 0) -> list[Plan]:
        with self._db.reading() as conn:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM plans WHERE deleted_at IS NULL"
                                " ORDER BY id LIMIT ? OFFSET ?", (limit, offset)).fetchall()
            steps = self._steps_of(conn, [r[0] for r in rows])
        return [self._plan(r, steps.get(r[0], [])) for r in rows]

    def many(self, ids: list[int]) -> list[Plan]:
        """Records by id in the order given (for a streamed export); ids not found are left out."""
        with self._db.reading() as conn:
            rows = self._rows(conn, f"SELECT {_COLUMNS} FROM plans WHERE id IN ({{ids}})", ids)
            steps = self._steps_of(conn, ids)
        found = {r[0]: self._plan(r, steps.get(r[0], [])) for r in rows}
        return [found[i] for i in ids if i in found]

    # -- search ----------------------------------------------------------------------------
    def index_texts(self, conn: Connection, ids: list[int]) -> dict[int, tuple[str, ...]]:
        rows = self._rows(conn, "SELECT p.id, p.goal, p.realistic_expectation, p.shared_values,"
                          " p.topics_to_avoid FROM plans p"
                          " JOIN contacts c ON c.id = p.contact_id WHERE p.id IN ({ids})"
                          " AND p.deleted_at IS NULL AND c.deleted_at IS NULL", ids)
        steps = self._steps_of(conn, ids)
        return {rid: (goal, expectation, shared, avoid,
                      *(f"{s.title} {s.expectation}" for s in steps.get(rid, [])))
                for rid, goal, expectation, shared, avoid in rows}

    def search_texts(self, ids: list[int]) -> dict[int, SearchText]:
        with self._db.reading() as conn:
            rows = self._rows(conn, "SELECT p.id, c.display_name, p.goal, p.realistic_expectation,"
                              " p.started_on, p.contact_id FROM plans p JOIN contacts c"
                              " ON c.id = p.contact_id WHERE p.id IN ({ids})", ids)
            steps = self._steps_of(conn, ids)
        out = {}
        for rid, name, goal, expectation, started, cid in rows:
            parts = [goal, expectation, *(s.title for s in steps.get(rid, []))]
            out[rid] = (name, " · ".join(p for p in parts if p), started or "", cid)
        return out

    # -- rows ------------------------------------------------------------------------------
    @staticmethod
    def _values(p: Plan) -> tuple:
        return (p.uid, p.contact_id, p.goal, p.realistic_expectation, p.status.value,
                d_out(p.started_on), d_out(p.review_on), dt_out(p.created_at), dt_out(p.updated_at),
                p.expected_months, p.shared_values, p.topics_to_avoid, json_out(p.techniques))

    @staticmethod
    def _plan(row: tuple, steps: list[PlanStep]) -> Plan:
        (rid, uid, contact_id, goal, expectation, status, started, review, created, updated,
         months, shared, avoid, techniques) = row
        return Plan(id=rid, uid=uid, contact_id=contact_id, goal=goal,
                    realistic_expectation=expectation, status=PlanStatus(status),
                    started_on=d_in(started), review_on=d_in(review), steps=steps,
                    expected_months=months, shared_values=shared, topics_to_avoid=avoid,
                    techniques=json_in(techniques), created_at=dt_in(created),
                    updated_at=dt_in(updated))

    @staticmethod
    def _save_steps(conn: Connection, plan: Plan) -> None:
        keep = [s.id for s in plan.steps if s.id is not None]
        conn.execute(f"DELETE FROM plan_steps WHERE plan_id = ? AND id NOT IN"
                     f" ({','.join('?' * len(keep)) or 'NULL'})", (plan.id, *keep))
        for position, step in enumerate(plan.steps):
            step.uid = step.uid or new_uid()
            values = (step.uid, plan.id, position, step.title, step.expectation, step.status.value,
                      d_out(step.due_on), d_out(step.done_on))
            if step.id is None:
                step.id = conn.execute(
                    "INSERT INTO plan_steps (uid, plan_id, position, title, expectation, status,"
                    " due_on, done_on) VALUES (?,?,?,?,?,?,?,?)", values).lastrowid
            else:
                conn.execute("UPDATE plan_steps SET uid=?, plan_id=?, position=?, title=?,"
                             " expectation=?, status=?, due_on=?, done_on=? WHERE id=?",
                             (*values, step.id))

    def _steps_of(self, conn: Connection, ids: list[int]) -> dict[int, list[PlanStep]]:
        out: dict[int, list[PlanStep]] = {}
        for sid, uid, plan_id, title, expectation, status, due, done in self._rows(
            conn, "SELECT id, uid, plan_id, title, expectation, status, due_on, done_on"
            " FROM plan_steps WHERE plan_id IN ({ids}) ORDER BY plan_id, position", ids,
        ):
            out.setdefault(plan_id, []).append(PlanStep(
                id=sid, uid=uid, title=title, expectation=expectation, status=StepStatus(status),
                due_on=d_in(due), done_on=d_in(done)))
        return out


def _validate(plan: Plan) -> None:
    if not plan.goal.strip():
        raise errors.InvalidValue(field="goal", reason=errors.Msg(N_("must not be empty")))
    for step in plan.steps:
        if not step.title.strip():
            raise errors.InvalidValue(field="steps.title",
                                      reason=errors.Msg(N_("must not be empty")))
