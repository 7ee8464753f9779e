"""Names and places written in Latin letters: a small offline gazetteer of first names (English and
Russian ones transliterated) and towns, titles (Mr, Aunt), surnames after a first name, "X Oblast"."""

from __future__ import annotations

import itertools

from commsdesk.club.name_detection import Candidate, Word, gazetteer, joined, preposition_before
from commsdesk.club.russian_names import Replacement

TITLES = frozenset(("mr", "mrs", "ms", "miss", "dr", "prof"))
ROLES = frozenset(("aunt", "auntie", "uncle", "grandma", "grandpa", "granny", "cousin", "neighbour",
                   "neighbor", "brother", "sister", "friend", "colleague", "nephew", "niece"))
REGION_WORDS = frozenset(("oblast", "region", "krai", "county", "province", "republic"))
MAX_PLACE_WORDS = 3


def _latin_capital(word: Word) -> bool:
    return word.latin and word.capitalized and not (word.text.isupper() and len(word.text) > 1)


def _free(word: Word) -> bool:
    """A capitalised Latin word that is not a country, a public name or a service."""
    return _latin_capital(word) and word.folded not in gazetteer()["en_never"]


def find_english_names(text: str, toks: list[Word], replacement: Replacement) -> list[Candidate]:
    found: list[Candidate] = []
    i = 0
    while i < len(toks):
        step = _place(text, toks, i, replacement) or _person(text, toks, i, replacement)
        if step is None:
            i += 1
            continue
        candidate, i = step
        found.append(candidate)
    return found


def _place(text, toks, i, replacement):
    if not _free(toks[i]):
        return None
    following = toks[i + 1] if i + 1 < len(toks) else None
    if following and following.folded in REGION_WORDS and joined(text, toks[i], following, hyphen=False):
        return _place_candidate(text, toks, i, i + 1, replacement), i + 2  # "Saratov Oblast"
    places = gazetteer()["en_places"]
    for length in range(MAX_PLACE_WORDS, 0, -1):
        part = toks[i:i + length]
        if len(part) < length or not all(joined(text, a, b) or text[a.end:b.start] == ". "
                                         for a, b in itertools.pairwise(part)):
            continue
        spoken = " ".join(w.folded for w in part)
        if spoken in places or spoken.replace(" ", "-") in places \
                or text[part[0].start:part[-1].end].casefold() in places:
            return _place_candidate(text, toks, i, i + length - 1, replacement), i + length
    return None


def _place_candidate(text, toks, i, j, replacement) -> Candidate:
    return Candidate(toks[i].start, toks[j].end, "place",
                     replacement("place", toks[i:j + 1], "", preposition_before(text, toks, i)))


def _person(text, toks, i, replacement):
    word = toks[i]
    g = gazetteer()
    before = toks[i - 1] if (i > 0 and joined(text, toks[i - 1], word, hyphen=False)) \
        or (i > 0 and text[toks[i - 1].end:word.start] == ". ") else None
    if word.folded in TITLES and word.capitalized and i + 1 < len(toks) and _free(toks[i + 1]) \
            and text[word.end:toks[i + 1].start] in (" ", ". "):
        return _person_candidate(text, toks, i, _surnames(text, toks, i + 1), replacement)
    if not _free(word):
        return None
    last = _surnames(text, toks, i + 1) if i + 1 < len(toks) and joined(text, word, toks[i + 1]) \
        and _free(toks[i + 1]) else i
    known = word.folded in g["en_first_names"]
    ambiguous = word.folded in g["en_ambiguous_first_names"]
    role = before is not None and before.folded in ROLES
    if not (known or (ambiguous and (last > i or role))):
        return None
    if role and before is not None:  # "Aunt Mary" → "Aunt": the role says who, the name goes
        return Candidate(before.end, toks[last].end, "name", ""), last + 1
    return _person_candidate(text, toks, i, last, replacement)


def _surnames(text, toks, j) -> int:
    """The last of up to two capitalised words from toks[j] on (a surname, a double surname)."""
    last = j
    while last + 1 < len(toks) and last + 1 - j < 2 and joined(text, toks[last], toks[last + 1]) \
            and _free(toks[last + 1]) and toks[last + 1].folded not in gazetteer()["en_places"]:
        last += 1
    return last


def _person_candidate(text, toks, i, last, replacement):
    return (Candidate(toks[i].start, toks[last].end, "name",
                      replacement("person", toks[i:last + 1], "", preposition_before(text, toks, i))),
            last + 1)
