"""Start-up: read the arguments, set the language, run a headless command or the desktop app."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from commsdesk.paths import start_portable

    args = start_portable(args)
    if not args:
        from commsdesk.ui.main import run_gui

        return run_gui()
    from commsdesk import cli

    return cli.main(args)


if __name__ == "__main__":
    sys.exit(main())
