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


def template_body(plan: Plan, title: str, stage: str, language: str,
                  private_words: list[str]) -> dict:
    """What a user's own template keeps of a strategy: its texts with every private word
    (the person's names, their region) replaced by "…", and no dates, ids or person."""
    def scrub(text: str) -> str:
        return scrub_private(text, private_words)

    return {"title": scrub(title).strip() or "—", "language": language, "stage": stage,
            "expected_months": plan.expected_months or 3, "techniques": list(plan.techniques),
            "goal": scrub(plan.goal), "small_win": scrub(plan.realistic_expectation),
            "shared_values": scrub(plan.shared_values), "topics_to_avoid": scrub(plan.topics_to_avoid),
            "steps": [[scrub(s.title), scrub(s.expectation)] for s in plan.steps]}


def scrub_private(text: str, private_words: list[str]) -> str:
    """Replace each private word, in any inflected form the analyzer folds to the same stem."""
    from commsdesk.search.analyzer import tokens

    targets = {t.stem for word in private_words for t in tokens(word) if len(t.stem) >= 2}
    if not targets:
        return text
    out, last = [], 0
    for token in tokens(text):
        if token.stem in targets:
            out += [text[last:token.start], "…"]
            last = token.end
    out.append(text[last:])
    return "".join(out)


def user_templates(saved: list[tuple[str, dict]]) -> tuple[StrategyTemplate, ...]:
    """The user's templates (from `vault.repos.strategy_templates.all()`) as StrategyTemplates."""
    out = []
    for uid, body in saved:
        out.append(StrategyTemplate(
            f"user:{uid}", "", str(body.get("stage", "")), int(body.get("expected_months", 3)),
            tuple(body.get("techniques", ())), str(body.get("title", "")), str(body.get("goal", "")),
            str(body.get("small_win", "")), str(body.get("shared_values", "")),
            str(body.get("topics_to_avoid", "")),
            tuple((str(t), str(e)) for t, e in body.get("steps", ()))))
    return tuple(out)
