"""Full-text search over the library, with the journal's analyzer and query language (lemmas,
ё/е, names across scripts, brand spellings, prefixes, operators)."""

from __future__ import annotations

from functools import lru_cache

import sqlcipher3

from commsdesk.library.articles import read
from commsdesk.library.catalog import articles
from commsdesk.search.analyzer import index_columns
from commsdesk.search.preview import strip_markup
from commsdesk.search.query import Columns, parse, snippet

_HEAD = Columns()
_BODY = Columns("body_stems", "body_lemmas", "body_words", "body_names")


class ArticleIndex:
    """An in-memory FTS5 index of articles: (id, title, summary, tags, Markdown body) entries."""

    def __init__(self, entries: list[tuple[str, str, str, tuple[str, ...], str]]):
        self.ids = [entry[0] for entry in entries]
        self._bodies = {entry[0]: entry[4] for entry in entries}
        self._conn = sqlcipher3.connect(":memory:", check_same_thread=False)
        self._conn.execute("PRAGMA temp_store = MEMORY")  # sorting never spills to a temp file
        # Two sets of columns, so that bm25 can weigh the title, summary and tags above the body;
        # the query is run against both sets (see `search`).
        self._conn.execute("CREATE VIRTUAL TABLE docs USING fts5(stems, lemmas, words, names,"
                           " body_stems, body_lemmas, body_words, body_names,"
                           " tokenize='unicode61 remove_diacritics 2')")
        for rowid, (_id, title, summary, tags, body) in enumerate(entries):
            head = index_columns(title, summary, " ".join(tags))
            full = index_columns(title, summary, body)
            self._conn.execute("INSERT INTO docs(rowid, stems, lemmas, words, names, body_stems,"
                               " body_lemmas, body_words, body_names)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", (rowid, *head, *full))

    def search(self, text: str, limit: int = 50) -> list[str]:
        query = parse(text)
        head, body = query.fts(_HEAD), query.fts(_BODY)
        if head is None:
            return []
        rows = self._conn.execute(
            "SELECT rowid FROM docs WHERE docs MATCH ?"
            " ORDER BY bm25(docs, 8.0, 8.0, 8.0, 8.0, 1.0, 1.0, 1.0, 1.0) LIMIT ?",
            (f"({head}) OR ({body})", limit))
        return [self.ids[r[0]] for r in rows]

    def snippet(self, article_id: str, text: str) -> tuple[str, list[tuple[int, int]]]:
        body = self._bodies.get(article_id)
        return snippet(strip_markup(body), parse(text)) if body is not None else ("", [])


class LibraryIndex(ArticleIndex):
    """The bundled articles of one language (content is public: no encryption needed)."""

    def __init__(self, language: str):
        self.language = language
        entries = []
        for article_id, info in sorted(articles(language).items()):
            article = read(info)
            entries.append((article_id, info.title, info.summary, info.tags, article.body))
        super().__init__(entries)


@lru_cache(maxsize=2)
def library_index(language: str) -> LibraryIndex:
    return LibraryIndex(language)
