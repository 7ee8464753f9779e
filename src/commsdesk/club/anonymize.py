"""Find what identifies a person in free text and replace what the user accepts by a role or a general
phrase: the vault's contacts and regions, names and places nobody told us about (pymorphy3 for Russian,
a gazetteer for Latin script), phones, e-mails, dates, addresses, handles, unit numbers, plates.
Russian replacements are declined to the case and number of what they replace."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from commsdesk.club.english_names import find_english_names
from commsdesk.club.name_detection import ROLE_WORDS as GENERIC
from commsdesk.club.name_detection import Candidate, Word, preposition_before, sentence_start, words
from commsdesk.club.name_inflection import PREPOSITION_CASES, case_of, decline
from commsdesk.club.russian_names import PERSON, find_russian_names
from commsdesk.club.story_patterns import find_details
from commsdesk.club.story_phrases import Phrases, relative_time, span_phrase
from commsdesk.club.vault_names import (
    PLACE_WORDS,
    SHORT_WORDS,
    NameToFlag,
    find_vault_names,
    names_from_contacts,
    names_in_vault,
)

__all__ = ["GENERIC", "PLACE_WORDS", "SHORT_WORDS", "Flag", "NameToFlag", "apply", "find_names",
           "names_from_contacts", "names_in_vault", "relative_time", "span_phrase"]

# When two findings start at the same place and are as long, the first kind here wins.
PRIORITY = ("email", "handle", "date", "address", "military_unit", "institution", "plate", "phone", "name",
            "region", "place")
# A preposition that changes its form before the replacement: "со знакомым", "об одном", "в одном".
_PREPOSITION_FORMS = {"с": "с", "со": "с", "в": "в", "во": "в", "к": "к", "ко": "к", "о": "о", "об": "о",
                      "обо": "о"}


@dataclass(frozen=True)
class Flag:
    """Something in the text that may identify someone: where, as written, and the proposal."""

    start: int
    end: int
    found: str  # as written: "Маши"
    kind: str  # "name", "region" (the vault's), "place", "phone", "email", "date", "address", "handle",
    # "military_unit", "institution", "plate"
    name: str  # the contact's name or region it matched ("Маша"); "" when no contact was matched
    replacement: str


def find_names(text: str, names: Iterable[NameToFlag], language: str,
               since: date | None = None) -> list[Flag]:
    """Every name, place and exact detail in `text`, in order, never overlapping (the longest wins;
    the vault's own names before guesses). Dates become relative to `since` when it is given."""
    phrases = Phrases(language)
    toks = words(text)
    candidates = [_vault_flag(text, toks, m, phrases) for m in find_vault_names(text, toks, names)]

    def replace(what: str, found: list[Word], gender: str, preposition: str) -> str:
        phrase = phrases.person(gender) if what == "person" else phrases.town()
        grammemes = PERSON if what == "person" else ("Geox",)
        return _declined(phrase, found, grammemes, preposition, phrases, animate=what == "person")

    position = {t.start: k for k, t in enumerate(toks)}
    for detector in (find_russian_names, find_english_names):
        guesses = [_guess_flag(text, toks, position, c) for c in detector(text, toks, replace)]
        candidates += [_merged(text, guess, candidates) for guess in guesses]
    for d in find_details(text, language, since):
        replacement = d.replacement
        if d.kind in ("military_unit", "institution") and not d.noun:
            replacement = _declined(replacement, [], (), _word_before(text, d.start), phrases, animate=False)
        candidates.append(_finish(text, d.start, d.end, d.kind, "", replacement))
    order = {kind: rank for rank, kind in enumerate(PRIORITY)}
    candidates.sort(key=lambda f: (f.start, -(f.end - f.start), f.name == "", order[f.kind]))
    flags: list[Flag] = []
    for flag in candidates:
        if not flags or flag.start >= flags[-1].end:
            flags.append(flag)
    return flags


def _vault_flag(text: str, toks: list[Word], match, phrases: Phrases) -> Flag:
    entry, i = match.entry, match.first
    found = toks[match.first:match.last + 1]
    preposition = preposition_before(text, toks, i)
    if entry.kind == "region" and phrases.language != "ru" and preposition in ("в", "во", "in", "из", "from"):
        where = "in" if preposition in ("в", "во", "in") else "from"
        return _finish(text, toks[i - 1].start, found[-1].end, "region", entry.text, phrases.region(where))
    grammemes = PERSON if entry.kind == "name" else ("Geox",)
    replacement = _declined(entry.replacement, found, grammemes, preposition, phrases,
                            animate=entry.kind == "name")
    return _preposition_fixed(text, toks, i, found[-1].end, entry.kind, entry.text, replacement)


def _merged(text: str, guess: Flag, known: list[Flag]) -> Flag:
    """A guess that overlaps a contact's name ("Маша Иванова" when the vault knows "Маша") is that
    contact: the whole span gets the contact's replacement, so the surname cannot stay behind."""
    for flag in known:
        if flag.name and flag.kind == "name" and guess.kind == "name" \
                and flag.start < guess.end and guess.start < flag.end:
            start, end = min(flag.start, guess.start), max(flag.end, guess.end)
            return Flag(start, end, text[start:end], "name", flag.name, flag.replacement)
    return guess


def _guess_flag(text: str, toks: list[Word], position: dict[int, int], candidate: Candidate) -> Flag:
    if not candidate.replacement:  # a name after a role word, dropped: no case to fix
        return Flag(candidate.start, candidate.end, text[candidate.start:candidate.end], candidate.kind, "",
                    "")
    i = position[candidate.start]
    return _preposition_fixed(text, toks, i, candidate.end, candidate.kind, "", candidate.replacement)


def _declined(phrase: str, found: list[Word], grammemes, preposition: str, phrases: Phrases,
              animate: bool) -> str:
    if phrases.language != "ru":
        return phrase
    cyrillic = [w.text for w in found if w.cyrillic]
    if cyrillic:
        case, number = case_of(cyrillic, grammemes, preposition)
    else:  # a Latin name or an abbreviation: only the preposition tells the case
        allowed = PREPOSITION_CASES.get(preposition, {"nomn"})
        case, number = ("loct" if "loct" in allowed else sorted(allowed)[0]), "sing"
    return decline(phrase, case, number, animate)


def _preposition_fixed(text: str, toks: list[Word], i: int, end: int, kind: str, name: str,
                       replacement: str) -> Flag:
    """ "со Светой" → "с мамой", "о Ане" → "об одной знакомой": the preposition joins the flag when its
    form must change."""
    preposition = preposition_before(text, toks, i)
    if preposition in _PREPOSITION_FORMS and replacement:
        written = toks[i - 1].text
        wanted = _preposition_form(_PREPOSITION_FORMS[preposition], replacement)
        if wanted != preposition:
            wanted = wanted[:1].upper() + wanted[1:] if written[:1].isupper() else wanted
            return _finish(text, toks[i - 1].start, end, kind, name, f"{wanted} {replacement}")
    return _finish(text, toks[i].start, end, kind, name, replacement)


def _preposition_form(plain: str, following: str) -> str:
    head = following.casefold().replace("ё", "е")
    vowels = "аеиоуыэюя"
    if plain == "о":
        return "об" if head[:1] in "аиоуэ" else "о"
    cluster = len(head) > 1 and head[1] not in vowels
    if cluster and ((plain == "с" and head[0] in "сзшж") or (plain == "в" and head[0] in "вф")
                    or (head.startswith(("мн", "вс", "вт")) and plain in ("к", "с"))):
        return plain + "о"
    return plain


def _word_before(text: str, position: int) -> str:
    toks = words(text[max(0, position - 12):position])
    gap = text[:position][len(text[:position].rstrip(" \u00a0")):]
    return toks[-1].folded if toks and gap in (" ", "\u00a0") else ""


def _finish(text: str, start: int, end: int, kind: str, name: str, replacement: str) -> Flag:
    if sentence_start(text, start):
        replacement = replacement[:1].upper() + replacement[1:]
    return Flag(start, end, text[start:end], kind, name, replacement)


def apply(text: str, flags: Iterable[Flag], accepted: Iterable[int] | None = None) -> str:
    """`text` with the accepted flags (indexes into `flags`; all when None) replaced."""
    flags = list(flags)
    chosen = range(len(flags)) if accepted is None else sorted(set(accepted))
    out, position = [], 0
    for flag in sorted((flags[i] for i in chosen if 0 <= i < len(flags)), key=lambda f: f.start):
        if flag.start < position or text[flag.start:flag.end] != flag.found:
            continue  # overlapping or stale: leave the text as the user sees it
        out += [text[position:flag.start], flag.replacement]
        position = flag.end
    out.append(text[position:])
    return "".join(out)
