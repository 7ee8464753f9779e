"""Strategy templates: eight in each language, matching library scenarios; prefill a plan."""

from datetime import date

import pytest

from commsdesk.library.catalog import articles
from commsdesk.planner.stages import Stage
from commsdesk.planner.templates import plan_from_template, templates


@pytest.mark.parametrize("language", ["ru", "en"])
def test_templates_are_complete_and_point_to_the_library(language):
    found = templates(language)
    assert len(found) >= 8
    library = articles(language)
    for template in found:
        assert template.scenario in library and library[template.scenario].kind == "scenario"
        assert all(t in library for t in template.techniques)
        assert template.stage in {s.value for s in Stage}
        assert template.title and template.goal and template.small_win and template.steps
        assert template.expected_months >= 3  # realistic pacing, by design
    assert [t.id for t in templates("ru")] == [t.id for t in templates("en")]
    assert {t.scenario for t in found} == {a for a, info in library.items()
                                            if info.kind == "scenario"}


def test_a_template_prefills_a_plan_that_the_vault_stores(vault):
    from helpers import add_person

    person = add_person(vault)
    template = templates("ru")[0]
    plan = plan_from_template(template, person.id, date(2026, 11, 24))
    assert plan.review_on == date(2027, 5, 23) and len(plan.steps) == len(template.steps)
    assert plan.steps[0].due_on < plan.steps[-1].due_on <= plan.review_on
    stored = vault.repos.plans.add(plan)
    assert vault.repos.plans.get(stored.id).goal == template.goal
