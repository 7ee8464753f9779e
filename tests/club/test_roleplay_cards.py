"""Issue 6: role-play cards as data for the practice screen: goal, observer's checklist, debrief."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commsdesk.club.roleplay import cards, debrief_questions, goal, list_items, observer_checklist, section

LANGUAGES = ("ru", "en")
IDS = sorted(c.id for c in cards("ru"))


def test_at_least_ten_cards_in_both_languages():
    assert len(IDS) >= 10
    assert sorted(c.id for c in cards("en")) == IDS
    assert all(c.kind == "roleplay" and c.id.startswith("roleplay-") for c in cards("en"))
    titles = [c.title for c in cards("ru")]
    assert titles == sorted(titles)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("card_id", IDS)
def test_observer_checklist_has_six_to_eight_plain_items(card_id, lang):
    items = observer_checklist(card_id, lang)
    assert 6 <= len(items) <= 8, items
    assert all(len(item) > 15 and "**" not in item and "\n" not in item for item in items)
    assert len(set(items)) == len(items)
    assert len(items) == len(observer_checklist(card_id, "en" if lang == "ru" else "ru"))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("card_id", IDS)
def test_goal_is_modest_and_debrief_has_three_or_four_questions(card_id, lang):
    text = goal(card_id, lang)
    assert 40 < len(text) < 400 and "**" not in text
    assert not re.search(r"убедить|переубедить|convince|persuade them", text, re.I), text
    questions = debrief_questions(card_id, lang)
    assert 3 <= len(questions) <= 4 and all(q.endswith("?") for q in questions)
    if lang == "ru":
        assert len(re.findall(r"[а-яё]", text.lower())) > len(text) * 0.5


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("card_id", IDS)
def test_persona_gives_life_news_values_fears_and_phrases(card_id, lang):
    persona = section(card_id, "persona", lang)
    labelled = re.findall(r"^- \*\*[^*]+:\*\*", persona, re.M)
    assert len(labelled) >= 4, labelled  # age and life, news, what matters, fears
    quotes = r"^- «" if lang == "ru" else r'^- "'
    assert len(re.findall(quotes, persona, re.M)) >= 4  # what they typically say
    assert re.search(r"\d", persona)  # an age
    assert len(list_items(section(card_id, "player-notes", lang))) >= 4


def test_unknown_ids_and_other_kinds_are_refused():
    with pytest.raises(KeyError):
        observer_checklist("roleplay-no-such-card", "en")
    with pytest.raises(KeyError):
        goal("technique-open-questions", "en")


def test_list_items_joins_continuations_and_stops_at_a_paragraph():
    text = ("Intro paragraph.\n\n- **First** item\n  goes on here.\n* second *item*\n"
            "1. third\n\nA closing paragraph that is not an item.\n   indented but after a paragraph")
    assert list_items(text) == ["First item goes on here.", "second item", "third"]


@given(st.lists(st.text(alphabet=st.characters(categories=("L", "N", "Zs")), min_size=1, max_size=40)
                .map(str.strip).filter(bool), max_size=10))
def test_list_items_reads_back_any_plain_list(items):
    markdown = "\n".join(f"- {item}" for item in items)
    assert list_items(markdown) == [" ".join(item.split()) for item in items]


@pytest.mark.parametrize("lang, query", [("ru", "ролевая игра"), ("en", "role-play")])
def test_library_search_finds_the_cards(lang, query):
    from commsdesk.library.search import library_index

    hits = library_index(lang).search(query)
    assert set(IDS) <= set(hits)
