"""Read the running app's accessibility tree over AT-SPI, as a screen reader would.

Runs under the system python3 (Debian's python3-gi and gir1.2-atspi-2.0), not the project's venv. It
reads commands from stdin, one a line: `walk` prints one JSON line, the list of controls showing on
screen in every window of the application named on the command line, each as
[role, name, description, labels, window title, path] (labels: the names of the labels it is
"labelled by", read only for combo boxes, whose name on Linux is their current item, and for
controls without a name); `quit` ends.
"""

from __future__ import annotations

import json
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

# Roles a person operates: each must be announced by a name. (Labels are read for what they say.)
INTERACTIVE = {"push button", "toggle button", "check box", "radio button", "combo box", "text",
               "password text", "spin button", "slider", "list", "table", "tree", "tree table",
               "page tab", "entry", "date editor", "editbar"}
# Their children are rows and cells, announced by their text: not walked (thousands in a big vault).
# Pictures and charts must be named too, and say in text what they show.
PICTURES = {"image", "chart", "canvas", "animation"}
CONTAINERS = {"list", "table", "tree", "tree table", "list box"}


def find_app(name: str, wait: float = 20.0):
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            if app is not None and app.get_name() == name:
                return app
        time.sleep(0.2)
    raise SystemExit(f"no application named {name!r} on the accessibility bus")


def walk(node, path: list[str], window: str, out: list) -> None:
    try:
        if not node.get_state_set().contains(Atspi.StateType.SHOWING):
            return
        role = node.get_role_name()
        name = (node.get_name() or "").strip()
        description = (node.get_description() or "").strip()
        # A generic widget with a description is a chart or a picture with its text alternative.
        if role in INTERACTIVE or role in PICTURES or (description and role == "filler"):
            labels = labelled_by(node) if role == "combo box" or not name else []
            out.append([role, name, description, labels, window, "/".join(path[-3:])])
        if role in CONTAINERS:
            return
        for i in range(node.get_child_count()):
            child = node.get_child_at_index(i)
            if child is not None:
                walk(child, [*path, f"{role}:{name}"[:40]], window, out)
    except gi.repository.GLib.Error:  # the widget went away while we read it
        return


def labelled_by(node) -> list[str]:
    names = []
    for relation in node.get_relation_set() or []:
        if relation.get_relation_type() == Atspi.RelationType.LABELLED_BY:
            for i in range(relation.get_n_targets()):
                target = relation.get_target(i)
                if target is not None:
                    names.append((target.get_name() or "").strip())
    return names


def controls(app) -> list:
    out: list = []
    for i in range(app.get_child_count()):
        window = app.get_child_at_index(i)
        if window is not None:
            walk(window, [], (window.get_name() or "").strip(), out)
    return out


def main() -> None:
    app = find_app(sys.argv[1])
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        command = line.strip()
        if command == "quit":
            break
        if command == "walk":
            print(json.dumps({"controls": controls(app)}, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
