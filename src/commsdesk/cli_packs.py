"""`commsdesk pack keygen|build|sign|verify`: what each does (the arguments are in cli.py)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from commsdesk.club import pack_signing as signing
from commsdesk.club.packs import PACK_SUFFIX, PackStatus, build_pack, read_pack, read_pack_file, sign_pack
from commsdesk.errors import FileExists, UserError
from commsdesk.files import read_limited, replace_atomically, write_new
from commsdesk.i18n import _, ngettext
from commsdesk.storage.kdf import LEVELS_BY_NAME

if TYPE_CHECKING:
    from commsdesk.cli import Cli

EXIT_OK, EXIT_ERROR, EXIT_NOT_TRUSTED = 0, 1, 3


def run(cli: Cli, args: argparse.Namespace) -> int:
    return getattr(PackCommands(cli), args.pack_command)(args)


class PackCommands:
    def __init__(self, cli: Cli):
        self.cli = cli

    def print(self, text: str) -> None:
        print(text, file=self.cli.out)

    def keygen(self, args: argparse.Namespace) -> int:
        secret, public = Path(args.out + ".key"), Path(args.out + ".pub")
        for path in (secret, public):
            if path.exists():
                raise FileExists(path=path)
        self.cli.say(_("The passphrase protects your signing key. Without it you cannot sign;"
                       " anyone with the key file and the passphrase can sign as you."))
        passphrase = self.cli.new_passphrase(_("New passphrase for the signing key: "))
        key = signing.generate_signing_key()
        sealed = signing.seal_signing_key(key, passphrase, LEVELS_BY_NAME[args.strength])
        raw = signing.raw_public_key(key)
        write_new(secret, sealed, mode=0o600)
        try:
            write_new(public, signing.public_key_text(raw).encode("ascii"))
        except UserError:
            secret.unlink()  # a key without its public half is of no use; leave nothing behind
            raise
        self.cli.say(_("Signing key written to {secret}; share {public} with the people who will"
                       " import your packs.").format(secret=secret, public=public))
        self.print(_("Fingerprint: {fingerprint}").format(fingerprint=signing.fingerprint(raw)))
        return EXIT_OK

    def build(self, args: argparse.Namespace) -> int:
        data = build_pack(args.source)
        pack = read_pack(data)
        out = args.out or Path(f"{pack.id}-{pack.version}{PACK_SUFFIX}")
        write_new(out, data)
        n = len(pack.articles)
        self.print(ngettext("Built {path}: “{title}”, {n} article, not signed yet.",
                            "Built {path}: “{title}”, {n} articles, not signed yet.", n)
                   .format(path=out, title=pack.title, n=n))
        return EXIT_OK

    def sign(self, args: argparse.Namespace) -> int:
        data = read_pack_file(args.pack)
        read_pack(data)  # a damaged pack is refused before the passphrase is asked
        key_file = read_limited(args.key, signing.MAX_KEY_FILE_BYTES)
        key = signing.open_signing_key(key_file, self.cli.passphrase(_("Passphrase of the signing key: ")))
        replace_atomically(args.pack, sign_pack(data, key))
        self.print(_("Signed {path} with the key {fingerprint}.").format(
            path=args.pack, fingerprint=signing.fingerprint(signing.raw_public_key(key))))
        return EXIT_OK

    def verify(self, args: argparse.Namespace) -> int:
        trusted = [signing.parse_public_key(read_limited(path, signing.MAX_KEY_FILE_BYTES))
                   for path in args.trust]
        pack = read_pack(read_pack_file(args.pack), trusted)
        n = len(pack.articles)
        self.print(ngettext("“{title}” ({id}, version {version}, {language}) by {author}: {n} article.",
                            "“{title}” ({id}, version {version}, {language}) by {author}: {n} articles.",
                            n).format(title=pack.title, id=pack.id, version=pack.version,
                                      language=pack.language, author=pack.author, n=n))
        self.print(_("Intact: the contents match the checksum ({digest}).").format(
            digest=pack.digest[:19] + "…"))
        if pack.status is PackStatus.UNSIGNED:
            self.print(_("Not signed: anyone could have written or changed it."))
            return EXIT_NOT_TRUSTED
        line = (_("Signed by a trusted key: {fingerprint}.") if pack.status is PackStatus.TRUSTED
                else _("Signed by an unknown key: {fingerprint}. Compare it with the fingerprint"
                       " {author} gave you before trusting it."))
        self.print(line.format(fingerprint=pack.signer_fingerprint, author=pack.author))
        return EXIT_NOT_TRUSTED if args.trust and pack.status is not PackStatus.TRUSTED else EXIT_OK

