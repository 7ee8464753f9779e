"""The arguments of `commsdesk pack …`, kept apart so other commands start without cryptography."""

from __future__ import annotations

import argparse
from pathlib import Path

from commsdesk.i18n import _
from commsdesk.storage.kdf import DEFAULT_LEVEL, LEVELS

DEFAULT_KEY_NAME = "commsdesk-pack"


def add_pack_commands(sub: argparse._SubParsersAction, strengths: list[str]) -> None:
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
