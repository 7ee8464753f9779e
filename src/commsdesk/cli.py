"""Headless subcommands: parse the arguments, call the core, print. Nothing else lives here."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

from commsdesk import __version__
from commsdesk.i18n import N_, _, ngettext, set_language, system_language
from commsdesk.passphrase_input import PassphraseReader
from commsdesk.paths import default_vault_path
from commsdesk.storage import safety
from commsdesk.storage.errors import VaultError
from commsdesk.storage.kdf import DEFAULT_LEVEL, LEVELS, LEVELS_BY_NAME
from commsdesk.storage.vault import Vault, validate_new_passphrase

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_PROBLEMS = 0, 1, 2, 3
STRENGTHS = [level.name for level in LEVELS.values() if not level.testing_only]
DEFAULT_KEY_NAME = "commsdesk-pack"  # `pack keygen` writes commsdesk-pack.key and commsdesk-pack.pub


class Cli:
    def __init__(self, reader: PassphraseReader, out: TextIO, err: TextIO):
        self.reader, self.out, self.err = reader, out, err

    def say(self, text: str) -> None:
        print(text, file=self.err)

    def passphrase(self, prompt: str) -> str:
        return self.reader.ask(prompt)

    def new_passphrase(self, prompt: str) -> str:
        first = self.reader.ask(prompt)
        repeat = self.reader.ask(_("Repeat it: ")) if self.reader.interactive else None
        validate_new_passphrase(first, repeat)
        return first

    def open(self, path: Path) -> Vault:
        return Vault.open(path, self.passphrase(_("Passphrase: ")))

    # -- commands --------------------------------------------------------------------------
    def init(self, args: argparse.Namespace) -> int:
        if args.vault.exists():
            raise _exists(args.vault)
        self.say(_("A lost passphrase cannot be recovered: without it, every note is lost."))
        passphrase = self.new_passphrase(_("New passphrase: "))
        Vault.create(args.vault, passphrase, level=LEVELS_BY_NAME[args.strength].id).close()
        self.say(_("Created an encrypted vault at {path}.").format(path=args.vault))
        return EXIT_OK

    def check(self, args: argparse.Namespace) -> int:
        with self.open(args.vault) as vault:
            report = safety.check(vault)
        if not report.ok:
            self.say(_("The vault has problems; restore it from a backup:"))
            for problem in report.problems:
                self.say("  " + problem)
            return EXIT_PROBLEMS
        n = report.counts["contacts"]
        m = report.counts["conversations"]
        print(_("The vault is intact.") + " "
              + ngettext("{n} person", "{n} people", n).format(n=n) + ", "
              + ngettext("{n} conversation", "{n} conversations", m).format(n=m) + ".",
              file=self.out)
        return EXIT_OK

    def backup(self, args: argparse.Namespace) -> int:
        with self.open(args.vault) as vault:
            other = self.new_passphrase(_("Passphrase for the backup: ")) \
                if args.new_passphrase else None
            safety.backup(vault, args.output, passphrase=other)
        self.say(_("Encrypted backup written to {path}.").format(path=args.output))
        return EXIT_OK

    def restore(self, args: argparse.Namespace) -> int:
        question = _("Replace the vault at {path} with this backup? [y/N]").format(path=args.vault)
        if not args.yes and not self.reader.confirm(question):
            self.say(_("Nothing was changed."))
            return EXIT_ERROR
        passphrase = self.passphrase(_("Passphrase of the backup: "))
        kept = safety.restore(args.vault, args.backup, passphrase)
        self.say(_("Restored. The vault now opens with the backup's passphrase."))
        if kept is not None:
            self.say(_("The previous vault was kept at {path}.").format(path=kept))
        return EXIT_OK

    def passwd(self, args: argparse.Namespace) -> int:
        vault = self.open(args.vault)
        try:
            new = self.new_passphrase(_("New passphrase: "))
            level = LEVELS_BY_NAME[args.strength].id if args.strength else None
            vault = safety.change_passphrase(vault, new, level=level)
        finally:
            vault.close()
        self.say(_("The passphrase was changed."))
        return EXIT_OK

    def export(self, args: argparse.Namespace) -> int:
        from commsdesk.transfer.json_export import export_to
        from commsdesk.transfer.markdown_export import export_markdown

        if args.output != "-" and Path(args.output).exists():
            raise _exists(Path(args.output))
        with self.open(args.vault) as vault:
            if args.output == "-":
                if args.format == "markdown":
                    self.out.write(export_markdown(vault))
                else:
                    export_to(vault, self.out)
                return EXIT_OK
            fd = os.open(args.output, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    if args.format == "markdown":
                        handle.write(export_markdown(vault))
                    else:
                        export_to(vault, handle)
            except BaseException:
                Path(args.output).unlink(missing_ok=True)  # never leave half an export behind
                raise
        self.say(_("Exported to {path}. This file is NOT encrypted: keep it safe and delete it"
                   " when done.").format(path=args.output))
        return EXIT_OK

    def import_(self, args: argparse.Namespace) -> int:
        from commsdesk.transfer.json_import import check_file

        with check_file(args.file) as checked, self.open(args.vault) as vault:
            summary = checked.import_into(vault)
        total = sum(summary.added.values())
        print(ngettext("Imported {n} record.", "Imported {n} records.", total).format(n=total)
              + (" " + ngettext("{n} was already in the vault.", "{n} were already in the vault.",
                                summary.skipped).format(n=summary.skipped)
                 if summary.skipped else ""), file=self.out)
        return EXIT_OK

    def search(self, args: argparse.Namespace) -> int:
        with self.open(args.vault) as vault:
            hits = vault.repos.search.run(" ".join(args.query), limit=args.limit)
        if args.json:
            json.dump([{"kind": h.kind, "id": h.ref, "contact_id": h.contact_id, "title": h.title,
                        "when": h.when, "snippet": h.snippet, "highlights": h.spans}
                       for h in hits], self.out, ensure_ascii=False, indent=1)
            self.out.write("\n")
            return EXIT_OK
        if not hits:
            print(_("Nothing found."), file=self.out)
        for hit in hits:
            print(f"[{_(KIND_LABELS[hit.kind])}] {hit.title} {hit.when}".rstrip(), file=self.out)
            if hit.snippet:
                print("    " + _mark(hit.snippet, hit.spans), file=self.out)
        return EXIT_OK

    def demo(self, args: argparse.Namespace) -> int:
        from commsdesk.demo import populate

        if args.vault.exists():
            raise _exists(args.vault)
        passphrase = self.new_passphrase(_("Passphrase for the demo vault: "))
        vault = Vault.create(args.vault, passphrase, level=DEFAULT_LEVEL)
        with vault:
            populate(vault, date.today())
        self.say(_("Created a demo vault with sample data at {path}.").format(path=args.vault))
        return EXIT_OK

    def pack(self, args: argparse.Namespace) -> int:
        from commsdesk.cli_packs import run

        return run(self, args)

    def travel(self, args: argparse.Namespace) -> int:
        from commsdesk.travel_cli import travel_back, travel_out

        return (travel_out if args.travel_command == "out" else travel_back)(self, args)

    def story(self, args: argparse.Namespace) -> int:
        from commsdesk.cli_story import run

        return run(self, args)


KIND_LABELS = {"contact": N_("person"), "conversation": N_("conversation"),
               "observation": N_("observation"), "plan": N_("plan"), "reminder": N_("reminder"),
               "reflection": N_("reflection"), "article_note": N_("note on an article"),
               "stage_change": N_("stage of change"), "prep_sheet": N_("prep sheet")}


def _mark(text: str, spans: list[tuple[int, int]]) -> str:
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], "«", text[start:end], "»"]
        last = end
    return "".join(out) + text[last:]


def _exists(path: Path) -> VaultError:
    from commsdesk.storage.errors import VaultExists

    return VaultExists(path=path)


# The search command's own options, and whether each takes a value.
_SEARCH_OPTIONS = {"--json": False, "--limit": True, "--vault": True, "--help": False}


def _search_argv(argv: list[str]) -> list[str]:
    """`search` arguments with every query word after `--`, so that a query may start with `-`
    (`commsdesk search -повестка брат`): argparse would read `-повестка` as an unknown option.
    Known options (and unambiguous abbreviations, as argparse allows) stay options."""
    i = 0
    while i < len(argv) and argv[i].startswith("-"):  # options before the command
        i += 2 if argv[i] == "--vault" else 1
    if i >= len(argv) or argv[i] != "search":
        return argv
    head = argv[:i + 1]
    options: list[str] = []
    words: list[str] = []
    rest = iter(argv[i + 1:])
    for arg in rest:
        if arg == "--":
            words.extend(rest)
            break
        name = arg.split("=", 1)[0]
        known = [o for o in _SEARCH_OPTIONS if o.startswith(name)] if name.startswith("--") else []
        if arg == "-h" or len(known) == 1:
            options.append(arg)
            if len(known) == 1 and _SEARCH_OPTIONS[known[0]] and "=" not in arg:
                options.append(next(rest, ""))
        else:
            words.append(arg)
    return head + options + ["--"] + words


# argparse's own words (the usage line, section headings, its error messages) in the user's
# language: argparse looks `_` and `ngettext` up in its module at every call, so pointing them at
# the app's catalog is enough. The messages of Python 3.11's argparse a user can meet, listed so
# that scripts/i18n.py extracts them (anything else stays in English).
ARGPARSE_MESSAGES = (
    N_("usage: "), N_("options"), N_("positional arguments"), N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"), N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"), N_("invalid %(type)s value: %(value)r"),
    N_("the following arguments are required: %s"), N_("unrecognized arguments: %s"),
    N_("expected one argument"), N_("expected at least one argument"), N_("expected at most one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"), N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"), N_("ignored explicit argument %r"),
    N_("can't open '%(filename)s': %(error)s"),
)


def _argparse_speaks_the_users_language() -> None:
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
    ngettext("expected %s argument", "expected %s arguments", 2)  # listed for extraction


def build_parser() -> argparse.ArgumentParser:
    _argparse_speaks_the_users_language()
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--vault", type=Path, default=argparse.SUPPRESS, metavar="PATH",
                        help=_("vault file (default: {path})").format(path=default_vault_path()))
    parser = argparse.ArgumentParser(
        prog="commsdesk", parents=[common],
        description=_("CommsDesk: an offline, encrypted journal for talking about the war with"
                      " people at home. Without a command, the desktop app starts."))
    parser.add_argument("--version", action="version", version=f"CommsDesk {__version__}",
                        help=_("show the version and exit"))
    sub = parser.add_subparsers(dest="command", metavar=_("command"))

    def command(name: str, text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], help=text, description=text)

    p = command("init", _("create a new encrypted vault"))
    p.add_argument("--strength", choices=STRENGTHS, default=LEVELS[DEFAULT_LEVEL].name,
                   help=_("key derivation strength"))
    command("check", _("verify the vault's integrity"))
    p = command("backup", _("write an encrypted backup file"))
    p.add_argument("output", type=Path, metavar="FILE")
    p.add_argument("--new-passphrase", action="store_true",
                   help=_("protect the backup with a different passphrase"))
    p = command("restore", _("replace the vault with a verified backup"))
    p.add_argument("backup", type=Path, metavar="FILE")
    p.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    p = command("passwd", _("change the vault's passphrase"))
    p.add_argument("--strength", choices=STRENGTHS, default=None, help=_("new key strength"))
    p = command("export", _("export everything to JSON or Markdown (not encrypted)"))
    p.add_argument("--output", "-o", required=True, metavar="FILE",
                   help=_("file to write, or - for standard output"))
    p.add_argument("--format", choices=["json", "markdown"], default="json")
    p = command("import", _("import a JSON export (all records or none)"))
    p.add_argument("file", type=Path, metavar="FILE")
    p = command("search", _("search everything in the vault"))
    p.add_argument("query", metavar="QUERY", nargs="+",
                   help=_("what to find; words starting with - are excluded (see docs/cli.md)"))
    p.add_argument("--json", action="store_true", help=_("print results as JSON"))
    p.add_argument("--limit", type=int, default=50, help=_("at most this many results"))
    command("demo", _("create a vault filled with sample data"))
    _add_pack_commands(sub, STRENGTHS)
    _add_travel_commands(sub, common)
    _add_story_commands(sub, common)
    return parser


def _add_pack_commands(sub: argparse._SubParsersAction, strengths: list[str]) -> None:
    """`pack …`: its handlers (cli_packs.py) load cryptography, so they are imported only when run."""
    text = _("build, sign and verify content packs (for trainers)")
    pack = sub.add_parser("pack", help=text, description=text)
    commands = pack.add_subparsers(dest="pack_command", metavar=_("command"), required=True)

    def command(name: str, text: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=text, description=text)

    p = command("keygen", _("make a signing key pair: NAME.key (secret, protected by a passphrase)"
                            " and NAME.pub (to share)"))
    p.add_argument("--out", default=DEFAULT_KEY_NAME, metavar="NAME",
                   help=_("path and name of the two files, without extension"))
    p.add_argument("--strength", choices=strengths, default=LEVELS[DEFAULT_LEVEL].name,
                   help=_("key derivation strength"))
    p = command("build", _("make one pack file from a folder with manifest.toml and articles"))
    p.add_argument("source", type=Path, metavar="DIR")
    p.add_argument("--out", type=Path, default=None, metavar="FILE",
                   help=_("pack file to write (default: ID-VERSION.cdpack here)"))
    p = command("sign", _("sign a pack file in place with your signing key"))
    p.add_argument("pack", type=Path, metavar="PACK")
    p.add_argument("--key", type=Path, required=True, metavar="KEY", help=_("your .key file"))
    p = command("verify", _("check that a pack is intact and say who signed it"))
    p.add_argument("pack", type=Path, metavar="PACK")
    p.add_argument("--trust", type=Path, action="append", default=[], metavar="PUBKEY",
                   help=_("a .pub file of a key you trust (may be repeated)"))


def _add_story_commands(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """`story …`: its handler (cli_story.py) loads the anonymizer, so it is imported only when run."""
    text = _("check story texts before sharing them")
    story = sub.add_parser("story", help=text, description=text)
    commands = story.add_subparsers(dest="story_command", metavar=_("command"), required=True)
    text = _("list what in a text or a story card may identify someone, with proposed replacements")
    p = commands.add_parser("check", parents=[common], help=text, description=text)
    p.add_argument("file", type=Path, metavar="FILE",
                   help=_("a UTF-8 plain text file or a .cdstory.json story card"))
    p.add_argument("--json", action="store_true", help=_("print the findings and the text as JSON"))
    p.add_argument("--apply", action="store_true",
                   help=_("also print the text with every proposed replacement made"))


def _add_travel_commands(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    text = _("travel mode: before a border, move the vault into a verified backup and remove it"
             " from this computer; after the trip, bring it back")
    travel = sub.add_parser("travel", parents=[common], help=text, description=text)
    moves = travel.add_subparsers(dest="travel_command", metavar="out|back", required=True)
    text = _("back the vault up to FILE, verify the backup, then remove the vault and every trace"
             " of it from this computer")
    p = moves.add_parser("out", parents=[common], help=text, description=text)
    p.add_argument("backup", type=Path, metavar="FILE")
    p.add_argument("--new-passphrase", action="store_true",
                   help=_("protect the backup with a different passphrase"))
    p.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    text = _("after the trip: restore the vault from FILE (a backup or an emergency kit)")
    p = moves.add_parser("back", parents=[common], help=text, description=text)
    p.add_argument("backup", type=Path, metavar="FILE")


def main(argv: list[str], stdin: TextIO | None = None, out: TextIO | None = None,
         err: TextIO | None = None) -> int:
    set_language(os.environ.get("COMMSDESK_LANG") or system_language())
    out, err = out or sys.stdout, err or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(_search_argv(list(argv)))
    except SystemExit as exc:
        return int(exc.code or 0) and EXIT_USAGE
    if not args.command:
        parser.print_help(file=out)
        return EXIT_OK
    args.vault_given = hasattr(args, "vault")  # `story check` uses a vault only when told to
    if not args.vault_given:
        args.vault = default_vault_path()
    cli = Cli(PassphraseReader(stdin, err), out, err)
    handler = getattr(cli, "import_" if args.command == "import" else args.command)
    try:
        return handler(args)
    except VaultError as exc:
        print(f"commsdesk: {exc.user_message()}", file=err)
        return EXIT_ERROR
    except EOFError:
        print("commsdesk: " + _("No passphrase was given."), file=err)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: say so in one line, never print vault data
        if os.environ.get("COMMSDESK_DEBUG"):
            raise
        print("commsdesk: " + _("Unexpected error ({kind}). Please report it.")
              .format(kind=type(exc).__name__), file=err)
        return EXIT_ERROR
