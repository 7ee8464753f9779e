"""The names the vault knows (every contact's name and region) and where they occur in a text, in any
case form pymorphy3 gives them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from commsdesk.club.name_detection import ROLE_WORDS, WORD, Word, fold
from commsdesk.club.story_phrases import Phrases
from commsdesk.domain import Contact
from commsdesk.morphology import parses

# A contact's name matches every form of its name parses (Маша → Маши, Машей; Павел → Павла; Лев → Льва),
# so a surname Соловьёв never matches соловей (nightingale) and Ростов never рост. Latin names match
# as written, with a plural or possessive -s.
NAME_GRAMMEMES = frozenset(("Name", "Surn", "Patr", "Geox"))
SHORT_WORDS = frozenset(fold(w) for w in (
    "ли да не ни но на по за из от до об во со ко же бы то мы вы он ты их ей ею ем ел ах ох эх уж"
    " of to in on at an is it be as by or if so no we he me my us am do go up de la le da di du").split())
# Generic words of place names: "Саратовская область" flags "Саратовская", never "область".
PLACE_WORDS = frozenset(fold(w) for w in (
    "область обл край республика респ город г село деревня посёлок пгт район округ автономный"
    " автономная на в под oblast region krai republic city town village district of the on").split())
_FIXED_AFTER = frozenset(("на", "под", "on"))  # Ростов-на-Дону: "Дону" alone is the river, not the town


@dataclass(frozen=True)
class NameToFlag:
    """A contact's name (or one word of it) or region, and what the story says instead."""

    text: str
    replacement: str
    kind: str = "name"  # "name" or "region"


@dataclass(frozen=True)
class Match:
    entry: NameToFlag
    first: int  # indexes of the first and last word
    last: int


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
        name_words = WORD.findall(contact.display_name)
        if len(name_words) > 1 or (name_words and _telling(name_words[0], alone=True)):
            add(contact.display_name.strip(), role, "name")
        for word in name_words if len(name_words) > 1 else []:
            if _telling(word, alone=False):
                add(word, role, "name")
        region_words = WORD.findall(contact.region)
        if region_words:
            add(contact.region.strip(), phrases.region(), "region")
        for index, word in enumerate(region_words if len(region_words) > 1 else []):
            fixed = index and fold(region_words[index - 1]) in _FIXED_AFTER
            if fold(word) not in PLACE_WORDS and len(word) > 2 and not word.isdigit() and not fixed:
                add(word, phrases.region(), "region")
        for town in (t for word in region_words for t in _towns(word)):
            add(town, phrases.region(), "region")
    return out


def _towns(word: str) -> list[str]:
    """The town a region is named after, when the dictionary knows it: Саратовская → Саратов,
    Новосибирская → Новосибирск."""
    folded = fold(word)
    if not any(p.tag.POS == "ADJF" for p in parses(folded)):
        return []
    out = []
    for cut in (4, 2):  # саратов|ская, новосибирск|ая
        base = word[:-cut]
        if len(base) > 2 and any("Geox" in p.tag.grammemes for p in parses(fold(base))):
            out.append(base)
    return out


def _telling(word: str, alone: bool) -> bool:
    """Worth flagging on its own: not a role word, not an initial, and, inside a longer name, not a
    two-letter word of everyday speech ("Ли" in "Ян Ли" would flag every "ли")."""
    folded = fold(word)
    if folded in ROLE_WORDS or word.isdigit() or len(folded) < 2:
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
@lru_cache(maxsize=20_000)
def forms(word: str) -> frozenset[str]:
    """Every folded form the word of a name takes: the lexemes of its name parses (all parses when it
    has none), or for a Latin word itself and its -s forms."""
    folded = fold(word)
    if not any("\u0400" <= ch <= "\u04ff" for ch in folded):
        return frozenset((folded, folded + "s", folded + "es"))
    found = list(parses(folded))
    named = [p for p in found if NAME_GRAMMEMES & set(p.tag.grammemes)] or found
    out = {folded}
    for parse in named:
        out.update(fold(form.word) for form in parse.lexeme)
    return frozenset(out)


def find_vault_names(text: str, toks: list[Word], names: Iterable[NameToFlag]) -> list[Match]:
    """Every place a contact's name or region occurs, overlapping ones included."""
    index: dict[str, list[tuple[NameToFlag, list[frozenset[str]]]]] = {}
    for entry in names:
        parts = [forms(w) for w in WORD.findall(entry.text)]
        for form in parts[0] if parts else ():
            index.setdefault(form, []).append((entry, parts))
    found = []
    for i, token in enumerate(toks):
        for entry, parts in index.get(token.folded, ()):
            end = i + len(parts) - 1
            if end < len(toks) and all(toks[i + k].folded in part for k, part in enumerate(parts)) \
                    and all(text[toks[k - 1].end:toks[k].start].strip(" \u00a0-") == ""
                            for k in range(i + 1, end + 1)):
                found.append(Match(entry, i, end))
    return found
