"""The arguments of `commsdesk story …`, kept apart so other commands start without the anonymizer."""

from __future__ import annotations

import argparse
from pathlib import Path

from commsdesk.i18n import _


def add_story_commands(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
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
