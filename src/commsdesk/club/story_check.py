"""`commsdesk story check FILE`: what in a plain text or a story card may identify someone, with the
proposed replacements (docs/cli.md; the arguments are in story_arguments)."""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from commsdesk.club.anonymize import Flag, NameToFlag, apply, find_names
from commsdesk.club.story_card import EXTENSION, FREE_TEXT, MAX_BYTES
from commsdesk.i18n import N_, _
from commsdesk.storage.errors import Msg, VaultUnreadable

if TYPE_CHECKING:
    from commsdesk.cli import Cli

EXIT_OK, EXIT_FOUND = 0, 3
MAX_TEXT_BYTES = 4 * 1024 * 1024
KIND_LABELS = {"name": N_("name"), "region": N_("region"), "place": N_("place"), "phone": N_("phone"),
               "email": N_("e-mail"), "date": N_("date"), "address": N_("address"),
               "handle": N_("messenger account"), "military_unit": N_("military unit"),
               "institution": N_("school or hospital number"), "plate": N_("car number")}


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
        raise VaultUnreadable(path=path, reason=Msg(N_("it is larger than 4 MiB")))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise VaultUnreadable(path=path, reason=Msg(N_("it is not UTF-8 text"))) from None


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


def run(cli: Cli, args: argparse.Namespace) -> int:
    names = None
    if args.vault_given:
        from commsdesk.club.anonymize import names_in_vault

        _checked, _text, language = check(args.file)  # first: a bad file asks for no passphrase
        with cli.open(args.vault) as vault:
            names = names_in_vault(vault, language)
    checked, original, _language = check(args.file, names)
    found = [(item.field, flag) for item in checked for flag in item.flags]
    text = applied(args.file, checked, original) if args.apply else original
    if args.json:
        findings = [{"kind": f.kind, "found": f.found, "start": f.start, "end": f.end,
                     "replacement": f.replacement} | ({"field": field} if field else {})
                    for field, f in found]
        json.dump({"findings": findings, "text": text}, cli.out, ensure_ascii=False, indent=1)
        cli.out.write("\n")
    else:
        report = cli.err if args.apply else cli.out
        for field, f in found:
            where = f"{field} " if field else ""
            print(f"{_(KIND_LABELS.get(f.kind, f.kind))}\t{where}{f.start}–{f.end}\t«{f.found}» → "
                  f"«{f.replacement}»", file=report)
        if not found:
            print(_("Nothing found that identifies someone."), file=report)
        if args.apply:
            cli.out.write(text)
    return EXIT_FOUND if found else EXIT_OK
