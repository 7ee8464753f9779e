"""Each next-step rule, once firing and once not; dismissals; the expectation check; stages."""

from datetime import date, datetime, timedelta

from commsdesk.domain import Conversation, Observation, Temperature
from commsdesk.library.catalog import articles
from commsdesk.planner.expectations import check_expectation
from commsdesk.planner.stages import Stage, articles_for_stage
from commsdesk.planner.suggestions import (
    History,
    hostile_streak,
    long_silence,
    no_movement,
    openness_fell,
    suggestions,
)

TODAY = date(2026, 11, 24)
KEYS = {1: "support_war", 3: "openness"}


def talk(days_ago: int, temperature=Temperature.CALM) -> Conversation:
    return Conversation(1, datetime.combine(TODAY - timedelta(days=days_ago), datetime.min.time()),
                        temperature=temperature)


def obs(days_ago: int, dimension: int, value: int) -> Observation:
    return Observation(1, dimension, TODAY - timedelta(days=days_ago), value)


def history(talks=(), observations=()) -> History:
    return History(TODAY, list(talks), list(observations), KEYS)


def test_openness_fell():
    fired = openness_fell(history(observations=[obs(30, 3, 6), obs(2, 3, 4)]))
    assert fired.rule == "openness_fell" and fired.article_id == "technique-repair"
    assert dict(fired.facts) == {"before": 6, "after": 4}
    assert openness_fell(history(observations=[obs(30, 3, 4), obs(2, 3, 5)])) is None
    assert openness_fell(history(observations=[obs(30, 1, 6), obs(2, 1, 4)])) is None  # other dim


def test_no_movement_for_six_weeks():
    still = history([talk(30), talk(10)], [obs(60, 1, 7), obs(30, 1, 7), obs(10, 1, 7)])
    assert no_movement(still).article_id == "technique-my-story"
    moving = history([talk(30), talk(10)], [obs(60, 1, 7), obs(10, 1, 6)])
    assert no_movement(moving) is None
    few_talks = history([talk(10)], [obs(10, 1, 7)])
    assert no_movement(few_talks) is None


def test_three_hostile_talks_in_a_row():
    hot = history([talk(20, Temperature.CALM), talk(15, Temperature.HOSTILE),
                   talk(10, Temperature.HEATED), talk(5, Temperature.HOSTILE)])
    assert hostile_streak(hot).article_id == "selfcare-when-to-pause"
    broken = history([talk(15, Temperature.HOSTILE), talk(10, Temperature.TENSE),
                      talk(5, Temperature.HOSTILE)])
    assert hostile_streak(broken) is None


def test_long_silence():
    assert long_silence(history([talk(70)])).rule == "long_silence"
    assert long_silence(history()).rule == "long_silence"
    assert long_silence(history([talk(20)])) is None


def test_dismissed_rules_stay_quiet_and_every_suggestion_points_to_an_article():
    h = history([talk(70, Temperature.HOSTILE), talk(65, Temperature.HOSTILE),
                 talk(60, Temperature.HOSTILE)], [obs(70, 3, 6), obs(60, 3, 5)])
    rules = [s.rule for s in suggestions(h)]
    assert rules == ["hostile_streak", "openness_fell", "long_silence"]
    assert [s.rule for s in suggestions(h, {"hostile_streak"})] == ["openness_fell", "long_silence"]
    for found in suggestions(h):
        assert found.article_id in articles("ru")
        found.why.format(**dict(found.facts))  # every placeholder is filled


def test_expectation_check():
    assert check_expectation("переубедить маму", 6).verdict == "too_big"
    assert check_expectation("she asks me a question back", 1).verdict == "too_soon"
    assert check_expectation("she says “well, maybe” once", 4).verdict == "realistic"


def test_stages_match_library_articles():
    found = articles_for_stage(Stage.DOUBTING, articles("ru"))
    assert "technique-street-epistemology" in found
    assert all(stage.label for stage in Stage)


def test_slipping_back_fires_only_for_that_stage():
    from commsdesk.planner.suggestions import slipping_back

    fired = slipping_back(History(TODAY, stage="slipping"))
    assert fired is not None and fired.article_id == "technique-long-haul"
    assert slipping_back(History(TODAY, stage="doubting")) is None
    assert slipping_back(History(TODAY)) is None


def test_a_technique_for_the_stage_is_suggested_until_it_is_used():
    from commsdesk.planner.suggestions import untried_for_stage

    stage_techniques = tuple(articles_for_stage(Stage.DOUBTING, articles("en")))
    history = History(TODAY, [talk(3)], stage="doubting", stage_techniques=stage_techniques)
    fired = untried_for_stage(history)
    assert fired is not None and fired.article_id == stage_techniques[0]
    used = talk(2)
    used.techniques = list(stage_techniques)
    assert untried_for_stage(History(TODAY, [used], stage="doubting",
                                     stage_techniques=stage_techniques)) is None
    assert untried_for_stage(History(TODAY, [talk(3)])) is None
