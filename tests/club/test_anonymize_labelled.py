"""The anonymizer against its labelled sentences (tests/club/data/anonymizer/): recall of names and
places at least 0.95, precision at least 0.9, nothing flagged in the traps (issue 11)."""

import pytest
from anonymizer_set import NAMES_AND_PLACES, load, score

GOAL_RECALL, GOAL_PRECISION = 0.95, 0.9


def test_the_set_is_as_large_as_promised():
    assert len(load("ru")) >= 60 and len(load("en")) >= 20 and len(load("traps")) >= 30
    assert all(s.spans for s in load("ru") + load("en"))
    assert not any(s.spans for s in load("traps"))


@pytest.mark.parametrize("name", ["ru", "en"])
def test_names_and_places_are_found(name):
    result = score(load(name))
    assert result.recall(NAMES_AND_PLACES) >= GOAL_RECALL, result.misses
    assert result.recall(tuple(result.gold)) >= GOAL_RECALL, result.misses
    assert result.precision() >= GOAL_PRECISION, result.false_alarms


def test_traps_are_left_alone():
    result = score(load("traps"))
    assert result.false_alarms == []


def test_the_scorer_counts_a_miss_and_a_false_alarm():
    from anonymizer_set import Sentence

    missed = Sentence("Про машину и Тамбов.", ((0, 3, "name"),), "ru")  # "Про" is no name: a miss
    result = score([missed])
    assert result.recall() == 0.0 and result.false == 1 and result.precision() == 0.0


@pytest.mark.parametrize("language", ["ru", "en"])
def test_an_anonymized_text_has_nothing_left_to_flag(language):
    """The replacements themselves ("одна знакомая", "one of the towns") are never taken for names."""
    from commsdesk.club.anonymize import apply, find_names

    for sentence in load("ru") + load("en") + load("traps"):
        cleaned = apply(sentence.text, find_names(sentence.text, [], language))
        assert find_names(cleaned, [], language) == [], cleaned
