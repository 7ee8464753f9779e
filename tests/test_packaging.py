"""The app's identity and the Linux install script: one version, icons of every size, a valid menu
entry and AppStream file, and install.sh that puts them in a user's menu and takes them out again."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tomllib

import pytest

from commsdesk import __version__
from helpers import ROOT

APP_ID = "io.github.commsdesk.CommsDesk"
LINUX = ROOT / "packaging" / "linux"
ICONS = ROOT / "resources" / "icons"


def test_the_version_has_one_source():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)
    assert f"## [{__version__}]" in (ROOT / "CHANGELOG.md").read_text("utf-8")
    metainfo = (LINUX / f"{APP_ID}.metainfo.xml").read_text("utf-8")
    assert f'<release version="{__version__}"' in metainfo
    windows = (ROOT / "packaging" / "windows" / "version-info.txt").read_text("utf-8")
    assert f"'FileVersion', '{__version__}'" in windows


def test_png_icons_have_the_size_their_name_says():
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        data = (ICONS / f"commsdesk-{size}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", data[16:24])
        assert (width, height) == (size, size)
    assert (ICONS / "commsdesk.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert (ICONS / "commsdesk.icns").read_bytes()[:4] == b"icns"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_the_menu_entry_is_valid():
    result = subprocess.run(["desktop-file-validate", str(LINUX / f"{APP_ID}.desktop")],
                            capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream not installed")
def test_the_appstream_file_is_valid():
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(LINUX / f"{APP_ID}.metainfo.xml")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_install_puts_the_app_in_the_menu_and_uninstall_takes_it_out(tmp_path):
    bundle = tmp_path / "commsdesk-x"
    (bundle / "icons").mkdir(parents=True)
    (bundle / "commsdesk").write_text("#!/bin/sh\necho ran\n")
    (bundle / "commsdesk").chmod(0o755)
    for name in ("install.sh", f"{APP_ID}.desktop", f"{APP_ID}.metainfo.xml"):
        shutil.copy2(LINUX / name, bundle / name)
    for icon in ICONS.glob("commsdesk-*.png"):
        shutil.copy2(icon, bundle / "icons" / icon.name)
    shutil.copy2(ICONS / "commsdesk.svg", bundle / "icons" / "commsdesk.svg")
    (bundle / "portable").touch()  # a stick's marker must not make the installed copy portable
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}
    subprocess.run(["sh", str(bundle / "install.sh")], env=env, check=True, capture_output=True)
    data = home / ".local" / "share"
    app = data / "commsdesk" / "app"
    entry = (data / "applications" / f"{APP_ID}.desktop").read_text("utf-8")
    assert f'Exec="{app}/commsdesk"' in entry
    assert (data / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").is_file()
    assert (data / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert not (app / "portable").exists()
    ran = subprocess.run([str(home / ".local" / "bin" / "commsdesk")], capture_output=True, text=True)
    assert ran.stdout.strip() == "ran"

    (data / "CommsDesk").mkdir()
    (data / "CommsDesk" / "vault.commsdesk").write_bytes(b"kept")
    subprocess.run(["sh", str(app / "install.sh"), "--uninstall"], env=env, check=True, capture_output=True)
    assert not app.exists()
    assert not (data / "applications" / f"{APP_ID}.desktop").exists()
    assert not (home / ".local" / "bin" / "commsdesk").exists()
    assert list((data / "icons").rglob("*.png")) == []
    assert (data / "CommsDesk" / "vault.commsdesk").read_bytes() == b"kept"


def _pinned_names(text: str) -> set[str]:
    return {re.sub(r"[-_.]+", "-", m.group(1)).lower()
            for m in re.finditer(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==", text, re.MULTILINE)}


def test_the_bundle_pins_every_dependency_of_the_app():
    """The bundle is built from requirements-build.txt alone: a dependency added to pyproject.toml
    and not pinned there ships a bundle that fails when the code first imports it (qtawesome did:
    the GUI stopped at unlock while the CLI smoke test passed)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {re.sub(r"[-_.]+", "-", re.split(r"[<>=!~;\[ ]", dep, maxsplit=1)[0]).lower()
              for dep in project["dependencies"]}
    pinned = _pinned_names((ROOT / "packaging" / "requirements-build.txt").read_text(encoding="utf-8"))
    assert wanted - pinned == set()
    assert "pyinstaller" in pinned
