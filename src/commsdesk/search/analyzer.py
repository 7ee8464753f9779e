"""Turn text into search terms: case folding, ё/е folding and Snowball stemming (Russian, English).

The vault's full-text index stores two columns per record: the stems (for word and phrase
matches across inflections: мама/мамой) and the folded words (for prefix matches: Солов*).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from snowballstemmer.english_stemmer import EnglishStemmer
from snowballstemmer.russian_stemmer import RussianStemmer

WORD = re.compile(r"[^\W_]+", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-z]")

# The two stemmers directly: `snowballstemmer.stemmer()` would load all thirty languages.
_russian = RussianStemmer()
_english = EnglishStemmer()


def fold(word: str) -> str:
    """Lower case with ё and е made one letter, so Соловьёв finds Соловьев and back."""
    return word.casefold().replace("ё", "е")


@lru_cache(maxsize=200_000)
def stem(folded: str) -> str:
    """Stem to a fixed point: Snowball leaves some forms one step apart (соловьеве → соловьев,
    соловьев → солов); a second pass brings them together. Over-stemming costs some precision,
    which a personal journal can afford far better than a missed note."""
    if _CYRILLIC.search(folded):
        stemmer = _russian
    elif _LATIN.search(folded):
        stemmer = _english
    else:
        return folded
    current = stemmer.stemWord(folded)
    for _ in range(2):
        shorter = stemmer.stemWord(current)
        # Later passes may not cut a word below four letters (солов must not become сол).
        if shorter == current or len(shorter) < 4:
            break
        current = shorter
    return current


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    folded: str
    stem: str


def tokens(text: str) -> list[Token]:
    out = []
    for match in WORD.finditer(text):
        folded = fold(match.group())
        out.append(Token(match.start(), match.end(), folded, stem(folded)))
    return out


def index_columns(*texts: str) -> tuple[str, str]:
    """The (stems, words) pair the full-text index stores for one record."""
    stems: list[str] = []
    words: list[str] = []
    for text in texts:
        if not text:
            continue
        for match in WORD.finditer(text):
            folded = fold(match.group())
            words.append(folded)
            stems.append(stem(folded))
    return " ".join(stems), " ".join(words)
