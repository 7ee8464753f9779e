"""The Planner driven as a user would: a strategy from a template, a prep sheet, its PDF, the
after-talk review that lands in the journal, and a suggestion dismissed."""

from datetime import date, datetime, timedelta

from PySide6.QtWidgets import QFrame, QPushButton

from commsdesk.domain import Temperature
from commsdesk.storage.stages import StageChange
from commsdesk.ui.planner.prep_dialog import PrepDialog
from commsdesk.ui.planner.review_dialog import ReviewDialog
from commsdesk.ui.workspace import PLANNER
from conftest import button, choose_file, click, confirm_identity, pdf_text, settled, type_text
from helpers import add_person, add_talk


def planner(qtbot, unlocked, person):
    workspace = unlocked.window.workspace
    workspace.go_to(PLANNER)
    page = workspace.sections[PLANNER]
    page.table.selectRow(page.model.row_of(lambda c: c.id == person.id))
    assert page.contact is not None and page.contact.id == person.id
    return page


def test_a_strategy_from_a_template_is_checked_and_saved(qtbot, unlocked):
    person = add_person(unlocked.vault, "Мама")
    page = planner(qtbot, unlocked, person)
    page.template.setCurrentIndex(0)
    click(qtbot, button(page, "Fill from the template"))
    form = page.strategy
    assert form.goal.toPlainText() and form.steps.rowCount() >= 3
    form.small_win.clear()
    type_text(qtbot, form.small_win, "she will agree with me")
    form.months.setValue(1)
    click(qtbot, button(page, "Check my expectation"))
    assert form.verdict.isVisible() and "conversion" in form.verdict.text()
    form.small_win.clear()
    type_text(qtbot, form.small_win, "she asks a question back")
    form.months.setValue(6)
    click(qtbot, button(page, "Check my expectation"))
    assert "realistic" in form.verdict.text()
    click(qtbot, button(page, "Save the strategy"))
    settled(qtbot, unlocked)
    [plan] = unlocked.vault.repos.plans.for_contact(person.id)
    assert plan.realistic_expectation == "she asks a question back" and plan.expected_months == 6
    assert len(plan.steps) >= 3 and plan.techniques
    click(qtbot, button(page, "Save as my template…"))
    settled(qtbot, unlocked)
    [(_uid, body)] = unlocked.vault.repos.strategy_templates.all()
    assert "Мама" not in repr(body) and body["expected_months"] == 6


def test_stage_of_change_is_recorded_with_evidence(qtbot, unlocked):
    person = add_person(unlocked.vault, "Папа")
    page = planner(qtbot, unlocked, person)
    bar = page.stage_bar
    bar.stage.setCurrentIndex(1)  # doubting
    type_text(qtbot, bar.evidence, "asked if it is all true")
    click(qtbot, button(page, "Record the stage"))
    settled(qtbot, unlocked)
    current = unlocked.vault.repos.stage_changes.current(person.id)
    assert current.stage == "doubting" and current.evidence == "asked if it is all true"
    assert "Doubting" in bar.current.text()


def test_prep_sheet_pdf_review_and_journal_entry(qtbot, unlocked, tmp_path):
    person = add_person(unlocked.vault, "Мама")
    page = planner(qtbot, unlocked, person)
    page.tabs.setCurrentIndex(1)
    click(qtbot, button(page, "Prepare a talk…"))
    dialog = page.findChild(PrepDialog)
    type_text(qtbot, dialog.goal, "Спросить, что её тревожит")
    type_text(qtbot, dialog.opening, "Как дача?")
    type_text(qtbot, dialog.questions, "Что тебя больше всего тревожит?")
    dialog.narrative_choice.set_value("narrative-eight-years-donbas")
    click(qtbot, button(dialog, "Add with a planned answer"))
    assert "Donetsk" in dialog.narratives.items()[0].response  # the library's questions, in English
    type_text(qtbot, dialog.exit_line, "Созвонимся в воскресенье")
    click(qtbot, dialog.save_button)
    settled(qtbot, unlocked)
    [sheet] = unlocked.vault.repos.prep_sheets.for_contact(person.id)
    assert sheet.goal == "Спросить, что её тревожит"
    assert sheet.questions == ["Что тебя больше всего тревожит?"]
    assert sheet.narratives[0].article_id == "narrative-eight-years-donbas"
    assert page.talks.list.count() == 1

    pdf = tmp_path / "sheet.pdf"
    click(qtbot, button(page, "Export to PDF…"))
    confirm_identity(qtbot, page)
    choose_file(page, pdf)
    assert pdf.exists()
    text = pdf_text(pdf)
    assert "Спросить, что её тревожит" in text and "Созвонимся в воскресенье" in text

    click(qtbot, button(page, "After the talk…"))
    review = page.findChild(ReviewDialog)
    type_text(qtbot, review.outcome, "Она сама спросила, как я живу")
    review.versus_expectation.set_value("better")
    review.dimension.setCurrentIndex(0)
    review.before.setValue(8)
    review.after.setValue(7)
    review.temperature.set_value(Temperature.UNEASY)
    click(qtbot, review.save_button)
    settled(qtbot, unlocked)
    [talk] = unlocked.vault.repos.conversations.list()
    assert talk.contact_id == person.id and "Она сама спросила" in talk.notes
    assert "Спросить, что её тревожит" in talk.notes and talk.temperature == Temperature.UNEASY
    [obs] = unlocked.vault.repos.observations.for_conversation(talk.id)
    assert obs.value == 7
    stored = unlocked.vault.repos.prep_sheets.get(sheet.id)
    assert stored.review.conversation_id == talk.id and stored.review.versus_expectation == "better"
    assert not page.talks.review_button.isEnabled()  # reviewed once


def test_a_suggestion_is_shown_with_its_reason_and_dismissed(qtbot, unlocked):
    person = add_person(unlocked.vault, "Брат")
    for days in (20, 10, 3):
        add_talk(unlocked.vault, person.id, "ссора", when=datetime.now() - timedelta(days=days),
                 temperature=Temperature.HOSTILE)
    unlocked.vault.repos.stage_changes.add(StageChange(person.id, "not-thinking", date.today()))
    page = planner(qtbot, unlocked, person)
    page.tabs.setCurrentIndex(2)
    frames = [f for f in page.suggestions.findChildren(QFrame)
              if f.objectName() == "suggestion-hostile_streak"]
    assert frames and "heated or hostile" in frames[0].findChild(type(page.stage_bar.current)).text()
    dismiss = next(b for b in frames[0].findChildren(QPushButton) if b.text() == "Dismiss")
    click(qtbot, dismiss)
    settled(qtbot, unlocked)
    assert "hostile_streak" in unlocked.vault.repos.dismissals.for_contact(person.id)
    qtbot.waitUntil(lambda: not [f for f in page.suggestions.findChildren(QFrame)
                                 if f.objectName() == "suggestion-hostile_streak"])


def test_a_prep_sheet_found_by_search_opens_in_the_planner(qtbot, unlocked):
    from commsdesk.domain import PrepSheet

    person = add_person(unlocked.vault, "Мама")
    sheet = unlocked.vault.repos.prep_sheets.add(PrepSheet(person.id, goal="Спросить про рассаду"))
    [hit] = unlocked.vault.repos.search.run("рассада")
    workspace = unlocked.window.workspace
    workspace.open_record(hit.kind, hit.ref, hit.contact_id)
    assert workspace.current_index() == PLANNER
    dialog = next(d for d in workspace.findChildren(PrepDialog) if d.isVisible())
    assert dialog.goal.text() == "Спросить про рассаду" and dialog.sheet.id == sheet.id


def test_a_person_can_have_several_strategies(qtbot, unlocked):
    from commsdesk.domain import Plan, PlanStatus

    person = add_person(unlocked.vault, "Папа")
    unlocked.vault.repos.plans.add(Plan(person.id, "Old goal", status=PlanStatus.DONE))
    page = planner(qtbot, unlocked, person)
    assert page.strategy.goal.toPlainText() == "Old goal"
    page.plan_choice.setCurrentIndex(page.plan_choice.count() - 1)  # "A new strategy"
    assert page.strategy.goal.toPlainText() == ""
    type_text(qtbot, page.strategy.goal, "New goal")
    click(qtbot, button(page, "Save the strategy"))
    settled(qtbot, unlocked)
    goals = sorted(p.goal for p in unlocked.vault.repos.plans.for_contact(person.id))
    assert goals == ["New goal", "Old goal"]
    assert page.strategy.goal.toPlainText() == "New goal"  # the active one stays chosen
    page.plan_choice.setCurrentIndex(0)
    assert page.strategy.goal.toPlainText() == "Old goal"
