"""What the name detectors share: words with their offsets, sentence starts, the offline gazetteer
(resources/club/anonymizer.json), and the candidate a detector proposes."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from commsdesk.paths import resources_dir

WORD = re.compile(r"[^\W_]+")
_OPENERS = " \t\u00a0*_>#-–—«\"“„'(["


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str
    folded: str

    @property
    def capitalized(self) -> bool:
        return self.text[:1].isupper() and not self.text[:1].isdigit()

    @property
    def cyrillic(self) -> bool:
        return any("\u0400" <= ch <= "\u04ff" for ch in self.text)

    @property
    def latin(self) -> bool:
        return self.text.isascii() and self.text.isalpha()


@dataclass(frozen=True)
class Candidate:
    """A span a detector believes names someone or somewhere, and what to say instead."""

    start: int
    end: int
    kind: str  # "name" or "place"
    replacement: str


def fold(word: str) -> str:
    """Lower case with ё and е made one letter (Соловьёв is Соловьев)."""
    return word.casefold().replace("ё", "е")


def words(text: str) -> list[Word]:
    return [Word(m.start(), m.end(), m.group(), fold(m.group())) for m in WORD.finditer(text)]


def sentence_start(text: str, position: int) -> bool:
    """True when only punctuation that opens a sentence stands between `position` and the previous one."""
    before = text[:position].rstrip(_OPENERS)
    return not before or before[-1] in ".!?…\n:"  # after a colon: direct speech, a speaker's line


def joined(text: str, left: Word, right: Word, hyphen: bool = True) -> bool:
    """The two words belong to one name: only spaces (or a hyphen) between them."""
    gap = text[left.end:right.start]
    return gap in (" ", "\u00a0") or (hyphen and gap == "-")


def preposition_before(text: str, toks: list[Word], i: int) -> str:
    """The word right before toks[i] when only a space separates them ("" otherwise)."""
    if i > 0 and text[toks[i - 1].end:toks[i].start] in (" ", "\u00a0"):
        return toks[i - 1].folded
    return ""


@cache
def gazetteer() -> dict[str, frozenset[str]]:
    """Lists of names by purpose, folded; read once from the shipped file."""
    raw = json.loads((resources_dir() / "club" / "anonymizer.json").read_text(encoding="utf-8"))
    return {key: frozenset(fold(item) for item in value) for key, value in raw.items()
            if isinstance(value, list)}


# Words for a person's role: a contact called "Мама" is named by a role already (not flagged alone),
# and an unknown name right after one ("соседка Галина Петровна") is dropped, the role word kept.
ROLE_WORDS = frozenset(fold(w) for w in (
    "мама мамочка мать папа папочка отец бабушка бабуля баба дедушка дед деда тётя тётушка дядя брат"
    " братик сестра сестрёнка сын сынок дочь дочка жена муж свекровь свёкор тёща тесть сват сватья"
    " кузен кузина племянник племянница внук внучка друг подруга сосед соседка коллега крёстная"
    " крёстный знакомый знакомая одноклассник одноклассница начальник начальница учительница учитель"
    " врач mom mum mommy mother dad daddy father grandma granny grandmother grandpa grandfather"
    " aunt auntie uncle brother sister son daughter wife husband cousin nephew niece friend"
    " neighbour neighbor colleague").split())
