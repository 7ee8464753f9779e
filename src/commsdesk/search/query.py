"""Parse what the user typed into a safe FTS5 expression, and find the words to highlight.

Accepted: words (all must match, in any inflection), "quoted phrases" (also «…» and „…“),
prefix* searches, OR (or ИЛИ) between alternatives, AND (И) which is the default anyway,
NOT (НЕ) word and -word to exclude. AND, NOT, И and НЕ are operators only in capitals; in lower
case they are ordinary short words, and short words (и, в, на, the, of…) are left out of a query
unless quoted. Anything else is read as plain words: no input can produce an FTS5 syntax error or
reach SQL unquoted, and a query made only of operators or short words finds nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice, product

from commsdesk.search import spellings, translit
from commsdesk.search.analyzer import WORD, Keys, analyse, fold, russian_name_query

_PART = re.compile(r'[-−]?["«„“][^"«»„“”]*["»“”]?|[-−]?[^\s"«»„“”]+')
_QUOTES = ('"', "«", "„", "“")
_OR = {"or", "или", "|"}
_AND = {"and", "и", "&"}
_NOT = {"NOT", "НЕ"}
STOP_WORDS = frozenset("""
а без бы в во вот да для до же за и из или к ко ли на над не ни но о об от по под при с со так
то у чем что это я ты он она оно мы вы они его её ее их мне меня
a an and are as at be by for from in is it not of on or the to was were with
""".split())
MAX_TERMS = 32
MAX_PHRASE_FORMS = 16  # a phrase of ambiguous words is tried in at most this many lemma sequences


@dataclass(frozen=True)
class Columns:
    """The index columns a query runs against (the library has a second set for bodies)."""

    stems: str = "stems"
    lemmas: str = "lemmas"
    words: str = "words"
    names: str = "names"


DEFAULT_COLUMNS = Columns()


def _quoted(keys) -> str:
    return " OR ".join(f'"{k}"' for k in sorted(keys))


@dataclass(frozen=True)
class Term:
    keys: frozenset[str] = frozenset()  # lemmas or stems one word may match
    names: frozenset[str] = frozenset()  # name keys across scripts
    phrase: tuple[frozenset[str], ...] = ()  # for "phrases": the keys of each word in order
    prefix: str | None = None  # folded prefix for word* searches

    def fts(self, cols: Columns = DEFAULT_COLUMNS) -> str:
        if self.prefix is not None:  # a written word (or its lemma) that begins so
            return f'{{{cols.stems} {cols.words}}} : "{self.prefix}" *'
        if self.phrase:
            forms = islice(product(*(sorted(k) for k in self.phrase)), MAX_PHRASE_FORMS)
            return " OR ".join(f'{cols.stems} : "{" ".join(form)}"' for form in forms)
        expr = f"{{{cols.stems} {cols.lemmas}}} : ({_quoted(self.keys)})"
        if self.names:
            expr = f"({expr}) OR ({cols.names} : ({_quoted(self.names)}))"
        return expr

    def matches(self, keys: Keys) -> bool:
        if self.prefix is not None:
            return keys.folded.startswith(self.prefix) or keys.primary.startswith(self.prefix)
        if self.phrase:
            return any(not part.isdisjoint(keys.all) for part in self.phrase)
        return not self.keys.isdisjoint(keys.all) or not self.names.isdisjoint(keys.names)


@dataclass
class Query:
    groups: list[list[Term]] = field(default_factory=list)  # AND of ORs
    excluded: list[Term] = field(default_factory=list)
    _seen: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)
    _found: set[str] = field(default_factory=set, repr=False, compare=False)  # in `_finder`
    _finder: re.Pattern[str] | None = field(default=None, repr=False, compare=False)

    @property
    def empty(self) -> bool:
        return not self.groups

    def fts(self, cols: Columns = DEFAULT_COLUMNS) -> str | None:
        if self.empty:
            return None
        parts = ["(" + " OR ".join(f"({t.fts(cols)})" for t in group) + ")" for group in self.groups]
        expr = " AND ".join(parts)
        if self.excluded:
            expr = f"({expr}) NOT (" + " OR ".join(f"({t.fts(cols)})" for t in self.excluded) + ")"
        return expr

    def matches(self, keys: Keys) -> bool:
        return any(term.matches(keys) for group in self.groups for term in group)

    def matches_word(self, word: str) -> bool:
        """`matches` for a word as written, remembered: snippets of one search repeat words."""
        found = self._seen.get(word)
        if found is None:
            found = self._seen[word] = self.matches(analyse(word))
        return found

    def finder(self, text: str) -> re.Pattern[str] | None:
        """A pattern that finds, as whole words, every word of `text` this query matches (None
        when there is none). Each distinct word is looked at once; the pattern, which grows with
        the matched words seen in this search, then finds them in C rather than word by word."""
        new = [w for w in set(WORD.findall(text)) if w not in self._found and self.matches_word(w)]
        if new:
            self._found.update(new)
            matched = sorted(self._found, key=lambda w: (-len(w), w))
            self._finder = re.compile(rf"(?<![^\W_])(?:{'|'.join(map(re.escape, matched))})(?![^\W_])")
        return self._finder


def word_keys(raw: str) -> tuple[frozenset[str], frozenset[str]]:
    """The index terms and name keys one query word may match."""
    if russian_name_query(raw):
        raw = raw[:1].upper() + raw[1:]  # соловьёв typed in lower case still means the surname
    keys = analyse(raw)
    terms = set(keys.all) | spellings.related(keys)
    names = set(keys.names)
    if not names and (keys.folded.isascii() or russian_name_query(raw)):
        name = translit.key(keys.folded)  # a Latin query word may be a Russian name in Cyrillic
        if name:
            names.add(name)
    return frozenset(terms), frozenset(names)


def _term(raw: str) -> Term | None:
    quoted = raw.startswith(_QUOTES)
    words = WORD.findall(raw)
    if not words:
        return None
    if not quoted and len(words) == 1 and raw.endswith("*"):
        return Term(prefix=fold(words[0]))
    if len(words) == 1:
        if not quoted and fold(words[0]) in STOP_WORDS:
            return None
        keys, names = word_keys(words[0])
        return Term(keys=keys, names=names)
    # a quoted phrase, or words joined by hyphens or dots (санкции-цены): in that order
    return Term(phrase=tuple(frozenset(analyse(w).all) for w in words))


def parse(text: str) -> Query:
    query = Query()
    pending_or = pending_not = False
    count = 0
    for part in _PART.findall(text or ""):
        if count >= MAX_TERMS:
            break
        if part in _NOT:
            pending_not = True
            continue
        folded = fold(part)
        if folded in _OR:
            pending_or = bool(query.groups)
            continue
        if folded in _AND:
            continue
        negative = part[0] in "-−" and len(part) > 1
        term = _term(part[1:] if negative else part)
        if term is None:
            continue
        count += 1
        if negative or pending_not:
            query.excluded.append(term)
        elif pending_or:
            query.groups[-1].append(term)
        else:
            query.groups.append([term])
        pending_or = pending_not = False
    return query


def highlight_spans(text: str, query: Query) -> list[tuple[int, int]]:
    """Character spans of the words in `text` that the query matched."""
    finder = query.finder(text)
    return [m.span() for m in finder.finditer(text)] if finder is not None else []


def snippet(text: str, query: Query, width: int = 160) -> tuple[str, list[tuple[int, int]]]:
    """A window of `text` around the first match, with the match spans inside the window. Only
    the words up to the first match and those in the window are looked at, not the whole note."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat, highlight_spans(flat, query)
    first = next((m.start() for m in WORD.finditer(flat) if query.matches_word(m.group())), None)
    start = max(0, first - width // 3) if first is not None else 0
    if start:
        space = flat.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    end = min(len(flat), start + width)
    prefix = "…" if start else ""
    suffix = "…" if end < len(flat) else ""
    shift = len(prefix) - start
    inside = []
    finder = query.finder(flat[start:end]) if first is not None else None
    # Whole words inside the window (the pattern's look-behind sees the letter before `start`).
    for match in finder.finditer(flat, start) if finder is not None else ():
        if match.end() > end:
            break
        inside.append((match.start() + shift, match.end() + shift))
    return prefix + flat[start:end] + suffix, inside
