"""Portable mode (a USB stick): settings, drafts and the default vault live in `data/` beside the
app, and a whole session, the desktop app included, writes nothing into the user's profile."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from commsdesk import paths
from helpers import PASSPHRASE, child_env

# Runs the real entry point as the bundle would: sys.frozen set, the executable in `folder`.
AS_BUNDLE = """
import sys
from pathlib import Path
folder = Path(sys.argv[1])
sys.frozen = True
sys.executable = str(folder / "commsdesk")
from commsdesk.app import main
sys.exit(main(sys.argv[2:]))
"""

# The desktop app as a user drives it: try the demo vault, see the workspace, lock, quit.
GUI_SESSION = """
import sys
from pathlib import Path
folder = Path(sys.argv[1])
sys.frozen = True
sys.executable = str(folder / "commsdesk")
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton
from commsdesk.i18n import _

state = {"step": "demo", "ticks": 0}

def tick():
    state["ticks"] += 1
    if state["ticks"] > 1200:
        print("TIMEOUT at", state["step"], flush=True)
        QApplication.instance().exit(3)
        return
    main = next((w for w in QApplication.topLevelWidgets() if w.isVisible() and w.inherits("QMainWindow")),
                None)
    if main is None:
        QTimer.singleShot(100, tick)
        return
    page = type(main.centralWidget()).__name__
    if state["step"] == "demo":
        for button in main.findChildren(QPushButton):
            if button.text() == _("Try the demo vault") and button.isVisible():
                QTest.mouseClick(button, Qt.MouseButton.LeftButton)
                state["step"] = "workspace"
    elif state["step"] == "workspace" and page == "Workspace":
        QTest.keyClick(main, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        state["step"] = "locked"
    elif state["step"] == "locked" and page == "UnlockPage":
        print("LOCKED", flush=True)
        main.close()
        return
    QTimer.singleShot(100, tick)

import commsdesk.ui.main as gui  # the driver starts once the app's QApplication exists

class Driven(gui.AppController):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        QTimer.singleShot(300, tick)

gui.AppController = Driven
from commsdesk.app import main
sys.exit(main(["--portable"]))
"""


def files_under(home: Path) -> set[Path]:
    """Everything in the home folder, the XDG folders inside it included; temp aside."""
    return {p for p in home.rglob("*") if "tmp" not in p.relative_to(home).parts[:1]}


@pytest.fixture
def profile(private_dirs) -> dict:
    """A home folder with the usual XDG folders, and a USB stick that holds the app."""
    home = private_dirs["config"].parent
    stick = home.parent / f"stick-{home.name}" / "CommsDesk"
    stick.mkdir(parents=True)
    return {"home": home, "stick": stick, "before": files_under(home)}


@pytest.fixture
def restore_portable(monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", os.environ.get("XDG_CACHE_HOME", ""))
    yield
    paths._portable.root = None


def run(script: str, profile: dict, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", script, str(profile["stick"]), *args],
                          input=PASSPHRASE + "\n" + PASSPHRASE + "\n", capture_output=True, text=True,
                          env=env or child_env(), timeout=240)


def test_without_the_file_or_the_flag_nothing_changes(tmp_path, restore_portable):
    usual = paths.data_dir()
    assert paths.start_portable(["search", "x"], tmp_path) == ["search", "x"]
    assert paths.portable_root() is None
    assert paths.data_dir() == usual
    assert not (tmp_path / "data").exists()


def test_a_file_named_portable_beside_the_app_moves_everything_to_data(tmp_path, restore_portable):
    (tmp_path / "portable").touch()
    assert paths.start_portable([], tmp_path) == []
    data = (tmp_path / "data").resolve()
    assert paths.data_dir() == data
    assert paths.default_vault_path() == data / "vault.commsdesk"
    assert paths.config_dir() == data / "settings"
    assert oct((tmp_path / "data").stat().st_mode & 0o777) == oct(0o700)


def test_the_flag_works_without_the_file_and_is_not_passed_on(tmp_path, restore_portable):
    assert paths.start_portable(["--portable", "check"], tmp_path) == ["check"]
    assert paths.data_dir() == (tmp_path / "data").resolve()


def test_cli_session_keeps_the_vault_beside_the_app_and_nothing_in_the_profile(profile):
    (profile["stick"] / "portable").touch()
    for argv in (["init"], ["search", "мама"], ["check"]):
        result = run(AS_BUNDLE, profile, *argv)
        assert result.returncode == 0, (argv, result.stderr)
    assert (profile["stick"] / "data" / "vault.commsdesk").is_file()
    assert files_under(profile["home"]) == profile["before"]


def test_gui_session_writes_nothing_into_the_profile(profile):
    """The desktop app, driven as a user: demo vault, workspace, lock, quit; Qt and fontconfig
    included. Only the stick's data/ folder gains files."""
    env = child_env()
    env.pop("COMMSDESK_TEST_KDF", None)  # the demo vault uses the production KDF, as for a user
    env.update(LANG="en_US.UTF-8", LANGUAGE="en")
    result = run(GUI_SESSION, profile, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "LOCKED" in result.stdout, result.stdout + result.stderr
    data = profile["stick"] / "data"
    assert (data / "demo.commsdesk").is_file()
    assert (data / "settings" / "settings.json").is_file()
    new = files_under(profile["home"]) - profile["before"]
    assert new == set(), sorted(map(str, new))
