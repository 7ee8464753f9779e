"""Start-up: read the arguments, set the language, run a headless command or the desktop app."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from commsdesk import cli

    args = sys.argv[1:] if argv is None else argv
    return cli.main(args)


if __name__ == "__main__":
    sys.exit(main())
