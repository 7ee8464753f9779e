"""Relative times, spans and roles in both languages, from the main catalogs."""

import re
from datetime import date, datetime, timedelta

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from commsdesk.club import story_phrases
from commsdesk.club.stories import card_markdown, draft_from_journey
from commsdesk.club.story_phrases import Phrases, month_label, relative_time, span_phrase
from commsdesk.domain import Relationship
from helpers import ROOT, add_person, add_talk

MAIN_PO = ROOT / "translations" / "ru" / "LC_MESSAGES" / "commsdesk.po"
OURS = ["anonymize.py", "stories.py", "story_card.py", "story_drafts.py", "story_file.py",
        "story_markdown.py", "story_patterns.py", "story_phrases.py"]
START = date(2026, 1, 15)


def read(path):
    with open(path, "rb") as handle:
        return read_po(handle)


@pytest.fixture
def russian(monkeypatch):
    """Phrases read from the compiled Russian catalog afresh."""
    monkeypatch.setattr(story_phrases, "_CATALOGS", {})


def _translated(message) -> bool:
    strings = message.string if message and isinstance(message.string, tuple) else (
        message.string if message else "",)
    return all(strings)


def after(days: int) -> date:
    return START + timedelta(days=days)


@pytest.mark.parametrize(("days", "en"), [
    (-3, "before the first conversation"), (0, "in the first days"), (20, "in the first month"),
    (35, "after a month"), (61, "after two months"), (92, "after three months"),
    (335, "after eleven months"), (370, "after a year"), (548, "after a year and a half"),
    (730, "after two years"), (365 * 5, "after five years"), (365 * 13, "after 13 years"),
])
def test_relative_time_in_english(days, en):
    assert relative_time(START, after(days), "en") == en


@pytest.mark.parametrize(("days", "ru"), [
    (-3, "ещё до первого разговора"), (0, "в первые дни"), (20, "в первый месяц"),
    (35, "через месяц"), (61, "через два месяца"), (92, "через три месяца"),
    (152, "через пять месяцев"), (335, "через одиннадцать месяцев"), (370, "через год"),
    (548, "через полтора года"), (730, "через два года"), (365 * 5, "через пять лет"),
    (365 * 21, "через 21 год"), (365 * 22, "через 22 года"),
])
def test_relative_time_in_russian(russian, days, ru):
    assert relative_time(START, after(days), "ru") == ru


@pytest.mark.parametrize(("days", "en", "ru"), [
    (3, "within a few days", "за несколько дней"), (40, "over a month", "за месяц"),
    (122, "over four months", "за четыре месяца"), (183, "over six months", "за шесть месяцев"),
    (365, "over a year", "за год"), (500, "over a year and a half", "за полтора года"),
    (1100, "over three years", "за три года"),
])
def test_spans_in_both_languages(russian, days, en, ru):
    assert span_phrase(START, after(days), "en") == en
    assert span_phrase(START, after(days), "ru") == ru


def test_roles_and_regions_in_both_languages(russian):
    assert Phrases("en").role(Relationship.MOTHER) == "my mother"
    assert Phrases("ru").role(Relationship.MOTHER) == "моя мама"
    assert Phrases("ru").region("in") == "в одном из регионов России"
    assert {Phrases("ru").role(r) for r in Relationship}.isdisjoint({Phrases("en").role(r)
                                                                    for r in Relationship})


def test_months_are_named_not_dated():
    assert month_label("2026-11", "en") == "November 2026"
    assert month_label("2026-11", "ru") == "ноябрь 2026"


def test_an_unknown_language_falls_back_to_english():
    assert relative_time(START, after(92), "de") == "after three months"


def test_every_new_string_has_a_russian_translation_with_the_same_placeholders(tmp_path):
    pot = tmp_path / "stories.pot"
    sources = [str(ROOT / "src" / "commsdesk" / "club" / name) for name in OURS]
    CommandLineInterface().run(["pybabel", "-q", "extract", "-k", "N_", "-o", str(pot), *sources])
    known = {m.id if isinstance(m.id, str) else m.id[0]: m for m in read(MAIN_PO)
             if m.id and _translated(m)}
    placeholders = re.compile(r"\{[^{}]*\}")
    for message in read(pot):
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        assert key in known, key
        strings = known[key].string if isinstance(known[key].string, tuple) else (known[key].string,)
        assert all(strings), key
        for string in strings:
            assert set(placeholders.findall(string)) == set(placeholders.findall(key)), key
    assert len(known["one two three four five six seven eight nine ten eleven twelve"].string.split()) == 12


def test_a_russian_draft_reads_naturally(russian, vault):
    mother = add_person(vault, "Наталья Петровна", region="Саратовская область")
    add_talk(vault, mother.id, "Наталья Петровна живёт в Саратовской области.", when=datetime(2026, 1, 10))
    add_talk(vault, mother.id, "Звонила 12 марта, номер 8 916 123 45 67.", when=datetime(2026, 5, 12))
    card = draft_from_journey(vault, mother.id, "ru").card
    assert card.title == "Мама, за четыре месяца"
    # Plain text since issue 11 (no "**" around the moments), and "Нине Петровне" would be "маме".
    assert "В первые дни. Моя мама живёт в одном из регионов России." in card.story
    assert "Через четыре месяца. Звонила через два месяца, номер [номер телефона]." in card.story
    text = card_markdown(card, "ru")
    assert "- Кто: Мама" in text and "Сколько времени: за четыре месяца" in text
