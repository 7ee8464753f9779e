"""One Russian morphological analyzer for the whole app (pymorphy3 with the OpenCorpora dictionaries).

Loading the dictionaries takes a noticeable fraction of a second and some tens of megabytes, so
the analyzer is built on first use, never at import time: the unlock window must not pay for it.
Search (lemmas) and the story-card anonymizer (name grammemes, inflection) both go through here.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from pymorphy3 import MorphAnalyzer
    from pymorphy3.analyzer import Parse

_lock = threading.Lock()
_analyzer: MorphAnalyzer | None = None


def analyzer() -> MorphAnalyzer:
    """The shared analyzer, built once (thread-safe: the worker thread may be first)."""
    global _analyzer
    if _analyzer is None:
        with _lock:
            if _analyzer is None:
                from pymorphy3 import MorphAnalyzer

                _analyzer = MorphAnalyzer(lang="ru")
    return _analyzer


@lru_cache(maxsize=300_000)
def parses(word: str) -> tuple[Parse, ...]:
    """Every parse pymorphy3 allows for one word (lower-cased by the analyzer), cached."""
    return tuple(analyzer().parse(word))


@lru_cache(maxsize=300_000)
def lemmas(word: str) -> tuple[str, ...]:
    """All normal forms the word may have, in pymorphy3's order of likelihood, without repeats.

    Keeping every parse (not only the likeliest) keeps recall high: «стали» is both сталь and стать.
    """
    seen: dict[str, None] = {}
    for parse in parses(word):
        seen.setdefault(parse.normal_form, None)
    return tuple(seen)


def is_known(word: str) -> bool:
    """True when the dictionary itself knows the word (not a guess from its ending)."""
    return analyzer().word_is_known(word)
