"""What in a plain text or a story card may identify someone, with the proposed replacements: the work
of `commsdesk story check FILE` (docs/cli.md), printed by `cli_story.py`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from commsdesk.club.anonymize import Flag, NameToFlag, apply, find_names
from commsdesk.club.story_card import EXTENSION, FREE_TEXT, MAX_BYTES
from commsdesk.errors import FileUnreadable, Msg
from commsdesk.i18n import N_

MAX_TEXT_BYTES = 4 * 1024 * 1024


@dataclass
class Checked:
    """One text checked: the card's field it came from ("" for a plain file) and what was found."""

    field: str
    text: str
    flags: list[Flag]


def language_of(text: str) -> str:
    """Russian when Cyrillic letters outnumber Latin ones."""
    cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in text)
    latin = sum(ch.isascii() and ch.isalpha() for ch in text)
    return "ru" if cyrillic >= latin and cyrillic else "en"


def read_text(path: Path) -> str:
    from commsdesk.files import read_limited

    data = read_limited(path, MAX_TEXT_BYTES)
    if len(data) > MAX_TEXT_BYTES:
        raise FileUnreadable(path=path, reason=Msg(N_("it is larger than 4 MiB")))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileUnreadable(path=path, reason=Msg(N_("it is not UTF-8 text"))) from None


def check(path: Path, names: list[NameToFlag] | None = None) -> tuple[list[Checked], str, str]:
    """The findings of every text in the file, the file's text and the language it was read in."""
    text = read_text(path)
    if path.name.endswith(EXTENSION):
        from commsdesk.club.story_file import card_from_document, parse

        card = card_from_document(parse(text.encode("utf-8")[:MAX_BYTES + 1]))
        fields = [(name, getattr(card, name)) for name in FREE_TEXT]
        found = [Checked(name, value, find_names(value, names or [], card.language)) for name, value
                 in fields]
        return found, text, card.language
    language = language_of(text)
    return [Checked("", text, find_names(text, names or [], language))], text, language


def applied(path: Path, checked: list[Checked], original: str) -> str:
    """The file's text with every proposal made (for a card, its JSON with the fields replaced)."""
    if not path.name.endswith(EXTENSION):
        return apply(original, checked[0].flags)
    from commsdesk.club.story_file import card_from_document, parse

    document = parse(original.encode("utf-8"))
    for item in checked:
        document[item.field] = apply(item.text, item.flags)
    card_from_document(document)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
