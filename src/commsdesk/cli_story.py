"""`commsdesk story check FILE`: run the check of `club/story_check.py` and print what it found
(docs/cli.md; the arguments are in cli.py)."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from commsdesk.club.story_check import applied, check
from commsdesk.i18n import N_, _

if TYPE_CHECKING:
    from commsdesk.cli import Cli

EXIT_OK, EXIT_FOUND = 0, 3
KIND_LABELS = {"name": N_("name"), "region": N_("region"), "place": N_("place"), "phone": N_("phone"),
               "email": N_("e-mail"), "date": N_("date"), "address": N_("address"),
               "handle": N_("messenger account"), "military_unit": N_("military unit"),
               "institution": N_("school or hospital number"), "plate": N_("car number")}


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
