"""Issue 11, part 4: articles say when their facts were checked and where they come from."""

import runpy
import warnings
from datetime import date
from pathlib import Path

import pytest

from commsdesk import i18n
from commsdesk.library.articles import rendered
from commsdesk.library.catalog import articles, parse_front_matter, read_article_info
from commsdesk.library.fact_check import stale, unsourced
from commsdesk.library.facts import (
    Facts,
    FactsInvalid,
    claims,
    facts_from_meta,
    facts_html,
    is_stale,
    months_before,
    parse_checked,
    source_problem,
)

IDS = sorted(articles("ru"))
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "library_facts.py"
TODAY = date(2026, 12, 4)


def test_front_matter_lists_keep_items_with_colons():
    meta, body = parse_front_matter("---\nid: a\nsources:\n  - Reuters: WhatsApp blocked, 2026-02-12\n"
                                    "- Росстат, «Инфляция»: 2025\nchecked: 2026-12-04\n---\nText")
    assert meta["sources"].splitlines() == ["Reuters: WhatsApp blocked, 2026-02-12",
                                            "Росстат, «Инфляция»: 2025"]
    assert meta["checked"] == "2026-12-04" and body == "Text"
    assert facts_from_meta(meta) == Facts(date(2026, 12, 4), tuple(meta["sources"].splitlines()))
    # a dash line after a key that has a value is not a list item of that key
    meta, _ = parse_front_matter("---\ntitle: x\n- y\n---\n")
    assert meta == {"title": "x"}


@pytest.mark.parametrize("value", ["04.12.2026", "2026-13-01", "2026-02-30", "2026-1-5", "вчера"])
def test_checked_must_be_a_real_iso_day(value):
    with pytest.raises(FactsInvalid):
        parse_checked(value)


@pytest.mark.parametrize("text", ["see https://example.org", "www.example.org", "[a](b)", "<b>x</b>",
                                  "two\nlines", "", "   "])
def test_sources_are_plain_text_without_links(text):
    assert source_problem(text)
    if text.strip() and "\n" not in text:
        with pytest.raises(FactsInvalid):
            facts_from_meta({"sources": "Reuters, 2026-02-12\n" + text})


def test_a_bad_value_in_a_bundled_file_leaves_the_article_readable(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\nid: a\ntitle: T\nchecked: 31.12.2026\n---\nBody", encoding="utf-8")
    assert read_article_info(path).facts == Facts()


def test_claims_are_years_code_articles_laws_and_counts_not_ages():
    text = ("Маме 68 лет, встреча на 90 минут, шкала от 1 до 10. В 2014 году; статья 207.3 УК РФ; "
            "Article 59 of the Constitution; около 700 тысяч; 12%; указ о мобилизации; 20.3.3 КоАП.")
    found = claims(text)
    for claim in ("2014", "статья 207.3", "Article 59", "700 тысяч", "12%", "указ", "КоАП"):
        assert claim in found, (claim, found)
    assert not claims("Маме 68 лет, встреча на 90 минут, шкала от 1 до 10, три раунда.")


def test_stale_means_more_than_six_calendar_months():
    assert months_before(date(2026, 8, 31), 6) == date(2026, 2, 28)
    assert not is_stale(date(2026, 6, 4), TODAY) and is_stale(date(2026, 6, 3), TODAY)
    assert is_stale(None, TODAY)


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("article_id", IDS)
def test_every_claim_has_sources_and_a_check_date(article_id, lang):
    info = articles(lang)[article_id]
    meta, body = parse_front_matter(info.path.read_text(encoding="utf-8"))
    facts = facts_from_meta(meta)  # raises on a malformed value
    found = claims(body)
    assert not found or facts.sources, f"claims without sources: {found[:5]}"
    assert facts.checked is not None and facts.checked <= date.today()
    assert facts.checked == articles("en" if lang == "ru" else "ru")[article_id].checked


def test_nothing_is_unsourced():
    assert unsourced() == []


def test_the_report_lists_articles_checked_more_than_six_months_before(capsys):
    newest = max(info.checked for lang in ("ru", "en") for info in articles(lang).values())
    oldest = min(info.checked for lang in ("ru", "en") for info in articles(lang).values())
    assert stale(oldest) == []
    later = months_before(newest, -7)
    assert {f.article_id for f in stale(later)} == set(IDS)
    assert _run_script(["--today", later.isoformat()]) == 1
    out = capsys.readouterr().out
    assert f"ru/{IDS[0]}: facts checked" in out and later.isoformat() in out
    assert _run_script(["--today", oldest.isoformat()]) == 0, capsys.readouterr().out
    # the report for today: a warning, so an aging library shows up in every test run
    for finding in stale(date.today()):
        warnings.warn(f"library facts need a new check: {finding}", stacklevel=1)


def _run_script(argv):
    return runpy.run_path(str(SCRIPT))["main"](argv)


@pytest.fixture
def russian():
    i18n.set_language("ru")
    rendered.cache_clear()
    yield
    i18n.set_language("en")
    rendered.cache_clear()


def test_the_reader_shows_the_date_and_sources_at_the_end(russian):
    article_id = "narrative-sanctions-dont-hurt"
    html = rendered(article_id, "ru")
    tail = html[html.rindex("<hr"):]
    assert "Проверено:" in tail and "2026" in tail and "Источники" in tail
    assert all(f"<li>{s}</li>" in tail.replace("&quot;", '"') for s in articles("ru")[article_id].sources
               if "&" not in s and "<" not in s)
    i18n.set_language("en")
    rendered.cache_clear()
    tail = rendered(article_id, "en")
    assert "Checked: December 4, 2026" in tail and "<h3 id=\"sources\">Sources</h3>" in tail


def test_sources_are_escaped_not_rendered():
    html = facts_html(Facts(None, ("A <script> & *stars*",)))
    assert "&lt;script&gt; &amp; *stars*" in html and "<script" not in html
    assert facts_html(Facts()) == ""
