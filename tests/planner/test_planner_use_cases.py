"""The planner's use cases, without Qt (issue 12 §1)."""

from __future__ import annotations

from datetime import date

from commsdesk.domain import Plan, PrepSheet
from commsdesk.planner.actions import (
    dismiss_suggestion,
    record_stage,
    save_plan,
    save_prep_sheet,
    save_template,
)
from helpers import add_person


def test_stage_plan_sheet_and_dismissal(vault):
    person = add_person(vault, "Папа")
    record_stage(vault, person.id, "doubting", "спросил, правда ли это", on=date(2026, 11, 5))
    current = vault.repos.stage_changes.current(person.id)
    assert (current.stage, current.evidence, current.changed_on) == (
        "doubting", "спросил, правда ли это", date(2026, 11, 5))
    plan = save_plan(vault, person.id, Plan(0, "Спросить про сына"))
    assert plan.id is not None and plan.contact_id == person.id
    plan.goal = "Спросить про внука"
    save_plan(vault, person.id, plan)
    assert [p.goal for p in vault.repos.plans.for_contact(person.id)] == ["Спросить про внука"]
    sheet = save_prep_sheet(vault, PrepSheet(person.id, goal="Как дача?"))
    sheet.goal = "Как рассада?"
    save_prep_sheet(vault, sheet)
    assert [s.goal for s in vault.repos.prep_sheets.for_contact(person.id)] == ["Как рассада?"]
    dismiss_suggestion(vault, person.id, "hostile_streak")
    assert "hostile_streak" in vault.repos.dismissals.for_contact(person.id)


def test_a_template_keeps_neither_name_nor_region(vault):
    person = add_person(vault, "Тамара", region="Самара")
    record_stage(vault, person.id, "doubting")
    plan = Plan(person.id, "Тамара из Самара спросит сама", shared_values="Тамара любит внуков")
    save_template(vault, plan, person.id, "Тамара", "ru")
    [(_uid, body)] = vault.repos.strategy_templates.all()
    assert "Тамара" not in repr(body) and "Самара" not in repr(body)
    assert body["stage"] == "doubting" and body["language"] == "ru"
