"""What the Overview computes: due items, people gone quiet, small wins (each rule both ways)."""

from datetime import date, datetime

from commsdesk.domain import Reminder
from commsdesk.journal.overview import due_items, overview_data, quiet_people, small_wins
from helpers import add_observation, add_person, add_talk

TODAY = date(2026, 11, 24)


def test_due_items_merge_follow_ups_reminders_and_intervals(vault):
    mother = add_person(vault, "Мама", stay_in_touch_weeks=2)
    father = add_person(vault, "Папа")
    add_talk(vault, mother.id, "a", when=datetime(2026, 11, 1, 10), follow_up_on=date(2026, 11, 20))
    add_talk(vault, father.id, "b", when=datetime(2026, 11, 20, 10), follow_up_on=date(2027, 1, 1))
    vault.repos.reminders.add(Reminder(date(2026, 11, 26), "позвонить", contact_id=father.id))
    vault.repos.reminders.add(Reminder(date(2026, 12, 30), "далеко", contact_id=father.id))
    items = due_items(vault, TODAY)
    assert [(i.kind, i.contact_name) for i in items] == [
        ("stay_in_touch", "Мама"), ("follow_up", "Мама"), ("reminder", "Папа")]
    assert items[0].due_on == date(2026, 11, 15) and items[0].overdue(TODAY)
    assert not items[2].overdue(TODAY)


def test_quiet_people_use_the_setting_or_their_own_longer_interval(vault):
    recent = add_person(vault, "Недавно")
    add_talk(vault, recent.id, "x", when=datetime(2026, 11, 20, 10))
    old = add_person(vault, "Давно")
    add_talk(vault, old.id, "x", when=datetime(2026, 9, 1, 10))
    # Their own weekly rhythm asks for a talk in the due list; two weeks is not "quiet" when the
    # setting says four (the Overview listed people talked to 7 days ago).
    strict = add_person(vault, "Часто", stay_in_touch_weeks=1)
    add_talk(vault, strict.id, "x", when=datetime(2026, 11, 10, 10))
    roomy = add_person(vault, "Редко", stay_in_touch_weeks=8)
    add_talk(vault, roomy.id, "x", when=datetime(2026, 10, 1, 10))  # 7 weeks: within their 8
    later = add_person(vault, "Реже", stay_in_touch_weeks=6)
    add_talk(vault, later.id, "x", when=datetime(2026, 10, 1, 10))  # 7 weeks: past their 6
    add_person(vault, "Никогда")
    add_person(vault, "Архив", archived=True)
    quiet, total = quiet_people(vault, TODAY, weeks=4)
    assert [p.name for p in quiet] == ["Никогда", "Давно", "Реже"] and total == 3
    assert [p.weeks for p in quiet] == [4, 4, 6]
    quiet, total = quiet_people(vault, TODAY, weeks=4, limit=1)
    assert len(quiet) == 1 and total == 3
    assert "Часто" in [i.contact_name for i in due_items(vault, TODAY) if i.kind == "stay_in_touch"]


def test_small_wins_follow_the_dimension_direction(vault):
    person = add_person(vault)
    add_observation(vault, person.id, 8, key="support_war", on=date(2026, 9, 1))
    add_observation(vault, person.id, 7, "засомневалась", key="support_war", on=date(2026, 11, 1))
    add_observation(vault, person.id, 4, key="openness", on=date(2026, 9, 1))
    add_observation(vault, person.id, 3, key="openness", on=date(2026, 11, 2))  # worse: no win
    add_observation(vault, person.id, 5, key="understands_leaving", on=date(2026, 11, 3))  # first
    wins = small_wins(vault, TODAY)
    assert [(w.dimension_key, w.before, w.after) for w in wins] == [("support_war", 8, 7)]
    assert wins[0].evidence == "засомневалась"
    assert small_wins(vault, TODAY, days=10) == []


def test_overview_data_in_one_call(vault):
    mother = add_person(vault, "Мама")
    add_talk(vault, mother.id, "a", when=datetime(2026, 11, 1, 10), follow_up_on=date(2026, 11, 20))
    add_observation(vault, mother.id, 8, on=date(2026, 10, 1))
    add_observation(vault, mother.id, 7, on=date(2026, 11, 1))
    data = overview_data(vault, TODAY, quiet_weeks=2)
    assert [i.kind for i in data.due] == ["follow_up"] and data.overdue == 1
    assert [p.name for p in data.quiet] == ["Мама"] and data.quiet_total == 1
    assert [(v.notes, name) for v, name in data.latest] == [("a", "Мама")]
    assert [(w.before, w.after) for w in data.wins] == [(8, 7)]
