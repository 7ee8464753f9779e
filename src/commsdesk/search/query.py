"""Parse what the user typed into a safe FTS5 expression, and find the words to highlight.

Accepted: words (all must match, in any inflection), "quoted phrases" (also «…» and „…“),
prefix* searches, OR (or ИЛИ) between alternatives, and -word to exclude. Anything else is read
as plain words: no input can produce an FTS5 syntax error or reach SQL unquoted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from commsdesk.search.analyzer import WORD, fold, stem, tokens

_PART = re.compile(r'[-−]?["«„“][^"«»„“”]*["»“”]?|[-−]?[^\s"«»„“”]+')
_OR = {"or", "или"}
MAX_TERMS = 32


@dataclass(frozen=True)
class Term:
    stems: tuple[str, ...]  # one stem for a word, several for a phrase
    prefix: str | None = None  # folded prefix for word* searches

    def fts(self) -> str:
        if self.prefix is not None:
            return f'words : "{self.prefix}" *'
        return 'stems : "' + " ".join(self.stems) + '"'


@dataclass
class Query:
    groups: list[list[Term]] = field(default_factory=list)  # AND of ORs
    excluded: list[Term] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.groups

    def fts(self) -> str | None:
        if self.empty:
            return None
        parts = ["(" + " OR ".join(t.fts() for t in group) + ")" for group in self.groups]
        expr = " AND ".join(parts)
        if self.excluded:
            expr = f"({expr}) NOT (" + " OR ".join(t.fts() for t in self.excluded) + ")"
        return expr

    def matches_token(self, token_stem: str, token_folded: str) -> bool:
        for group in self.groups:
            for term in group:
                if term.prefix is not None and token_folded.startswith(term.prefix):
                    return True
                if term.prefix is None and token_stem in term.stems:
                    return True
        return False


def _term(raw: str) -> Term | None:
    is_prefix = raw.endswith("*")
    words = [fold(w) for w in WORD.findall(raw)]
    if not words:
        return None
    if len(words) == 1 and is_prefix and not raw.lstrip("-−").startswith(('"', "«", "„", "“")):
        return Term(stems=(stem(words[0]),), prefix=words[0])
    return Term(stems=tuple(stem(w) for w in words))


def parse(text: str) -> Query:
    query = Query()
    pending_or = False
    count = 0
    for part in _PART.findall(text or ""):
        if count >= MAX_TERMS:
            break
        if fold(part) in _OR and query.groups:
            pending_or = True
            continue
        negative = part[0] in "-−" and len(part) > 1
        term = _term(part[1:] if negative else part)
        if term is None:
            continue
        count += 1
        if negative:
            query.excluded.append(term)
        elif pending_or:
            query.groups[-1].append(term)
        else:
            query.groups.append([term])
        pending_or = False
    return query


def highlight_spans(text: str, query: Query) -> list[tuple[int, int]]:
    """Character spans of the words in `text` that the query matched."""
    return [(t.start, t.end) for t in tokens(text) if query.matches_token(t.stem, t.folded)]


def snippet(text: str, query: Query, width: int = 160) -> tuple[str, list[tuple[int, int]]]:
    """A window of `text` around the first match, with the match spans inside the window."""
    flat = " ".join(text.split())
    spans = highlight_spans(flat, query)
    if len(flat) <= width:
        return flat, spans
    start = max(0, spans[0][0] - width // 3) if spans else 0
    if start:
        space = flat.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    end = min(len(flat), start + width)
    piece = flat[start:end]
    prefix = "…" if start else ""
    suffix = "…" if end < len(flat) else ""
    shift = len(prefix) - start
    inside = [(a + shift, b + shift) for a, b in spans if a >= start and b <= end]
    return prefix + piece + suffix, inside
