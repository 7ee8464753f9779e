"""Issue 4, acceptance 1: every article in both languages, valid, complete, and safely rendered."""

import re

import pytest

from commsdesk.library.articles import load, render
from commsdesk.library.catalog import articles, parse_front_matter
from commsdesk.paths import resources_dir

LANGUAGES = ("ru", "en")
KINDS = {"technique": ["when", "steps", "example", "mistakes", "practice"],
         "narrative": ["what-they-say", "behind", "questions", "helps", "avoid"],
         "scenario": ["situation", "approach", "example", "avoid"],
         "safety": ["key-points"], "selfcare": ["key-points"], "club": ["key-points"],
         "roleplay": ["persona", "goal", "player-notes", "observer", "debrief"]}
MINIMUM = {"technique": 14, "narrative": 10, "scenario": 8, "safety": 3, "selfcare": 3, "club": 2,
           "roleplay": 8}
TAGS = set("""listening questions empathy values stories narratives propaganda emotions anger
relationship family parents state-tv mobilisation army emigration safety law self-care expectations
club practice beginner advanced repair long-term work friends""".split())
STAGES = {"not-thinking", "doubting", "questioning", "acting", "holding", "slipping"}
KEYS = {"id", "title", "kind", "tags", "reading_minutes", "related", "summary"}
MIN_BODY = 3000
MIN_BODY_BY_KIND = {"roleplay": 1800}  # a card for one round, read just before playing it

IDS = sorted(articles("ru"))


def test_both_languages_have_the_same_articles():
    assert sorted(articles("en")) == IDS
    assert len(IDS) >= sum(MINIMUM.values())
    files = {lang: sorted(p.stem for p in (resources_dir() / "library" / lang).glob("*.md"))
             for lang in LANGUAGES}
    assert files["ru"] == files["en"] == IDS


@pytest.mark.parametrize("kind", sorted(MINIMUM))
def test_minimum_count_per_kind(kind):
    assert sum(1 for a in articles("ru").values() if a.kind == kind) >= MINIMUM[kind]


@pytest.mark.parametrize("article_id", IDS)
def test_front_matter_is_valid_and_in_parity(article_id):
    infos = {lang: articles(lang)[article_id] for lang in LANGUAGES}
    for lang, info in infos.items():
        meta, _body = parse_front_matter(info.path.read_text(encoding="utf-8"))
        assert set(meta) >= KEYS, (lang, KEYS - set(meta))
        assert meta["id"] == article_id == info.path.stem
        assert info.kind in KINDS
        assert info.title and info.summary and info.reading_minutes > 0
        assert set(info.tags) <= TAGS, set(info.tags) - TAGS
        assert set(info.stages) <= STAGES
        assert 1 <= len(info.related) <= 5 and article_id not in info.related
        assert all(r in articles(lang) for r in info.related), info.related
    ru, en = infos["ru"], infos["en"]
    assert (ru.kind, ru.tags, ru.related, ru.stages) == (en.kind, en.tags, en.related, en.stages)
    assert ru.title != en.title  # translated, not copied


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("article_id", IDS)
def test_body_has_required_sections_and_length(article_id, lang):
    article = load(article_id, lang)
    required = KINDS[article.info.kind]
    assert [s for s in article.sections if s in required] == required, article.sections
    assert len(article.body) >= MIN_BODY_BY_KIND.get(article.info.kind, MIN_BODY)
    assert not re.search(r"https?://|www\.|!\[|<[a-zA-Z/]", article.body), "links, images or HTML"
    assert not article.body.lstrip().startswith("# ")
    if lang == "ru":
        cyrillic = len(re.findall(r"[а-яё]", article.body.lower()))
        assert cyrillic > len(article.body) * 0.5  # Russian text, not an untranslated copy
    assert load(article_id, "ru").sections == load(article_id, "en").sections


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("article_id", IDS)
def test_rendering_leaves_no_raw_markdown_and_nothing_remote(article_id, lang):
    html = render(load(article_id, lang).body)
    text = re.sub(r"<[^>]+>", "", html)
    assert "**" not in text and "{#" not in text and not re.search(r"^#+ ", text, re.M)
    assert "<h2" in html and "<p>" in html
    assert not re.search(r"<(img|script|iframe|style|link|object)|src=|javascript:", html)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_roleplay_cards_are_for_practice_and_point_to_techniques(lang):
    cards = [a for a in articles(lang).values() if a.kind == "roleplay"]
    assert len(cards) >= MINIMUM["roleplay"]
    for card in cards:
        assert {"practice", "club"} <= set(card.tags), card.id
        assert card.stages, card.id
        assert any(articles(lang)[r].kind in ("technique", "narrative") for r in card.related), card.id


def test_renderer_sanitises_hostile_markdown():
    html = render('<script>alert(1)</script>\n\n![x](http://evil/x.png)\n\n'
                  '[a](javascript:alert(1)) <img src="http://evil"> **ok**')
    assert "<script" not in html and "<img" not in html and "javascript:" not in html
    assert "<strong>ok</strong>" in html
