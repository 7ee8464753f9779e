"""Strategy templates (resources/templates/strategies.json) that prefill a plan for a person."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from commsdesk.domain import Plan, PlanStep
from commsdesk.paths import resources_dir

LANGUAGES = ("ru", "en")


@dataclass(frozen=True)
class StrategyTemplate:
    id: str
    scenario: str  # the library scenario it follows
    stage: str  # the stage of change it suits
    expected_months: int
    techniques: tuple[str, ...]
    title: str
    goal: str
    small_win: str
    shared_values: str
    topics_to_avoid: str
    steps: tuple[tuple[str, str], ...]  # (title, what to expect)


@lru_cache(maxsize=2)
def templates(language: str) -> tuple[StrategyTemplate, ...]:
    data = json.loads((resources_dir() / "templates" / "strategies.json").read_text("utf-8"))
    out = []
    for item in data["templates"]:
        text = item[language if language in LANGUAGES else "en"]
        out.append(StrategyTemplate(
            item["id"], item["scenario"], item["stage"], int(item["expected_months"]),
            tuple(item["techniques"]), text["title"], text["goal"], text["small_win"],
            text["shared_values"], text["topics_to_avoid"],
            tuple((title, expect) for title, expect in text["steps"])))
    return tuple(out)


def plan_from_template(template: StrategyTemplate, contact_id: int, today: date) -> Plan:
    """A plan prefilled from the template: steps spread over the expected months."""
    spacing = max(7, template.expected_months * 30 // max(1, len(template.steps)))
    steps = [PlanStep(title, expectation, due_on=today + timedelta(days=spacing * (i + 1)))
             for i, (title, expectation) in enumerate(template.steps)]
    return Plan(contact_id, template.goal, realistic_expectation=template.small_win,
                started_on=today,
                review_on=today + timedelta(days=30 * template.expected_months), steps=steps,
                expected_months=template.expected_months, shared_values=template.shared_values,
                topics_to_avoid=template.topics_to_avoid, techniques=list(template.techniques))
