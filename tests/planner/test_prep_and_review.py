"""Prep sheets in the vault, the after-talk review that writes the journal entry, user templates."""

from datetime import date, datetime

import pytest

from commsdesk.domain import NarrativeResponse, PrepSheet, TalkReview, Temperature
from commsdesk.planner.next_steps import person_suggestions
from commsdesk.planner.prep import planned_response, prep_sheet_html, section_text
from commsdesk.planner.review import complete_review
from commsdesk.planner.templates import plan_from_template, template_body, templates, user_templates
from commsdesk.storage import errors
from commsdesk.storage.stages import StageChange
from helpers import add_person, add_talk


def sheet_for(person_id: int) -> PrepSheet:
    return PrepSheet(person_id, date(2026, 12, 5), goal="Ask one open question",
                     opening="How was the dacha?", questions=["What worries you most?"],
                     story="Why I left, in two sentences",
                     narratives=[NarrativeResponse("narrative-eight-years-donbas", "Ask about Galya")],
                     boundary="No shouting", exit_line="Let's talk on Sunday",
                     techniques=["technique-open-questions"])


def test_a_prep_sheet_round_trips(vault):
    person = add_person(vault)
    stored = vault.repos.prep_sheets.add(sheet_for(person.id))
    again = vault.repos.prep_sheets.get(stored.id)
    assert again.narratives == [NarrativeResponse("narrative-eight-years-donbas", "Ask about Galya")]
    assert again.questions == ["What worries you most?"] and again.review is None
    assert vault.repos.prep_sheets.for_contact(person.id)[0].id == stored.id
    vault.repos.prep_sheets.delete(stored.id)
    with pytest.raises(errors.RecordNotFound):
        vault.repos.prep_sheets.get(stored.id)


def test_a_bad_rating_is_refused_and_nothing_changes(vault):
    person = add_person(vault)
    sheet = vault.repos.prep_sheets.add(sheet_for(person.id))
    sheet.review = TalkReview(view_before=11)
    with pytest.raises(errors.InvalidValue):
        vault.repos.prep_sheets.update(sheet)
    assert vault.repos.prep_sheets.get(sheet.id).review is None


def test_the_review_creates_the_journal_entry_and_the_rating(vault):
    person = add_person(vault)
    sheet = vault.repos.prep_sheets.add(sheet_for(person.id))
    dim = vault.repos.dimensions.by_key("support_war")
    review = TalkReview("She asked how I live", "partly", "better", dim.id, 8, 7, "Relieved")
    done = complete_review(vault, sheet, review, datetime(2026, 12, 5, 18, 0), Temperature.UNEASY)
    talk = vault.repos.conversations.get(done.review.conversation_id)
    assert talk.contact_id == person.id and talk.techniques == ["technique-open-questions"]
    assert "Ask one open question" in talk.notes and "She asked how I live" in talk.notes
    assert talk.temperature == Temperature.UNEASY
    observed = vault.repos.observations.for_conversation(talk.id)
    assert [(o.dimension_id, o.value) for o in observed] == [(dim.id, 7)]
    stored = vault.repos.prep_sheets.get(sheet.id).review
    assert (stored.view_before, stored.view_after, stored.versus_expectation) == (8, 7, "better")
    assert vault.repos.prep_sheets.reviews() == [(person.id, "partly", "better")]


def test_a_failing_review_writes_nothing(vault):
    person = add_person(vault)
    sheet = vault.repos.prep_sheets.add(sheet_for(person.id))
    with pytest.raises(errors.InvalidValue):
        complete_review(vault, sheet, TalkReview(versus_plan="nonsense"), datetime(2026, 12, 5))
    assert vault.repos.conversations.count() == 0
    assert vault.repos.prep_sheets.get(sheet.id).review is None


def test_planned_responses_come_from_the_library():
    ru = planned_response("narrative-eight-years-donbas", "ru")
    assert ru.count("\n") == 2 and "Донбасс" in ru
    assert planned_response("no-such-article", "en") == ""
    assert section_text("## A {#a}\ntext\n## B {#b}\nmore", "a").strip() == "text"


def test_the_printable_sheet_escapes_everything():
    sheet = PrepSheet(1, date(2026, 12, 5), goal="<script>alert(1)</script>",
                      questions=["<img src=http://x>"], exit_line="Bye & see you")
    page = prep_sheet_html(sheet, "<b>Mum</b>", "en")
    assert "<script>" not in page and "<img" not in page and "&lt;b&gt;Mum" in page
    assert "Bye &amp; see you" in page and "http://x" in page  # as text, never as a resource


def test_a_user_template_keeps_no_personal_data(vault):
    person = add_person(vault, "Маша", region="Тверь")
    plan = plan_from_template(templates("ru")[0], person.id, date(2026, 11, 24))
    plan.goal = "Чтобы Маша из Твери сомневалась"
    plan.steps[0].title = "Позвонить Маше"
    body = template_body(plan, "Для Машей", "doubting", "ru", ["Маша", "Тверь"])
    text = repr(body)
    assert "Маш" not in text and "Твер" not in text and str(person.id) not in body["title"]
    assert "2026" not in text
    vault.repos.strategy_templates.add(body)
    (mine,) = user_templates(vault.repos.strategy_templates.all())
    assert mine.goal == "Чтобы … из … сомневалась" and mine.steps[0][0] == "Позвонить …"
    assert plan_from_template(mine, person.id, date(2026, 11, 24)).expected_months == 6


def test_suggestions_from_the_vault_follow_the_stage_and_dismissals(vault):
    person = add_person(vault)
    add_talk(vault, person.id, "about prices", when=datetime(2026, 11, 20, 19))
    today = date(2026, 11, 24)
    assert person_suggestions(vault, person.id, today, "en") == []
    vault.repos.stage_changes.add(StageChange(person.id, "slipping", today, "back to TV all day"))
    rules = [s.rule for s in person_suggestions(vault, person.id, today, "en")]
    assert rules[0] == "slipping_back" and any(r.startswith("stage:slipping:") for r in rules)
    vault.repos.dismissals.dismiss(person.id, "slipping_back")
    assert "slipping_back" not in [s.rule for s in person_suggestions(vault, person.id, today, "en")]


def test_prep_sheets_are_found_by_search_until_deleted(vault):
    person = add_person(vault)
    sheet = vault.repos.prep_sheets.add(sheet_for(person.id))
    [hit] = vault.repos.search.run("Galya")
    assert (hit.kind, hit.ref, hit.contact_id) == ("prep_sheet", sheet.id, person.id)
    sheet.goal = "Спросить про дачу"
    vault.repos.prep_sheets.update(sheet)
    assert [h.ref for h in vault.repos.search.run("дачи")] == [sheet.id]
    vault.repos.contacts.delete(person.id)
    assert vault.repos.search.run("дачи") == []
    vault.repos.contacts.undo_delete(person.id)
    assert [h.kind for h in vault.repos.search.run("дачи")] == ["prep_sheet"]
    vault.repos.prep_sheets.delete(sheet.id)
    assert vault.repos.search.run("дачи") == []


def test_likely_narratives_come_from_what_the_person_said(vault):
    from commsdesk.planner.prep import likely_narratives

    person = add_person(vault)
    assert likely_narratives(vault, person.id, "ru") == []
    add_talk(vault, person.id, "Опять говорила, что НАТО подошло к нашим границам и Америка воюет"
             " руками Украины, а расширяться на восток обещали не будут.")
    assert likely_narratives(vault, person.id, "ru")[0] == "narrative-nato-started-it"
    other = add_person(vault, "Папа")
    add_talk(vault, other.id, "Говорили про дачу и погоду.")
    assert likely_narratives(vault, other.id, "ru") == []
