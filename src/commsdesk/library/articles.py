"""Reading an article: its Markdown body rendered to safe HTML (no scripts, no remote resources)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import markdown
import nh3

from commsdesk.library.catalog import ArticleInfo, articles, parse_front_matter
from commsdesk.library.facts import facts_html

ALLOWED_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "b", "i", "blockquote",
                "code", "pre", "hr", "br", "a", "table", "thead", "tbody", "tr", "th", "td"}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}}
SECTION = re.compile(r"^##\s+.*\{#([a-z0-9-]+)\}\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Article:
    info: ArticleInfo
    body: str  # Markdown, without the front matter

    @property
    def sections(self) -> list[str]:
        """The ids of the body's second-level sections, in order."""
        return SECTION.findall(self.body)


def load(article_id: str, language: str) -> Article | None:
    info = articles(language).get(article_id)
    return None if info is None else read(info)


def read(info: ArticleInfo) -> Article:
    """The article of an entry of the catalog."""
    _meta, body = parse_front_matter(info.path.read_text(encoding="utf-8"))
    return Article(info, body.strip())


def render(body: str) -> str:
    """Markdown to HTML, then sanitised: only the tags above; links keep only their address."""
    html = markdown.markdown(body, extensions=["attr_list", "sane_lists", "tables"])
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes={"http", "https", "mailto"}, link_rel=None)


@lru_cache(maxsize=128)
def rendered(article_id: str, language: str) -> str:
    """The article's HTML with, at its end, when its facts were checked and their sources."""
    article = load(article_id, language)
    return render(article.body) + facts_html(article.info.facts) if article else ""
