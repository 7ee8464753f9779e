"""Progress figures read from a vault: weeks, people reached, techniques, strategies; deleted
people never count."""

from datetime import date, datetime, timedelta

from commsdesk.domain import Plan, PlanStep, StepStatus
from commsdesk.progress.figures import overall_progress, person_progress
from helpers import add_observation, add_person, add_talk

TODAY = date(2026, 11, 25)


def when(days_ago: int) -> datetime:
    return datetime.combine(TODAY - timedelta(days=days_ago), datetime.min.time())


def test_overall_figures_leave_deleted_people_out(vault):
    mother, friend = add_person(vault, "Мама"), add_person(vault, "Дима")
    add_talk(vault, mother.id, "a", when=when(2), techniques=["technique-repair"], self_rating=4)
    add_talk(vault, mother.id, "b", when=when(9), techniques=["technique-repair"], self_rating=2)
    add_talk(vault, friend.id, "c", when=when(3))
    add_talk(vault, mother.id, "old", when=when(400))
    vault.repos.plans.add(Plan(mother.id, "goal", started_on=TODAY - timedelta(days=90),
                               expected_months=6))
    add_observation(vault, mother.id, 8, on=TODAY - timedelta(days=60))
    add_observation(vault, mother.id, 7, on=TODAY - timedelta(days=9))
    figures = overall_progress(vault, TODAY)
    assert (figures.talks, figures.people_reached) == (3, 2)
    assert [(t.technique, t.times, t.average_rating) for t in figures.techniques] == [
        ("technique-repair", 2, 3.0)]
    [strategy] = figures.strategies
    assert strategy.wins == 1 and strategy.verdict == "early"
    vault.repos.contacts.delete(friend.id)
    assert (overall_progress(vault, TODAY).talks, overall_progress(vault, TODAY).people_reached) == (2, 1)


def test_a_persons_progress_has_series_wins_steps_and_talks(vault):
    mother = add_person(vault, "Мама")
    talk = add_talk(vault, mother.id, "a", when=when(5))
    add_observation(vault, mother.id, 9, "всё правда", on=TODAY - timedelta(days=40))
    add_observation(vault, mother.id, 7, "ну не знаю", on=TODAY - timedelta(days=5),
                    conversation_id=talk.id)
    vault.repos.plans.add(Plan(mother.id, "goal", steps=[
        PlanStep("listen", status=StepStatus.DONE, due_on=TODAY, done_on=TODAY - timedelta(days=3)),
        PlanStep("story", due_on=TODAY + timedelta(days=20)), PlanStep("undated")]))
    progress = person_progress(vault, mother.id)
    [dim] = progress.dimensions
    assert [o.value for o in progress.series[dim.id]] == [9, 7]
    assert [(w.previous, w.observation.evidence) for w in progress.wins] == [(9, "ну не знаю")]
    assert [(s.title, s.done) for s in progress.steps] == [("listen", True), ("story", False)]
    assert len(progress.talks) == 1 and progress.first_day == TODAY - timedelta(days=40)
