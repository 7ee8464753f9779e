"""The shipped drills: enough of them, the same in both languages, pointing at real articles, safe text."""

import json
import re
from collections import Counter

import pytest

from commsdesk.club.drills import FORMAT, FORMAT_VERSION, ReplyKind, checklist, drills
from commsdesk.library.catalog import articles
from commsdesk.paths import resources_dir
from commsdesk.planner.stages import Stage

LANGUAGES = ("ru", "en")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
LATIN = re.compile(r"[A-Za-z]")
MARKUP = re.compile(r"https?://|www\.|<[a-zA-Z/!]|\]\(|\*\*|`")


def raw():
    return json.loads((resources_dir() / "club" / "drills.json").read_text("utf-8"))


def texts(drill):
    yield drill.speaker
    yield drill.context
    yield drill.line
    for example in drill.examples:
        yield example.text
        yield example.why


def test_file_carries_the_documented_format_and_version():
    data = raw()
    assert (data["format"], data["version"]) == (FORMAT, FORMAT_VERSION) == ("commsdesk-drills", 1)
    assert set(data) == {"format", "version", "checklist", "drills"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_at_least_forty_drills_with_unique_ids_and_lines(language):
    found = drills(language)
    assert len(found) >= 40
    assert len({d.id for d in found}) == len(found)
    assert len({d.line for d in found}) == len(found)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", d.id) for d in found)


def test_both_languages_have_the_same_drills_and_structure():
    ru, en = drills("ru"), drills("en")
    assert [d.id for d in ru] == [d.id for d in en]
    for a, b in zip(ru, en, strict=True):
        shared = ("narrative", "article", "difficulty", "stage")
        assert [getattr(a, k) for k in shared] == [getattr(b, k) for k in shared], a.id
        assert [e.kind for e in a.examples] == [e.kind for e in b.examples], a.id
    for item in raw()["drills"]:
        assert set(item["ru"]) == set(item["en"]) == {"speaker", "context", "line", "examples"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_referenced_article_exists_with_the_right_kind(language):
    library = articles(language)
    for d in drills(language):
        assert d.articles, d.id
        if d.narrative is not None:
            assert library[d.narrative].kind == "narrative", d.id
        if d.article is not None:
            assert library[d.article].kind in {"scenario", "technique", "safety"}, d.id


def test_drills_are_spread_over_every_narrative_stage_and_difficulty():
    found = drills("en")
    per_narrative = Counter(d.narrative for d in found if d.narrative)
    narratives = {a for a, info in articles("en").items() if info.kind == "narrative"}
    assert set(per_narrative) == narratives
    assert min(per_narrative.values()) >= 3
    assert {d.stage for d in found} == {s.value for s in Stage}
    assert {d.difficulty for d in found} == {1, 2, 3}
    assert {e.kind for d in found for e in d.examples} == set(ReplyKind)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_drill_has_three_or_four_examples_of_at_least_two_kinds(language):
    for d in drills(language):
        assert 3 <= len(d.examples) <= 4, d.id
        assert len({e.kind for e in d.examples}) >= 2, d.id


@pytest.mark.parametrize("language", LANGUAGES)
def test_texts_are_plain_short_and_not_empty(language):
    for d in drills(language):
        for text in texts(d):
            assert text.strip() == text and text, d.id
            assert "\n" not in text and not MARKUP.search(text), (d.id, text)
        assert len(d.speaker) <= 30 and len(d.context) <= 160 and len(d.line) <= 200, d.id
        for e in d.examples:
            assert len(e.text) <= 260 and len(e.why) <= 160, (d.id, e.text)
            # "why" is one sentence: no full stop followed by another sentence
            assert not re.search(r"[.!?]\s+[A-ZА-ЯЁ]", e.why), (d.id, e.why)


def test_russian_texts_are_russian_and_english_texts_english():
    for d in drills("ru"):
        for text in texts(d):
            assert CYRILLIC.search(text) and not LATIN.search(text), (d.id, text)
    for d in drills("en"):
        for text in texts(d):
            assert not CYRILLIC.search(text), (d.id, text)


def test_checklist_has_six_to_eight_items_in_both_languages():
    ru, en = checklist("ru"), checklist("en")
    assert 6 <= len(ru) <= 8
    assert [i.id for i in ru] == [i.id for i in en]
    assert len({i.id for i in ru}) == len(ru)
    assert all(CYRILLIC.search(i.text) and not LATIN.search(i.text) for i in ru)
    assert all(i.text and not CYRILLIC.search(i.text) for i in en)
    assert "no-risk" in {i.id for i in ru}  # the safety self-check is never dropped
