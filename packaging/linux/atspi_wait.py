"""Wait until the running app shows a control, read over AT-SPI as a screen reader would.

    python3 atspi_wait.py APP SECONDS ROLE NAME

Runs under the system python3 (Debian's python3-gi and gir1.2-atspi-2.0), not the bundle's.
Exits 0 as soon as a control with that role and accessible name (`*`: any name) is showing in
any window of the application named APP; exits 1 after SECONDS, printing what was showing
instead (so a failed smoke test says on which screen the app was). The bundle's smoke test uses
it to take each screenshot once the screen it shows is really there, not after a guessed pause.
"""

from __future__ import annotations

import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402


def showing(node, found: list, depth: int = 0) -> None:
    try:
        if depth > 40 or not node.get_state_set().contains(Atspi.StateType.SHOWING):
            return
        found.append((node.get_role_name(), (node.get_name() or "").strip()))
        if node.get_role_name() in {"table", "tree", "tree table"}:
            return  # rows and cells: not needed, and thousands in a big vault
        for i in range(node.get_child_count()):
            child = node.get_child_at_index(i)
            if child is not None:
                showing(child, found, depth + 1)
    except gi.repository.GLib.Error:  # the widget went away while we read it
        return


def controls(app_name: str) -> list:
    found: list = []
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        if app is None or app.get_name() != app_name:
            continue
        for j in range(app.get_child_count()):
            window = app.get_child_at_index(j)
            if window is not None:
                showing(window, found)
    return found


def main() -> int:
    app_name, seconds, role, name = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4]
    deadline = time.monotonic() + seconds
    found: list = []
    while time.monotonic() < deadline:
        found = controls(app_name)
        if any(r == role and (name == "*" or n == name) for r, n in found):
            return 0
        time.sleep(0.3)
    print(f"not showing after {seconds:g} s: {role} {name!r}; showing instead:", file=sys.stderr)
    for item in found[:60]:
        print(f"  {item[0]}: {item[1]!r}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
