"""Issue 13 §4: every screen and dialog of the demo vault as a screen reader gets it over AT-SPI.

The real app runs on the X11 platform (Xvfb) with Qt's accessibility bridge, in a private D-Bus
session; a walker under the system python (Debian's gi + Atspi) reads the tree at each stop of a tour
(`tour.py`). Every button, field, combo box and list must have a name.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHER = Path("/usr/libexec/at-spi-bus-launcher")
# The Debian packages the walk needs (`.ci/run` installs them).
PACKAGES = "xvfb dbus-daemon at-spi2-core python3-gi gir1.2-atspi-2.0"


def missing() -> list[str]:
    gaps = [tool for tool in ("Xvfb", "dbus-run-session") if shutil.which(tool) is None]
    if not BUS_LAUNCHER.exists():
        gaps.append(str(BUS_LAUNCHER))
    probe = "import gi; gi.require_version('Atspi', '2.0'); from gi.repository import Atspi"
    if not Path(SYSTEM_PYTHON).exists() or subprocess.run(
            [SYSTEM_PYTHON, "-c", probe], capture_output=True, check=False).returncode:
        gaps.append("Atspi for the system python3")
    return gaps


def start_xvfb() -> tuple[subprocess.Popen, str]:
    """A private X server on the first free display number (it writes the number it took)."""
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1400x900x24",
                               "-nolisten", "tcp"], pass_fds=(write,), stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        pytest.fail("Xvfb did not start")
    return server, f":{number}"


@pytest.fixture(scope="module")
def tour(tmp_path_factory) -> list[dict]:
    gaps = missing()
    if gaps:
        pytest.skip(f"the AT-SPI walk needs {', '.join(gaps)} (Debian: {PACKAGES}; .ci/run installs them)")
    folder = tmp_path_factory.mktemp("atspi")
    report = folder / "tour.jsonl"
    server, display = start_xvfb()
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
               TMPDIR=str(folder), HOME=str(folder))
    env.pop("WAYLAND_DISPLAY", None)
    try:
        done = subprocess.run(
            ["dbus-run-session", "--", sys.executable, str(HERE / "tour.py"), str(report), "ru", "atspi",
             SYSTEM_PYTHON], env=env, capture_output=True, text=True, timeout=240, check=False)
    finally:
        server.terminate()
        server.wait(10)
    stops = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()] \
        if report.exists() else []
    assert stops and stops[-1] == {"done": True}, f"the tour stopped early:\n{done.stderr[-3000:]}"
    return stops[:-1]


def walked(tour: list[dict], canary: bool = False) -> list[dict]:
    return [stop for stop in tour if (stop["stop"] == "canary") == canary]


def describe(control: list) -> str:
    role, name, _description, labels, window, path = control
    return f"{role} {name!r} labelled {labels} in window {window!r} at {path}"


def test_the_tour_opens_every_section_and_dialog(tour):
    names = {stop["stop"] for stop in tour}
    for expected in ("welcome", "create", "unlock", "Overview", "People: profile", "Journal",
                     "Progress: one person", "Library: an article", "Settings", "Log a conversation",
                     "Edit a conversation", "Earlier versions", "Search", "Prepare a talk",
                     "After the talk", "Make a story card", "Import from a phone",
                     "Change passphrase: confirm it is you", "New passphrase", "Backup passphrase",
                     "Emergency kit", "file chooser: save a backup", "Restore: confirm", "A message"):
        assert expected in names
    assert sum(1 for name in names if name.startswith("Club: ")) >= 4
    assert sum(1 for name in names if name.startswith("Planner: ")) >= 3


def test_every_control_has_a_name(tour):
    unnamed = [f"{stop['stop']}: {describe(c)}" for stop in walked(tour) for c in stop["controls"]
               if not c[1] and not c[3]]
    total = sum(len(stop["controls"]) for stop in walked(tour))
    assert total > 500
    assert unnamed == [], "\n".join(unnamed)


def test_every_combo_box_says_what_it_is_for(tour):
    """On Linux a combo box's name is its current item; what it is for comes from its label."""
    combos = [(stop["stop"], c) for stop in walked(tour) for c in stop["controls"] if c[0] == "combo box"]
    assert len(combos) > 40
    unlabelled = [f"{stop}: {describe(c)}" for stop, c in combos if not any(c[3])]
    assert unlabelled == [], "\n".join(unlabelled)


def test_the_walk_catches_a_field_without_a_name(tour):
    """The canary: a field added without a name must be the one thing reported."""
    [canary] = walked(tour, canary=True)
    unnamed = [c for c in canary["controls"] if not c[1] and not c[3]]
    assert [(c[0], c[4]) for c in unnamed] == [("text", "Canary")]


def test_passphrase_fields_are_password_fields(tour):
    checked = 0
    for stop in walked(tour):
        roles = {c[1]: c[0] for c in stop["controls"] if c[0] in ("text", "password text")}
        for name in stop["passphrases"]:
            assert roles.get(name) == "password text", f"{stop['stop']}: {name!r} is {roles.get(name)}"
            checked += 1
    assert checked >= 6


def test_tooltips_reach_assistive_technology(tour):
    checked = 0
    for stop in walked(tour):
        descriptions = {c[2] for c in stop["controls"]}
        for tip in stop["tooltips"]:
            assert tip in descriptions, f"{stop['stop']}: tooltip {tip!r} is not a description"
            checked += 1
    assert checked >= 20


def test_charts_say_their_numbers(tour):
    for name in ("Progress", "Progress: one person"):
        [stop] = [s for s in tour if s["stop"] == name]
        charts = [c for c in stop["controls"] if c[0] == "filler"]
        assert charts, f"{name}: no chart with a text alternative"
        for chart in charts:
            assert chart[1] and re.search(r"\d", chart[2]), describe(chart)
