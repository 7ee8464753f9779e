"""Serving drills: lookup, languages, reply kinds, and which drill comes next."""

import random
from datetime import date, timedelta

import pytest

from commsdesk.club.drills import ReplyKind, checklist, drill, drills, kinds, next_drill

TODAY = date(2026, 11, 24)


def ids(language="en"):
    return [d.id for d in drills(language)]


def test_a_drill_is_found_by_id_in_either_language():
    first = ids()[0]
    assert drill(first, "ru").id == drill(first, "en").id == first
    assert drill(first, "ru").line != drill(first, "en").line
    with pytest.raises(KeyError):
        drill("no-such-drill", "en")


def test_an_unknown_language_falls_back_to_english():
    assert drills("de") == drills("en")
    assert checklist("de") == checklist("en")


def test_drills_are_read_once_and_cached():
    assert drills("ru") is drills("ru")


def test_reply_kinds_have_labels():
    assert kinds() == {"reflection": "Reflection", "open_question": "Open question",
                       "story": "Personal story", "shared_value": "Shared value",
                       "boundary": "Boundary"}
    assert ReplyKind("story").label == "Personal story"


def test_with_nothing_practised_the_first_drill_comes_first():
    assert next_drill("en", {}, TODAY).id == ids()[0]


def test_never_practised_drills_come_before_any_practised_one():
    all_ids = ids()
    practised = {i: TODAY - timedelta(days=400) for i in all_ids if i != all_ids[17]}
    assert next_drill("en", practised, TODAY).id == all_ids[17]
    rng = random.Random(3)
    for _ in range(20):
        assert next_drill("en", practised, TODAY, rng).id == all_ids[17]


def test_once_all_are_practised_the_least_recent_comes_next():
    all_ids = ids()
    practised = {i: TODAY - timedelta(days=n % 5) for n, i in enumerate(all_ids)}
    practised[all_ids[30]] = TODAY - timedelta(days=60)
    assert next_drill("en", practised, TODAY).id == all_ids[30]
    practised[all_ids[30]] = TODAY
    chosen = next_drill("en", practised, TODAY)
    assert practised[chosen.id] == TODAY - timedelta(days=4)


def test_the_choice_is_deterministic_given_the_random_generator():
    first = [next_drill("en", {}, TODAY, random.Random(42)).id for _ in range(5)]
    assert len(set(first)) == 1
    seen = {next_drill("en", {}, TODAY, random.Random(seed)).id for seed in range(30)}
    assert len(seen) > 5  # the generator really picks among the fresh drills


def test_a_date_in_the_future_counts_as_today():
    all_ids = ids()
    practised = {i: TODAY for i in all_ids}
    practised[all_ids[0]] = TODAY + timedelta(days=3000)
    assert next_drill("en", practised, TODAY).id == all_ids[0]


def test_ids_of_drills_no_longer_shipped_are_ignored():
    practised = {"a-drill-from-an-old-version": TODAY - timedelta(days=999)}
    assert next_drill("en", practised, TODAY).id == ids()[0]


def test_the_narrative_filter_keeps_only_its_drills():
    narrative = "narrative-soldiers-heroes"
    own = [d.id for d in drills("ru") if d.narrative == narrative]
    assert len(own) >= 3
    assert next_drill("ru", {}, TODAY, narrative=narrative).id == own[0]
    practised = {i: TODAY - timedelta(days=10) for i in own}
    practised[own[1]] = TODAY - timedelta(days=20)
    assert next_drill("ru", practised, TODAY, random.Random(1), narrative=narrative).id == own[1]


def test_the_filter_also_matches_a_scenario_article():
    scenario = "scenario-parent-state-tv"
    chosen = next_drill("en", {}, TODAY, narrative=scenario)
    assert scenario in chosen.articles


def test_a_filter_without_drills_is_an_error():
    with pytest.raises(LookupError):
        next_drill("en", {}, TODAY, narrative="narrative-that-does-not-exist")
