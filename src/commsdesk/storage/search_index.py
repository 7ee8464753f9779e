"""The full-text index over every text field, and search across the whole vault.

One FTS5 row per record. Its rowid encodes the record as -(id * 8 + kind code): no mapping table
is needed, and ascending rowid order, the order FTS5 reads fastest (prefix queries included), is
newest first. Secure-delete is on: a deleted record's terms leave the file at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from commsdesk.search.analyzer import VERSION as ANALYZER_VERSION
from commsdesk.search.analyzer import index_columns
from commsdesk.search.preview import strip_markup
from commsdesk.search.query import Query, highlight_spans, parse, snippet
from commsdesk.storage.connection import Connection

if TYPE_CHECKING:
    from commsdesk.storage.database import Database

KIND_CODES = {
    "stage_change": 0, "contact": 1, "conversation": 2, "observation": 3, "plan": 4,
    "reminder": 5, "reflection": 6, "article_note": 7, "prep_sheet": 8,
}
SLOTS = 8
# Kinds after the first eight (codes 8 and up) take ids above EXTENDED: -((EXTENDED + id) * 8 +
# code - 8). Existing index rows never move, and these rows sort first in the newest-first window
# (there are few of them).
EXTENDED = 1 << 44
KINDS_BY_CODE = {code: kind for kind, code in KIND_CODES.items()}
DEFAULT_LIMIT = 50
# Results are the best matches (bm25) among this many most recent ones: constant cost however
# common the words are, and recent notes are what a journal's user looks for first.
RANKING_WINDOW = 500
REBUILD_BATCH = 500


@dataclass
class SearchHit:
    kind: str
    ref: int
    title: str
    snippet: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    when: str = ""
    contact_id: int | None = None
    title_spans: list[tuple[int, int]] = field(default_factory=list)


def rowid(kind: str, ref: int) -> int:
    code = KIND_CODES[kind]
    if code >= SLOTS:
        return -((EXTENDED + ref) * SLOTS + code - SLOTS)
    return -(ref * SLOTS + code)


def decode(value: int) -> tuple[str, int]:
    ref, code = -value // SLOTS, -value % SLOTS
    if ref >= EXTENDED:
        return KINDS_BY_CODE[code + SLOTS], ref - EXTENDED
    return KINDS_BY_CODE[code], ref


# secure-delete removes a record's terms from the index at once. It does so only for tables that
# keep their content (contentless tables use tombstones that leave the terms in the file).
CREATE_TABLE = ("CREATE VIRTUAL TABLE search_fts USING fts5(stems, lemmas, words, names,"
                " tokenize='unicode61 remove_diacritics 2')")
SECURE_DELETE = "INSERT INTO search_fts(search_fts, rank) VALUES ('secure-delete', 1)"
ANALYZER_KEY = "search_analyzer"  # vault_meta: the analyzer version the index was built with
_INSERT = "INSERT INTO search_fts(rowid, stems, lemmas, words, names) VALUES (?, ?, ?, ?, ?)"


def create_table(conn: Connection) -> None:
    """A new, empty index in the current format (the old one, if any, is dropped)."""
    conn.execute("DROP TABLE IF EXISTS search_fts")
    conn.execute(CREATE_TABLE)
    conn.execute(SECURE_DELETE)


def put(conn: Connection, kind: str, ref: int, *texts: str) -> None:
    columns = index_columns(*texts)
    conn.execute("DELETE FROM search_fts WHERE rowid = ?", (rowid(kind, ref),))
    if columns[0]:
        conn.execute(_INSERT, (rowid(kind, ref), *columns))


def index_rows(conn: Connection, repo: Indexed, kind: str, batch: list[int]) -> list[tuple[object, ...]]:
    """The index rows of a batch of records, in the batch's order; records gone or without text
    have none."""
    texts = repo.index_texts(conn, batch)
    rows: list[tuple[object, ...]] = []
    for ref in batch:
        columns = index_columns(*texts[ref]) if ref in texts else None
        if columns and columns[0]:
            rows.append((rowid(kind, ref), *columns))
    return rows


def put_many(conn: Connection, by_kind: Callable[[str], Indexed], pending: dict[str, set[int]]) -> None:
    """(Re)index many records at once: every old row goes, then the live records' rows are
    inserted in ascending rowid order (newest first), the order in which FTS5 keeps adding to
    one pending segment instead of flushing one per record (see `Search.rebuild`)."""
    rows: list[tuple[object, ...]] = []
    gone: list[tuple[int]] = []
    for kind, refs in pending.items():
        ordered = sorted(refs, reverse=True)
        gone += [(rowid(kind, ref),) for ref in ordered]
        for start in range(0, len(ordered), REBUILD_BATCH):
            rows += index_rows(conn, by_kind(kind), kind, ordered[start:start + REBUILD_BATCH])
    gone.sort()
    rows.sort(key=lambda row: row[0])  # type: ignore[arg-type,return-value]
    conn.executemany("DELETE FROM search_fts WHERE rowid = ?", gone)
    conn.executemany(_INSERT, rows)


def is_current(conn: Connection) -> bool:
    """True when the index was built by this version of the analyzer."""
    row = conn.execute("SELECT value FROM vault_meta WHERE key = ?", (ANALYZER_KEY,)).fetchone()
    return row is not None and row[0] == str(ANALYZER_VERSION)


def mark_current(conn: Connection) -> None:
    conn.execute("INSERT OR REPLACE INTO vault_meta(key, value) VALUES (?, ?)",
                 (ANALYZER_KEY, str(ANALYZER_VERSION)))


def remove(conn: Connection, kind: str, refs: list[int] | tuple[int, ...]) -> None:
    conn.executemany("DELETE FROM search_fts WHERE rowid = ?", [(rowid(kind, r),) for r in refs])


class Indexed(Protocol):
    """What search needs of a repository (every `storage.repository.Repository` is one)."""

    def live_ids(self, conn: Connection) -> list[int]: ...

    def index_texts(self, conn: Connection, ids: list[int]) -> dict[int, tuple[str, ...]]: ...

    def search_texts(self, ids: list[int]) -> dict[int, tuple[str, str, str, int | None]]: ...


class Search:
    """`vault.repos.search.run("мама Соловьёв")`: hits grouped by kind, best first."""

    def __init__(self, db: Database, by_kind: Callable[[str], Indexed]):
        self._db = db
        self._by_kind = by_kind  # each kind's repository gives its texts to show and to index

    def rowids(self, query: Query, limit: int, kinds: tuple[str, ...] | None = None) -> list[int]:
        expression = query.fts()
        if expression is None:
            return []
        sql = "SELECT rowid, rank FROM search_fts WHERE search_fts MATCH ?"
        params: list[object] = [expression]
        if kinds:
            wanted = [KIND_CODES[k] for k in kinds]
            clauses = []
            for extended, codes in ((False, [c for c in wanted if c < SLOTS]),
                                    (True, [c - SLOTS for c in wanted if c >= SLOTS])):
                if codes:
                    side = ">=" if extended else "<"
                    clauses.append(f"(-rowid / {SLOTS} {side} {EXTENDED} AND (-rowid % {SLOTS})"
                                   f" IN ({','.join('?' * len(codes))}))")
                    params += codes
            sql += " AND (" + " OR ".join(clauses) + ")"
        sql = f"SELECT rowid FROM ({sql} ORDER BY rowid LIMIT ?) ORDER BY rank LIMIT ?"
        params += [max(RANKING_WINDOW, limit), limit]
        with self._db.reading() as conn:
            return [row[0] for row in conn.execute(sql, params)]

    def run(self, text: str, limit: int = DEFAULT_LIMIT,
            kinds: tuple[str, ...] | None = None) -> list[SearchHit]:
        query = parse(text)
        ids = self.rowids(query, limit, kinds)
        by_kind: dict[str, list[int]] = {}
        for kind, ref in map(decode, ids):
            by_kind.setdefault(kind, []).append(ref)
        loaded: dict[tuple[str, int], SearchHit] = {}
        for kind, refs in by_kind.items():
            for ref, (title, body, when, contact_id) in self._by_kind(kind).search_texts(refs).items():
                text_snippet, spans = snippet(strip_markup(body), query)
                loaded[(kind, ref)] = SearchHit(kind, ref, title, text_snippet, spans, when,
                                                contact_id, highlight_spans(title, query))
        return [loaded[key] for key in map(decode, ids) if key in loaded]

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Re-index every record (after an import, a new analyzer, or if the index is ever in
        doubt), in one transaction. `progress(done, total)` is called between batches."""
        with self._db.transaction() as conn:
            create_table(conn)  # dropping the table is much faster than deleting every row
            # Newest records first, so rowids (negative, see `rowid`) only grow: FTS5 flushes its
            # pending terms to a new segment whenever a rowid is not larger than the last one,
            # which in ascending order meant one segment (and its merges) per record.
            todo = {kind: sorted(self._by_kind(kind).live_ids(conn), reverse=True)
                    for kind in KIND_CODES}
            total, done = sum(map(len, todo.values())), 0
            for kind, ids in todo.items():
                repo = self._by_kind(kind)
                for start in range(0, len(ids), REBUILD_BATCH):
                    batch = ids[start:start + REBUILD_BATCH]
                    conn.executemany(_INSERT, index_rows(conn, repo, kind, batch))
                    done += len(batch)
                    if progress is not None:
                        progress(done, total)
            mark_current(conn)
