"""Progress figures: weeks with zeros, small wins, expectation against outcome."""

from datetime import date

from commsdesk.domain import Observation
from commsdesk.progress.stats import months_between, per_week, strategy_outcome, wins_in

TODAY = date(2026, 11, 25)  # a Wednesday


def test_weeks_with_zeros():
    days = [(date(2026, 11, 24), 1), (date(2026, 11, 23), 1), (date(2026, 11, 10), 1),
            (date(2025, 1, 1), 5)]
    weeks = per_week(days, TODAY, weeks=4)
    assert weeks == [(date(2026, 11, 2), 0), (date(2026, 11, 9), 1), (date(2026, 11, 16), 0),
                     (date(2026, 11, 23), 2)]


def obs(day: date, value: int, rid: int) -> Observation:
    return Observation(1, 1, day, value, id=rid)


def test_small_wins_follow_the_dimension_direction():
    series = [obs(date(2026, 3, 1), 8, 3), obs(date(2026, 1, 1), 9, 1), obs(date(2026, 5, 1), 8, 4),
              obs(date(2026, 7, 1), 6, 5)]
    lower = wins_in(series, "lower")
    assert [(w.previous, w.observation.value) for w in lower] == [(9, 8), (8, 6)]
    assert wins_in(series, "higher") == []


def test_expectation_against_outcome():
    start = date(2026, 1, 1)
    wins = wins_in([obs(date(2026, 2, 1), 9, 1), obs(date(2026, 6, 1), 7, 2)], "lower")
    early = strategy_outcome(1, 1, "goal", start, 12, wins, TODAY)
    assert early.wins == 1 and round(early.first_win_after, 1) == 5.0 and early.verdict == "early"
    assert strategy_outcome(1, 1, "g", start, 5, wins, TODAY).verdict == "on_time"
    assert strategy_outcome(1, 1, "g", start, 3, wins, TODAY).verdict == "later"
    assert strategy_outcome(1, 1, "g", start, 12, [], TODAY).verdict == "not_yet"
    assert strategy_outcome(1, 1, "g", start, 6, [], TODAY).verdict == "later"
    assert round(months_between(start, TODAY)) == 11
