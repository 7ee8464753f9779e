"""Russian replacements that fit the sentence: the case and number of what a name or place was
(«с Ниной Сергеевной» → «с мамой»), read from pymorphy3's parses and the preposition before it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from commsdesk.morphology import parses

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_SECOND_CASES = {"gen2": "gent", "acc2": "accs", "loc2": "loct", "voct": "nomn", "gen1": "gent",
                 "loc1": "loct", "acc1": "accs"}
# What a preposition allows of the noun after it.
_PREPOSITIONS = (
    (("с", "со"), {"ablt", "gent"}),
    (("к", "ко", "по"), {"datv"}),
    (("о", "об", "обо", "при"), {"loct"}),
    (("у", "от", "ото", "из", "изо", "без", "для", "до", "около", "возле", "после", "кроме", "среди",
      "вокруг", "мимо", "вместо", "насчёт", "насчет", "близ", "вдоль", "напротив", "ради"), {"gent"}),
    (("про", "через", "сквозь"), {"accs"}),
    (("в", "во", "на"), {"loct", "accs"}),
    (("за", "под", "подо", "над", "надо", "перед", "передо", "между"), {"ablt", "accs"}),
)
PREPOSITION_CASES = {word: cases for group, cases in _PREPOSITIONS for word in group}
POSSESSIVES = {"мой", "моя", "моё", "мое", "мои"}
# Parts of speech that agree with the head of a replacement phrase (моя мама, один знакомый).
_AGREEING = {"NOUN", "ADJF", "PRTF", "NPRO"}


def case_of(words: Sequence[str], grammemes: Iterable[str], preposition: str = "") -> tuple[str, str]:
    """The case and number the words (one name or place, all in the same form) stand in.

    Only parses with one of `grammemes` (Name, Surn, Patr, Geox) are read when any word has them; the
    cases every word allows are kept, narrowed by the preposition; the likeliest of those wins.
    """
    wanted = set(grammemes)
    allowed: set[tuple[str, str]] | None = None
    ranked: dict[tuple[str, str], float] = {}
    for word in words:
        options = [p for p in parses(word) if wanted & set(p.tag.grammemes)] or list(parses(word))
        forms: set[tuple[str, str]] = set()
        for parse in options:
            form = (_case(parse.tag.case), parse.tag.number or "sing")
            forms.add(form)
            ranked[form] = ranked.get(form, 0.0) + parse.score
        allowed = forms if allowed is None else (allowed & forms or allowed)
    allowed = allowed or {("nomn", "sing")}
    narrowed = {f for f in allowed if f[0] in PREPOSITION_CASES.get(preposition.casefold(), set())}
    if narrowed:
        allowed = narrowed
    elif preposition.casefold() not in PREPOSITION_CASES and len(allowed) > 1:
        # Without a preposition a name is rarely prepositional: "Нине" is more likely dative.
        allowed = {f for f in allowed if f[0] != "loct"} or allowed
    return max(sorted(allowed), key=lambda f: (ranked.get(f, 0.0), f == ("nomn", "sing")))


def _case(case: str | None) -> str:
    case = case or "nomn"
    return _SECOND_CASES.get(case, case)


@lru_cache(maxsize=4096)
def decline(phrase: str, case: str, number: str = "sing", animate: bool = True) -> str:
    """A nominative phrase put in `case` and `number`: its leading words that agree (an adjective, a
    pronoun, the noun; across «или»/«и») change, a dependent rest («моего партнёра», «из городов») stays.
    Outside the nominative a possessive «мой» is dropped: «маме», not «моей маме»."""
    if case == "nomn" and number == "sing":
        return phrase
    words = phrase.split(" ")
    out: list[str] = []
    declining = True
    for word in words:
        if declining and word.casefold() in ("или", "и"):
            out.append(word)
            continue
        changed = _inflect(word, case, number, animate) if declining else None
        if changed is None:
            declining = False
            out.append(word)
        elif not (word.casefold() in POSSESSIVES and case != "nomn"):
            out.append(_same_shape(word, changed))
    if len(out) < len(words) and not out:
        return phrase
    return " ".join(out)


def _inflect(word: str, case: str, number: str, animate: bool) -> str | None:
    for parse in parses(word):
        tag = parse.tag
        if tag.POS not in _AGREEING or _case(tag.case) != "nomn" or "Abbr" in tag.grammemes:
            continue
        wanted = {case, number}
        if case == "accs" and tag.POS in ("ADJF", "PRTF") and (number == "plur" or tag.gender == "masc"):
            wanted.add("anim" if animate else "inan")
        changed = parse.inflect(wanted) or parse.inflect({case, number}) or parse.inflect({case})
        if changed is not None:
            return changed.word
    return None


def _same_shape(original: str, word: str) -> str:
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
