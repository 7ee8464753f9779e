"""What the user does in the planner: record a stage, save a strategy or a prep sheet, keep a
strategy as a template, dismiss a suggestion."""

from __future__ import annotations

from datetime import date

from commsdesk.domain import Plan, PrepSheet
from commsdesk.planner.templates import template_body
from commsdesk.storage.stages import StageChange


def record_stage(vault, contact_id: int, stage: str, evidence: str = "",
                 on: date | None = None) -> StageChange:
    return vault.repos.stage_changes.add(StageChange(contact_id, stage, on or date.today(), evidence))


def dismiss_suggestion(vault, contact_id: int, rule: str) -> None:
    """The person's "next step" suggestion of this rule is not shown again."""
    vault.repos.dismissals.dismiss(contact_id, rule)


def save_plan(vault, contact_id: int, plan: Plan) -> Plan:
    """Add the person's strategy, or store its edits."""
    plan.contact_id = contact_id
    return vault.repos.plans.add(plan) if plan.id is None else vault.repos.plans.update(plan)


def save_prep_sheet(vault, sheet: PrepSheet) -> PrepSheet:
    return vault.repos.prep_sheets.add(sheet) if sheet.id is None else vault.repos.prep_sheets.update(sheet)


def save_template(vault, plan: Plan, contact_id: int, title: str, language: str) -> str:
    """Keep a strategy as the user's own template, without the person's name, region or any
    dates (`template_body`); returns the template's uid."""
    contact = vault.repos.contacts.get(contact_id)
    stage = vault.repos.stage_changes.current(contact_id)
    body = template_body(plan, title, stage.stage if stage else "", language,
                         [contact.display_name, contact.region])
    return vault.repos.strategy_templates.add(body)
