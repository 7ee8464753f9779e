"""Translation catalogs: `python scripts/i18n.py extract|update|compile|all`.

extract  src/ → translations/commsdesk.pot (keywords _, N_, ngettext)
update   merge the template into translations/{ru,en}/LC_MESSAGES/commsdesk.po (created if absent)
compile  .po → .mo, which the app loads at run time
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
POT = TRANSLATIONS / "commsdesk.pot"
LANGUAGES = ("ru", "en")


def pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract() -> None:
    pybabel("extract", "-F", str(ROOT / "babel.cfg"), "-k", "N_", "--no-location",
            "--sort-output", "--project", "CommsDesk", "--msgid-bugs-address", "-",
            "-o", str(POT), str(ROOT / "src"))


def update() -> None:
    for lang in LANGUAGES:
        po = TRANSLATIONS / lang / "LC_MESSAGES" / "commsdesk.po"
        if po.exists():
            pybabel("update", "-i", str(POT), "-d", str(TRANSLATIONS), "-D", "commsdesk", "-l", lang,
                    "--no-fuzzy-matching", "--ignore-obsolete")
        else:
            pybabel("init", "-i", str(POT), "-d", str(TRANSLATIONS), "-D", "commsdesk", "-l", lang)


def compile_catalogs() -> None:
    pybabel("compile", "-d", str(TRANSLATIONS), "-D", "commsdesk", "--use-fuzzy")


def main(argv: list[str]) -> int:
    steps = {"extract": [extract], "update": [update], "compile": [compile_catalogs],
             "all": [extract, update, compile_catalogs]}
    if len(argv) != 1 or argv[0] not in steps:
        print(__doc__)
        return 2
    for step in steps[argv[0]]:
        step()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
