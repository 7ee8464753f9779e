"""Progress says what is true the day after a strategy began, and never shows a blank panel."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QLabel, QProgressBar, QTableWidget

from commsdesk import i18n
from commsdesk.domain import Plan
from commsdesk.progress.report import elapsed
from commsdesk.progress.stats import strategy_outcome, wins_in
from commsdesk.ui.workspace import PROGRESS
from helpers import add_observation, add_person


def test_a_win_the_day_after_is_not_called_sooner_than_expected():
    from commsdesk.domain import Observation

    today = date(2026, 12, 4)
    series = [Observation(1, 1, today - timedelta(days=1), 8, id=1), Observation(1, 1, today, 7, id=2)]
    outcome = strategy_outcome(1, 1, "g", today - timedelta(days=1), 6, wins_in(series, "lower"), today)
    assert outcome.wins == 1 and outcome.verdict == "too_soon"
    later = strategy_outcome(1, 1, "g", today - timedelta(days=70), 6, wins_in(series, "lower"), today)
    assert later.verdict == "early"  # a real head start is still said


def test_elapsed_time_in_the_unit_that_says_it():
    i18n.set_language("ru")
    try:
        assert elapsed(1 / 30.44) == "1 день"
        assert elapsed(0) == "0 дней"
        assert elapsed(21 / 30.44) == "3 недели"
        assert elapsed(5.1) == "5 месяцев"
    finally:
        i18n.set_language("en")
    assert elapsed(1 / 30.44) == "1 day"


def test_progress_shows_loading_then_the_truth_of_day_one(qtbot, unlocked):
    vault = unlocked.vault
    today = date.today()
    mother = add_person(vault, "Мама")
    vault.repos.plans.add(Plan(mother.id, "чтобы мама засомневалась", started_on=today - timedelta(days=1),
                               expected_months=6))
    add_observation(vault, mother.id, 8, on=today - timedelta(days=1))
    add_observation(vault, mother.id, 7, on=today)
    unlocked.apply_language("ru")
    workspace = unlocked.window.workspace
    page = workspace.sections[PROGRESS]
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        workspace.go_to(PROGRESS)
        # Before the figures arrive: a labelled, moving bar, not an empty panel.
        notes = [label.text() for label in page.body.findChildren(QLabel)]
        assert any("Считаем" in text for text in notes)
        bar = page.body.findChild(QProgressBar)
        assert bar is not None and bar.maximum() == 0
    table = next(t for t in page.body.findChildren(QTableWidget)
                 if t.accessibleName() == "Ожидания и результат")
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    row = {headers[c]: table.item(0, c).text() for c in range(table.columnCount())}
    assert row["Прошло"] == "1 день"
    assert "раньше, чем ожидалось" not in row["Вывод"]
    assert "0 месяцев" not in " ".join(row.values())
    assert page.body.findChild(QProgressBar) is None
