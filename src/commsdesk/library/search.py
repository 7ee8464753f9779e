"""Full-text search over the library, with the journal's morphology (stems, ё/е, prefixes)."""

from __future__ import annotations

from functools import lru_cache

import sqlcipher3

from commsdesk.library.articles import load
from commsdesk.library.catalog import articles
from commsdesk.search.analyzer import index_columns
from commsdesk.search.preview import strip_markup
from commsdesk.search.query import parse, snippet


class LibraryIndex:
    """An in-memory FTS5 index of one language's articles (content is public: no encryption)."""

    def __init__(self, language: str):
        self.language = language
        self.ids = sorted(articles(language))
        self._conn = sqlcipher3.connect(":memory:", check_same_thread=False)
        # Two column pairs, so that bm25 can weigh the title, summary and tags above the body;
        # the query is run against both pairs (see `search`).
        self._conn.execute("CREATE VIRTUAL TABLE docs USING fts5(stems, words, body_stems,"
                           " body_words, tokenize='unicode61 remove_diacritics 2')")
        for rowid, article_id in enumerate(self.ids):
            article = load(article_id, language)
            info = article.info
            head = index_columns(info.title, info.summary, " ".join(info.tags))
            body = index_columns(info.title, info.summary, article.body)
            self._conn.execute("INSERT INTO docs(rowid, stems, words, body_stems, body_words)"
                               " VALUES (?, ?, ?, ?, ?)", (rowid, *head, *body))

    def search(self, text: str, limit: int = 50) -> list[str]:
        query = parse(text)
        head = query.fts()
        if head is None:
            return []
        body = head.replace("stems : ", "body_stems : ").replace("words : ", "body_words : ")
        rows = self._conn.execute(
            "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 8.0, 8.0, 1.0, 1.0)"
            " LIMIT ?", (f"({head}) OR ({body})", limit))
        return [self.ids[r[0]] for r in rows]

    def snippet(self, article_id: str, text: str) -> tuple[str, list[tuple[int, int]]]:
        article = load(article_id, self.language)
        return snippet(strip_markup(article.body), parse(text)) if article else ("", [])


@lru_cache(maxsize=2)
def library_index(language: str) -> LibraryIndex:
    return LibraryIndex(language)
