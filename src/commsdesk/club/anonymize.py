"""Find what identifies a person in free text (every contact's name and region in any inflection,
phones, e-mails, dates, addresses) and replace what the user accepts by a role or a general phrase."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from commsdesk.club.story_patterns import find_details
from commsdesk.club.story_phrases import Phrases, relative_time, span_phrase
from commsdesk.domain import Contact
from commsdesk.search.analyzer import WORD, Token, fold, tokens

__all__ = ["Flag", "NameToFlag", "apply", "find_names", "names_from_contacts", "names_in_vault",
           "relative_time", "span_phrase"]

# Names are compared through the analyzer's folding (case, ё/е) and its tokens, but not its Snowball
# stems: on names they both miss (Елена → ел but Еленой → елен; Павел/Павла, Лев/Льва) and overreach
# (Ия → и, the word "and"; Ростов → рост, "growth"; Лев → лев, as in левый). A case form is instead
# the part every form shares plus one of the case endings below: Маш+и, Олег+ом, Иванов+ыми.
# Endings cut from a name to get the part every case form shares (Маша → маш, Саратовская → саратовск).
_FINAL = ("ая", "яя", "ое", "ее", "ий", "ый", "ой", "ые", "ие", "а", "я", "ь", "й", "о", "е", "ы", "и")
_CASE_ENDINGS = {"а", "я", "у", "ю", "ы", "и", "е", "ой", "ей", "ою", "ею", "ом", "ем", "ём", "ым", "им",
                 "ого", "его", "ому", "ему", "ую", "ая", "ых", "их", "ыми", "ими", "ам", "ям", "ах", "ях"}
# Parts of a name too short to compare stems (Ия → и) accept only these singular endings.
_SHORT_ENDINGS = {"а", "я", "у", "ю", "ы", "и", "е", "ой", "ей", "ою", "ею", "ом", "ем"}
# Vowels that drop out in case forms, which Snowball does not undo (Павел → Павла, Лев → Льва).
_FLEETING = {"павел": "павл", "лев": "льв"}
# A contact called "Мама" is named by a role already: such words are not flagged on their own (the
# whole name "Тётя Оля" is still flagged, and so is "Оля").
GENERIC = {fold(w) for w in (
    "мама мамочка мать папа папочка отец бабушка бабуля баба дедушка дед деда тётя тётушка дядя брат"
    " братик сестра сестрёнка сын сынок дочь дочка жена муж свекровь свёкор тёща тесть сват сватья"
    " кузен кузина племянник племянница внук внучка друг подруга сосед соседка коллега крёстная"
    " крёстный mom mum mommy mother dad daddy father grandma granny grandmother grandpa grandfather"
    " aunt auntie uncle brother sister son daughter wife husband cousin nephew niece friend"
    " neighbour neighbor colleague").split()}
SHORT_WORDS = {fold(w) for w in (
    "ли да не ни но на по за из от до об во со ко же бы то мы вы он ты их ей ею ем ел ах ох эх уж"
    " of to in on at an is it be as by or if so no we he me my us am do go up de la le da di du").split()}
# Generic words of place names: "Саратовская область" flags "Саратовская", never "область".
PLACE_WORDS = {fold(w) for w in (
    "область обл край республика респ город г село деревня посёлок пгт район округ автономный"
    " автономная на в под oblast region krai republic city town village district of the on").split()}


@dataclass(frozen=True)
class NameToFlag:
    """A contact's name (or one word of it) or region, and what the story says instead."""

    text: str
    replacement: str
    kind: str = "name"  # "name" or "region"


@dataclass(frozen=True)
class Flag:
    """Something in the text that may identify someone: where, as written, and the proposal."""

    start: int
    end: int
    found: str  # as written: "Маши"
    kind: str  # "name", "region", "phone", "email", "date", "address"
    name: str  # the contact's name or region it matched ("Маша"); "" for the other kinds
    replacement: str


# -- which names to look for ---------------------------------------------------------------
def names_from_contacts(contacts: Iterable[Contact], language: str) -> list[NameToFlag]:
    """Each contact's full name, each telling word of it, and its region, with their replacements."""
    phrases = Phrases(language)
    out: list[NameToFlag] = []
    seen: set[tuple[str, str]] = set()

    def add(text: str, replacement: str, kind: str) -> None:
        key = (" ".join(fold(w) for w in WORD.findall(text)), kind)
        if key[0] and key not in seen:
            seen.add(key)
            out.append(NameToFlag(text, replacement, kind))

    for contact in contacts:
        role = phrases.role(contact.relationship)
        words = WORD.findall(contact.display_name)
        if len(words) > 1 or (words and _telling(words[0], alone=True)):
            add(contact.display_name.strip(), role, "name")
        for word in words if len(words) > 1 else []:
            if _telling(word, alone=False):
                add(word, role, "name")
        region_words = WORD.findall(contact.region)
        if region_words:
            add(contact.region.strip(), phrases.region(), "region")
        for word in region_words if len(region_words) > 1 else []:
            if fold(word) not in PLACE_WORDS and len(word) > 2 and not word.isdigit():
                add(word, phrases.region(), "region")
        for town in (t for word in region_words for t in _towns(word)):
            add(town, phrases.region(), "region")
    return out


def _towns(word: str) -> list[str]:
    """The town a region is named after: Саратовская → Саратов, Новосибирская → Новосибирск."""
    folded = fold(word)
    for ending in ("ская", "ский", "ской", "ское"):
        if folded.endswith(ending):
            base = word[: -len(ending) + 2]
            return [base] + ([base[:-2]] if len(base) >= 6 else [])
    return []


def _telling(word: str, alone: bool) -> bool:
    """Worth flagging on its own: not a role word, not an initial, and, inside a longer name, not a
    two-letter word of everyday speech ("Ли" in "Ян Ли" would flag every "ли")."""
    folded = fold(word)
    if folded in GENERIC or word.isdigit() or len(folded) < 2:
        return False
    return alone or len(folded) > 2 or folded not in SHORT_WORDS


def names_in_vault(vault, language: str) -> list[NameToFlag]:
    """The flags for every contact in the vault, archived ones included."""
    from commsdesk.storage.contacts import ContactFilter

    contacts: list[Contact] = []
    everyone = ContactFilter(archived=None)
    while batch := vault.repos.contacts.list(everyone, limit=500, offset=len(contacts)):
        contacts += batch
    return names_from_contacts(contacts, language)


# -- matching ------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Word:
    folded: str
    bases: tuple[str, ...]
    cyrillic: bool


def _word(text: str) -> _Word:
    folded = fold(text)
    cyrillic = any("\u0400" <= ch <= "\u04ff" for ch in folded)
    base = folded
    if cyrillic:
        for ending in _FINAL:
            if folded.endswith(ending) and len(folded) > len(ending):
                base = folded[: -len(ending)]
                break
    bases = (base, _FLEETING[folded]) if folded in _FLEETING else (base,)
    return _Word(folded, bases, cyrillic)


def _matches(token: Token, word: _Word) -> bool:
    """The token is the word in some case form: Маши, Олегом, Ивановой, Anna('s), ANNA."""
    t = token.folded
    if t == word.folded:
        return True
    if not word.cyrillic:
        return t in (word.folded + "s", word.folded + "es")
    for base in word.bases:
        if t.startswith(base) and t[len(base):] in (_SHORT_ENDINGS if len(base) < 3 else _CASE_ENDINGS):
            return True
    return False


def _prepare(names: Iterable[NameToFlag]) -> dict[str, list[tuple[NameToFlag, list[_Word]]]]:
    """Names by the first two letters of their first word's forms, so each token meets few names."""
    index: dict[str, list[tuple[NameToFlag, list[_Word]]]] = {}
    for entry in names:
        words = [_word(w) for w in WORD.findall(entry.text)]
        if words:
            for key in {base[:2] for base in words[0].bases}:
                index.setdefault(key, []).append((entry, words))
    return index


def _name_flags(text: str, toks: list[Token], names: Iterable[NameToFlag],
                phrases: Phrases) -> list[Flag]:
    index = _prepare(names)
    flags = []
    for i, token in enumerate(toks):
        candidates = index.get(token.folded[:2], [])
        if len(token.folded) > 1:
            candidates = candidates + index.get(token.folded[:1], [])
        for entry, words in candidates:
            end = _phrase_end(text, toks, i, words)
            if end is None:
                continue
            start, replacement = toks[i].start, entry.replacement
            if entry.kind == "region":
                start, replacement = _with_preposition(text, toks, i, phrases, replacement)
            last = toks[end]
            if _sentence_start(text, start):
                replacement = replacement[:1].upper() + replacement[1:]
            flags.append(Flag(start, last.end, text[start:last.end], entry.kind, entry.text,
                              replacement))
    return flags


def _sentence_start(text: str, position: int) -> bool:
    before = text[:position].rstrip(" \t\u00a0*_>#-«\"(")
    return not before or before[-1] in ".!?…\n"


def _phrase_end(text: str, toks: list[Token], i: int, words: list[_Word]) -> int | None:
    """Index of the last token when tokens from `i` on spell every word of the name in order."""
    for offset, word in enumerate(words):
        j = i + offset
        if j >= len(toks) or not _matches(toks[j], word):
            return None
        if offset and text[toks[j - 1].end:toks[j].start].strip(" \u00a0-") != "":
            return None
    return i + len(words) - 1


def _with_preposition(text: str, toks: list[Token], i: int, phrases: Phrases,
                      replacement: str) -> tuple[int, str]:
    """ "в Саратове" becomes "в одном из регионов России", not "в один из регионов России"."""
    if i == 0 or text[toks[i - 1].end:toks[i].start].strip():
        return toks[i].start, replacement
    before = toks[i - 1].folded
    if before in ("в", "во", "in"):
        return toks[i - 1].start, phrases.region("in")
    if before in ("из", "from"):
        return toks[i - 1].start, phrases.region("from")
    return toks[i].start, replacement


def find_names(text: str, names: Iterable[NameToFlag], language: str,
               since: date | None = None) -> list[Flag]:
    """Every name, region and exact detail in `text`, in order, never overlapping (the longest wins).
    Dates become relative to `since` (the first conversation) when it is given."""
    phrases = Phrases(language)
    candidates = _name_flags(text, tokens(text), names, phrases)
    candidates += [Flag(d.start, d.end, text[d.start:d.end], d.kind, "", d.replacement)
                   for d in find_details(text, language, since)]
    priority = {"email": 0, "date": 1, "address": 2, "phone": 3, "name": 4, "region": 5}
    candidates.sort(key=lambda f: (f.start, -(f.end - f.start), priority[f.kind]))
    flags: list[Flag] = []
    for flag in candidates:
        if not flags or flag.start >= flags[-1].end:
            flags.append(flag)
    return flags


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
