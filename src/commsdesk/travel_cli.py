"""`commsdesk travel out|back`: ask, call `commsdesk.travel`, say plainly what happened."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from commsdesk import travel
from commsdesk.i18n import _

if TYPE_CHECKING:
    from commsdesk.cli import Cli


def travel_out(cli: Cli, args: argparse.Namespace) -> int:
    from commsdesk.cli import EXIT_ERROR, EXIT_OK, _exists

    if args.backup.exists():
        raise _exists(args.backup)
    question = _("Write a backup to {backup}, verify it, then remove the vault {path} and every"
                 " trace of it from this computer? [y/N]").format(backup=args.backup,
                                                                  path=args.vault)
    if not args.yes and not cli.reader.confirm(question):
        cli.say(_("Nothing was changed."))
        return EXIT_ERROR
    vault = cli.open(args.vault)
    try:
        other = cli.new_passphrase(_("Passphrase for the backup: ")) \
            if args.new_passphrase else None
        cli.say(_("Writing the backup and checking it…"))
        report = travel.travel_out(vault, args.backup, other)
    finally:
        vault.close()
    for line in travel.account(report):
        cli.say(line)
    cli.say(_("Keep the backup and its passphrase apart from this computer. After the trip:"
              " commsdesk travel back {path}").format(path=report.backup))
    return EXIT_ERROR if report.failed else EXIT_OK


def travel_back(cli: Cli, args: argparse.Namespace) -> int:
    from commsdesk.cli import EXIT_OK

    passphrase = cli.passphrase(_("Passphrase of the backup (or the recovery phrase of an"
                                  " emergency kit): "))
    target = travel.travel_back(args.backup, passphrase, args.vault)
    cli.say(_("The vault is back at {path}. It opens with the backup's passphrase.").format(
        path=target))
    return EXIT_OK
