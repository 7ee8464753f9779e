"""Russian names and places nobody told us about, found by pymorphy3's grammemes (Name, Patr, Surn,
Geox), capitalisation and neighbours, with replacements declined to the case they stand in."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from commsdesk.club.name_detection import (
    ROLE_WORDS,
    Candidate,
    Word,
    gazetteer,
    joined,
    preposition_before,
    sentence_start,
)
from commsdesk.morphology import is_known, lemmas, parses

PERSON = ("Name", "Patr", "Surn")
PLACE_NOUNS = frozenset(("область", "край", "район", "округ", "республика", "губерния", "уезд"))
# Prepositions after which a capitalised word that may be both (Владимир, Питер) is a place.
PLACE_PREPOSITIONS = frozenset(("в", "во", "из", "изо", "под", "подо", "около", "возле", "через"))
MAX_PERSON_WORDS = 4
# What only people do: after one of these a word that is rarely a name is one («Роман позвонил»).
PERSON_VERBS = frozenset((
    "сказать говорить позвонить звонить написать писать спросить ответить рассказать рассказывать"
    " приехать уехать прийти уйти переехать вернуться пообещать обещать попросить просить"
    " пожаловаться признаться согласиться поругаться поссориться помириться заплакать плакать"
    " засмеяться смеяться закричать кричать замолчать промолчать объяснить извиниться поздравить"
    " женить жениться развестись уволиться устроиться проголосовать").split())

# A phrase for a person or a place, declined to where it stands: (what, words, gender, preposition).
Replacement = Callable[[str, list[Word], str, str], str]


@lru_cache(maxsize=50_000)
def scores(word: str) -> dict[str, float]:
    """How likely each name grammeme is for the word, summed over its parses (the caller must not
    change the cached result).

    An indeclinable word (Fixd) gets one parse per case and number, each with its own share of the
    score, which would let a rare indeclinable town outvote a common name (Вани: a town in Georgia,
    and Ваня). Such a lemma counts as one parse; the shares are then made to add up to 1 again.
    """
    weights: list[tuple[float, frozenset[str]]] = []
    fixed: dict[str, tuple[list[float], frozenset[str]]] = {}
    for parse in parses(word):
        grammemes = frozenset(parse.tag.grammemes)
        if "Fixd" in grammemes:
            fixed.setdefault(parse.normal_form, ([], grammemes))[0].append(parse.score)
        else:
            weights.append((parse.score, grammemes))
    weights += [(sum(shares) / len(shares), grammemes) for shares, grammemes in fixed.values()]
    total = sum(w for w, _g in weights) or 1.0
    out = dict.fromkeys((*PERSON, "Geox"), 0.0)
    for weight, grammemes in weights:
        for grammeme in out:
            if grammeme in grammemes:
                out[grammeme] += weight / total
    return out


@lru_cache(maxsize=50_000)
def _never_folded(folded: str) -> bool:
    """A country, a place of the war news, a public figure or a service, in any form: by lemma, or by
    stem for words the dictionary only guesses (Ютубе is not a town)."""
    never = gazetteer()["ru_never"] | gazetteer()["ru_services"]
    if folded in never or any(lemma.replace("ё", "е") in never for lemma in lemmas(folded)):
        return True
    return any(folded.startswith(n) and len(folded) - len(n) <= 3 for n in gazetteer()["ru_services"])


def _never(word: Word) -> bool:
    return _never_folded(word.folded)


def _nameable(word: Word) -> bool:
    """Could be part of a name: Cyrillic, capitalised, not an abbreviation nor a public name."""
    if not (word.cyrillic and word.capitalized and word.text.isalpha()):
        return False
    if word.text.isupper() and len(word.text) <= 4:
        return False
    return not _never(word)


def _person_capable(word: Word) -> bool:
    s = scores(word.folded)
    return s["Name"] + s["Patr"] + s["Surn"] > 0


def find_russian_names(text: str, toks: list[Word], replacement: Replacement) -> list[Candidate]:
    """Candidates for every unknown person and place, left to right, never overlapping."""
    found: list[Candidate] = []
    i = 0
    while i < len(toks):
        step = _region(text, toks, i, replacement) or _person_chain(text, toks, i, replacement) \
            or _single(text, toks, i, replacement)
        if step is None:
            i += 1
            continue
        candidate, i = step
        found.append(candidate)
    return found


def _region(text, toks, i, replacement):
    """ "Саратовской области", "Краснодарский край": a capitalised adjective and a place noun."""
    word = toks[i]
    if i + 1 >= len(toks) or not _nameable(word) or not joined(text, word, toks[i + 1], hyphen=False):
        return None
    noun = toks[i + 1]
    if noun.text[:1].isupper() or not any(lemma in PLACE_NOUNS for lemma in lemmas(noun.folded)):
        return None
    if not any(p.tag.POS == "ADJF" for p in parses(word.folded)):
        return None
    return _place(text, toks, i, i + 1, [noun], replacement), i + 2


def _person_chain(text, toks, i, replacement):
    """Two to four capitalised words that together are a person: a first name and a patronymic,
    a surname after or before them."""
    if not _nameable(toks[i]) or not _person_capable(toks[i]):
        return None
    j = i
    while j + 1 < len(toks) and j + 1 - i < MAX_PERSON_WORDS and _nameable(toks[j + 1]) \
            and joined(text, toks[j], toks[j + 1], hyphen=False) and _person_capable(toks[j + 1]):
        j += 1
    if j == i:
        return None
    found = [scores(t.folded) for t in toks[i:j + 1]]
    patronymic = any(s["Patr"] >= 0.3 for s in found)
    first = any(s["Name"] >= 0.3 for s in found)
    surname = any(s["Surn"] >= 0.2 for s in found)
    if not (patronymic or (first and surname)):
        return None
    return _person(text, toks, i, j, replacement), j + 1


def _single(text, toks, i, replacement):
    word = toks[i]
    if not _nameable(word):
        return None
    s = scores(word.folded)
    person = s["Name"] + s["Patr"] + s["Surn"]
    at_start = sentence_start(text, word.start)
    if at_start:
        # A word the dictionary only guesses (a heading's "Доксинг") needs a verb to be a name.
        likely = person >= 0.5 and is_known(word.folded)
        named = s["Name"] + s["Surn"]
        is_person = likely or (named >= 0.25 and _verb_agrees(toks, i)) \
            or (named > 0 and _verb_agrees(toks, i, PERSON_VERBS))
        is_place = s["Geox"] >= 0.5 and is_known(word.folded)
    else:
        is_person = s["Name"] + s["Patr"] >= 0.04 or s["Surn"] >= 0.2
        is_place = s["Geox"] >= 0.1
    after_place_preposition = preposition_before(text, toks, i) in PLACE_PREPOSITIONS
    is_place = is_place or (s["Geox"] > 0 and after_place_preposition)  # во Владимир, в Питере
    if is_place and (not is_person or after_place_preposition or s["Geox"] > person):
        first, last = i, i
        while first > 0 and joined(text, toks[first - 1], toks[first], hyphen=False) \
                and _nameable(toks[first - 1]) \
                and any(p.tag.POS == "ADJF" for p in parses(toks[first - 1].folded)):
            first -= 1  # Нижний Новгород, Старый Оскол
        while last + 2 < len(toks) and text[toks[last].end:toks[last + 1].start] == "-" \
                and text[toks[last + 1].end:toks[last + 2].start] == "-":
            last += 2  # Ростов-на-Дону, Комсомольск-на-Амуре
        return _place(text, toks, first, last, [toks[i]], replacement), last + 1
    if is_person:
        return _person(text, toks, i, i, replacement), i + 1
    return None


def _verb_agrees(toks: list[Word], i: int, verbs: frozenset[str] | None = None) -> bool:
    """ "Вера сказала", "Ивановы приехали": the next word is a past-tense verb agreeing with the name
    (and, when `verbs` is given, one of them)."""
    if i + 1 >= len(toks) or (verbs is not None and not verbs & set(lemmas(toks[i + 1].folded))):
        return False
    forms = {(p.tag.gender, p.tag.number) for p in parses(toks[i].folded)
             if set(PERSON) & set(p.tag.grammemes)}
    return any(p.tag.POS == "VERB" and "past" in p.tag.grammemes
               and ((p.tag.gender, "sing") in forms or (p.tag.number == "plur" and (None, "plur") in forms))
               for p in parses(toks[i + 1].folded))


def _person(text, toks, i, j, replacement) -> Candidate:
    names = toks[i:j + 1]
    gender = _gender(names)
    if i > 0 and joined(text, toks[i - 1], toks[i], hyphen=False) \
            and any(lemma.replace("ё", "е") in ROLE_WORDS for lemma in lemmas(toks[i - 1].folded)):
        # "соседка Галина Петровна" → "соседка": the role says who, the name goes.
        return Candidate(toks[i - 1].end, names[-1].end, "name", "")
    return Candidate(names[0].start, names[-1].end, "name",
                     replacement("person", names, gender, preposition_before(text, toks, i)))


def _place(text, toks, i, j, head: list[Word], replacement) -> Candidate:
    return Candidate(toks[i].start, toks[j].end, "place",
                     replacement("place", head, "", preposition_before(text, toks, i)))


def _gender(names: list[Word]) -> str:
    for word in names:
        for parse in parses(word.folded):
            if set(PERSON) & set(parse.tag.grammemes) and parse.tag.gender in ("masc", "femn"):
                return parse.tag.gender
    return ""
