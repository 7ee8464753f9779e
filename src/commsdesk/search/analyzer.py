"""Turn text into search terms: Russian lemmas (pymorphy3), English stems, names across scripts.

The vault's full-text index keeps four columns per record:
- `stems`: one term per word, in order (for "phrases"): a Russian word's likeliest lemma, an
  English word's Snowball stem after British spellings are made American, else the word;
- `lemmas`: the other lemmas a Russian word may have (стали: стать and сталь), so recall stays high;
- `words`: the words themselves, folded, where they differ from their `stems` term (prefix*
  searches look in both columns; leaving out the words that equal their lemma, such as «мама» or
  «в», saves about a third of the index and of its rebuild time);
- `names`: spelling-free keys of person and place names (Соловьёв = Solovyov = Soloviev).
Everything is case-folded with ё and е made one letter. Words the Russian dictionary does not know
(rare surnames, slang, typos) fall back to a Snowball stem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from snowballstemmer.english_stemmer import EnglishStemmer
from snowballstemmer.russian_stemmer import RussianStemmer

from commsdesk import morphology
from commsdesk.search import english, translit

# Bump when what goes into the index changes: vaults indexed otherwise are rebuilt on open.
VERSION = 2
WORD = re.compile(r"[^\W_]+", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-z]")
NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr", "Geox"})

# The two stemmers directly: `snowballstemmer.stemmer()` would load all thirty languages.
_russian = RussianStemmer()
_english = EnglishStemmer()


def fold(word: str) -> str:
    """Lower case with ё and е made one letter, so Соловьёв finds Соловьев and back."""
    return word.casefold().replace("ё", "е")


@dataclass(frozen=True, slots=True)
class Keys:
    """What one written word puts into the index."""

    folded: str
    primary: str
    others: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    # Made once: every search asks it of each word its snippets look at.
    all: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "all", frozenset((self.primary, *self.others)))


def _clean(lemma: str) -> str:
    """A lemma as one index term (a dictionary form never splits into two FTS5 tokens)."""
    folded = fold(lemma)
    return folded if WORD.fullmatch(folded) else "".join(WORD.findall(folded)) or folded


def _is_name(parse) -> bool:
    return not NAME_GRAMMEMES.isdisjoint(parse.tag.grammemes)


def _russian_keys(word: str, folded: str, lower: str) -> Keys:
    if not morphology.is_known(lower):
        name = translit.key(lower) if word[:1].isupper() else None
        return Keys(folded, _russian.stemWord(folded), (), (name,) if name else ())
    parses = morphology.parses(lower)
    named = [p for p in parses if _is_name(p)]
    # A capitalised word that can be a name is read as the name: «Соловьёв» is the surname,
    # not the genitive plural of соловей (nightingale), and so does not find «Соловей».
    if named and word[:1].isupper():
        parses = tuple(named)
    lemmas = list(dict.fromkeys(_clean(p.normal_form) for p in parses))
    names: tuple[str, ...] = ()
    if named and word[:1].isupper():
        keys = dict.fromkeys(translit.key(x) for x in (lower, *(p.normal_form for p in named)))
        names = tuple(k for k in keys if k)
    return Keys(folded, lemmas[0], tuple(lemmas[1:]), names)


@lru_cache(maxsize=200_000)
def analyse(word: str) -> Keys:
    """The index terms of one word as written (case matters only for names)."""
    folded = fold(word)
    if _CYRILLIC.search(folded):
        return _russian_keys(word, folded, word.lower())
    if _LATIN.search(folded):
        name = translit.key(folded) if word[:1].isupper() else None
        return Keys(folded, _english.stemWord(english.american(folded)), (), (name,) if name else ())
    return Keys(folded, folded)


def russian_name_query(word: str) -> bool:
    """True when a word typed in lower case in a query most likely is a name in its dictionary
    form (навальный, соловьев): then it is read as if capitalised. A word that is more likely an
    ordinary word (внуков, the genitive of внуки, before the surname Внуков) is not."""
    lower = word.lower()
    if not _CYRILLIC.search(lower) or not morphology.is_known(lower):
        return False
    parses = morphology.parses(lower)
    best = max(p.score for p in parses)
    return any(_is_name(p) and p.score >= best and fold(p.normal_form) == fold(lower) for p in parses)


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    keys: Keys

    @property
    def folded(self) -> str:
        return self.keys.folded

    @property
    def stem(self) -> str:
        """The word's main index term: its likeliest lemma, or its stem."""
        return self.keys.primary


def tokens(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), analyse(m.group())) for m in WORD.finditer(text)]


def index_columns(*texts: str) -> tuple[str, str, str, str]:
    """The (stems, lemmas, words, names) the full-text index stores for one record."""
    stems: list[str] = []
    others: list[str] = []
    words: list[str] = []
    names: list[str] = []
    for text in texts:
        if not text:
            continue
        for raw in WORD.findall(text):
            keys = analyse(raw)
            stems.append(keys.primary)
            if keys.folded != keys.primary:
                words.append(keys.folded)
            if keys.others:
                others.extend(keys.others)
            if keys.names:
                names.extend(keys.names)
    return " ".join(stems), " ".join(others), " ".join(words), " ".join(names)
