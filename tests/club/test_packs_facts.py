"""Issue 11: a pack article may say when its facts were checked and where they come from."""

import json
from datetime import date

import pytest
from test_packs_support import article_text, write_source

from commsdesk import i18n
from commsdesk.club import pack_errors as errors
from commsdesk.club.pack_format import canonical, content_digest
from commsdesk.club.packs import build_pack, read_pack
from commsdesk.library.facts import Facts
from commsdesk.library.pack_articles import pack_shelf

SOURCES = ("\n  - Reuters: Russia fully blocks WhatsApp, 12 February 2026"
           "\n  - Росстат, «Инфляция за 2025 год», январь 2026")


def _built(tmp_path, **meta):
    return build_pack(write_source(tmp_path / "src", {"a.md": article_text(**meta)}))


@pytest.fixture
def english():
    i18n.set_language("en")  # the UI language decides the labels and the date's form
    yield


def test_checked_and_sources_travel_with_the_article_and_show_under_it(tmp_path, english):
    pack = read_pack(_built(tmp_path, checked="2026-12-04", sources=SOURCES))
    facts = pack.articles[0].facts
    assert facts == Facts(date(2026, 12, 4), ("Reuters: Russia fully blocks WhatsApp, 12 February 2026",
                                              "Росстат, «Инфляция за 2025 год», январь 2026"))

    class Installed:
        pass

    item = Installed()
    item.pack = pack
    shelf = pack_shelf([item])
    (article_id,) = shelf.infos
    assert shelf.infos[article_id].sources == facts.sources
    html = shelf.html(article_id)
    assert html.index("Обычный текст статьи.") < html.index("Checked: December 4, 2026")
    assert "<li>Reuters: Russia fully blocks WhatsApp, 12 February 2026</li>" in html


def test_a_pack_without_them_is_unchanged(tmp_path):
    document = json.loads(_built(tmp_path))
    assert set(document["articles"][0]) == {"body", "id", "kind", "reading_minutes", "related",
                                            "stages", "summary", "tags", "title"}
    assert read_pack(canonical(document)).articles[0].facts == Facts()


@pytest.mark.parametrize(("meta", "field"), [
    ({"checked": "04.12.2026"}, "checked"),
    ({"checked": "2026-02-30"}, "checked"),
    ({"sources": "\n  - see https://example.org"}, "sources"),
    ({"sources": "\n  - [a](b)"}, "sources"),
    ({"sources": ""}, "sources"),
])
def test_a_bad_date_or_a_link_in_a_source_is_refused_at_build(tmp_path, meta, field):
    with pytest.raises(errors.ArticleInvalid) as caught:
        _built(tmp_path, **meta)
    assert field in str(caught.value)


@pytest.mark.parametrize(("key", "value"), [
    ("checked", 20261204), ("checked", "2026-13-01"), ("sources", "one string"),
    ("sources", ["ok", "ok"]), ("sources", ["a\nb"]), ("sources", ["x"] * 33), ("sources", [3]),
])
def test_a_hand_made_pack_with_bad_facts_is_refused_on_import(tmp_path, key, value):
    document = json.loads(_built(tmp_path))
    document["articles"][0][key] = value
    document["digest"] = "sha256:" + content_digest(document["manifest"], document["articles"])
    with pytest.raises(errors.ArticleInvalid):
        read_pack(canonical(document))
