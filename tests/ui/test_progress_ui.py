"""Progress driven as a user would: the overall view, one person's chart with evidence on hover,
and the PDF report with names replaced by relationship roles."""

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QTableWidget

from commsdesk.domain import Plan
from commsdesk.ui.progress.charts import PersonChart, WeeklyChart
from commsdesk.ui.workspace import PROGRESS
from conftest import choose_file, confirm_identity, pdf_text
from helpers import add_observation, add_person, add_talk


def fill(vault):
    mother = add_person(vault, "Маша", region="Тверь")
    today = date.today()
    for weeks, value, evidence in ((20, 9, "всё по телевизору правда"), (12, 9, ""),
                                   (4, 7, "спросила, правда ли всё так у Маши")):
        talk = add_talk(vault, mother.id, "разговор", when=datetime.combine(
            today - timedelta(weeks=weeks), datetime.min.time()), techniques=["technique-repair"],
            self_rating=4)
        add_observation(vault, mother.id, value, evidence, on=today - timedelta(weeks=weeks),
                        conversation_id=talk.id)
    vault.repos.plans.add(Plan(mother.id, "Сомнение", "вопрос в ответ",
                               started_on=today - timedelta(weeks=22), expected_months=6))
    return mother


def show(qtbot, unlocked, contact_id=None):
    workspace = unlocked.window.workspace
    page = workspace.sections[PROGRESS]
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        if contact_id is None:
            workspace.go_to(PROGRESS)
        else:
            workspace.progress_of(contact_id)
    return page


def test_the_overall_view_counts_without_pressure(qtbot, unlocked):
    fill(unlocked.vault)
    page = show(qtbot, unlocked)
    assert isinstance(page.chart, WeeklyChart)
    assert sum(page.chart.bars.opts["height"]) == 3
    labels = [label.text() for label in page.body.findChildren(QLabel)]
    assert any("3 conversations" in t and "1 person reached" in t for t in labels)
    assert page.shown.strategies[0].wins == 1
    assert page.shown.techniques[0].technique == "technique-repair"


def test_a_person_chart_shows_each_dimension_with_evidence_on_hover(qtbot, unlocked):
    mother = fill(unlocked.vault)
    page = show(qtbot, unlocked)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.person.set_value(mother.id) or page.show_person(mother.id)
    chart = page.chart
    assert isinstance(chart, PersonChart)
    [scatter] = chart.scatters.values()
    points = scatter.points()
    assert [p.pos().y() for p in points] == [9, 9, 7]
    tip = scatter.opts["tip"](x=0, y=7, data=points[-1].data())
    assert "7/10" in tip and "спросила, правда ли" in tip
    assert len(page.shown.wins) == 1


def test_the_report_pdf_replaces_names_by_roles(qtbot, unlocked, tmp_path):
    from commsdesk.ui.progress.report import build_report

    fill(unlocked.vault)
    page = show(qtbot, unlocked)
    assert page.roles.isChecked()  # the safe choice is the default
    path = tmp_path / "report.pdf"
    qtbot.mouseClick(next(b for b in page.findChildren(QPushButton)
                          if b.text() == "Export report to PDF…"), Qt.MouseButton.LeftButton)
    confirm_identity(qtbot, page)
    choose_file(page, path)
    html = build_report(unlocked.vault, tmp_path / "again.pdf", roles=True)
    text = pdf_text(path)
    assert "My progress" in text and "Mother" in text and "спросила" in text
    assert "Маш" not in text and "Маш" not in html and "Твер" not in html
    named = build_report(unlocked.vault, tmp_path / "named.pdf", roles=False)
    assert "Маша" in named


def test_discreet_mode_shows_roles_instead_of_names(qtbot, unlocked):
    fill(unlocked.vault)
    unlocked.settings.discreet_mode = True
    page = show(qtbot, unlocked)
    page.person.showPopup()
    items = [page.person.itemText(i) for i in range(page.person.count())]
    page.person.hidePopup()
    assert "Mother 1" in items and not any("Маша" in item for item in items)
    table = next(t for t in page.body.findChildren(QTableWidget)
                 if t.accessibleName() == "Expectation and outcome")
    assert table.item(0, 0).text() == "Mother 1"
