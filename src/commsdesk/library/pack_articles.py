"""Articles from installed content packs, shown in the Library beside the bundled ones.

Their ids are `pack:<pack id>/<article id>` (article ids are unique only within a pack), their
titles carry the pack's name, and their bodies render through the packs' stricter sanitiser.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from commsdesk.library.catalog import ArticleInfo
from commsdesk.library.facts import facts_html
from commsdesk.library.search import ArticleIndex

PREFIX = "pack:"


def pack_article_id(pack_id: str, article_id: str) -> str:
    return f"{PREFIX}{pack_id}/{article_id}"


def is_pack_article(article_id: str) -> bool:
    return article_id.startswith(PREFIX)


@dataclass(frozen=True)
class PackShelf:
    """The installed packs' articles in one language, with an index for the Library's search."""

    infos: dict[str, ArticleInfo]
    bodies: dict[str, str]
    pack_titles: dict[str, str]  # article id → the pack's title
    index: ArticleIndex

    def html(self, article_id: str) -> str:
        from commsdesk.club.packs import render_article

        if article_id not in self.bodies:
            return ""
        return render_article(self.bodies[article_id]) + facts_html(self.infos[article_id].facts)


def pack_shelf(installed) -> PackShelf:
    """`installed`: `club.shelf.installed_packs(vault)`. Every installed pack is shown whatever the
    UI language: the user chose to install it."""
    infos, bodies, titles, entries = {}, {}, {}, []
    for item in installed:
        pack = item.pack
        for a in pack.articles:
            article_id = pack_article_id(pack.id, a.id)
            related = tuple(pack_article_id(pack.id, r) for r in a.related)
            infos[article_id] = ArticleInfo(article_id, a.title, a.kind, a.summary, a.reading_minutes,
                                            a.tags, related, a.stages, Path(), a.facts)
            bodies[article_id] = a.body
            titles[article_id] = pack.title
            entries.append((article_id, a.title, a.summary, a.tags, a.body))
    return PackShelf(infos, bodies, titles, ArticleIndex(entries))


def empty_shelf() -> PackShelf:
    return PackShelf({}, {}, {}, ArticleIndex([]))
