"""Where CommsDesk keeps its files: platformdirs locations, the bundled resources, portable mode."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import platformdirs

APP_NAME = "CommsDesk"
VAULT_FILE_NAME = "vault.commsdesk"
PORTABLE_MARKER = "portable"  # a file of this name beside the executable turns portable mode on
PORTABLE_FLAG = "--portable"
PORTABLE_DATA = "data"

_PACKAGE_DIR = Path(__file__).resolve().parent
_SOURCE_ROOT = _PACKAGE_DIR.parent.parent


def _bundled(name: str) -> Path:
    """A data folder shipped inside the wheel, or at the top of a source checkout."""
    inside = _PACKAGE_DIR / name
    return inside if inside.is_dir() else _SOURCE_ROOT / name


def resources_dir() -> Path:
    return _bundled("resources")


def translations_dir() -> Path:
    return _bundled("translations")


class _Portable:
    """The portable data folder once portable mode is on (set once, at start-up)."""

    root: Path | None = None


_portable = _Portable()


def app_dir() -> Path:
    """The folder the app runs from: beside the bundle's executable (beside the .app on macOS),
    or the top of a source checkout."""
    if getattr(sys, "frozen", False):
        folder = Path(sys.executable).resolve().parent
        if sys.platform == "darwin" and folder.name == "MacOS" and folder.parent.parent.suffix == ".app":
            return folder.parent.parent.parent
        return folder
    return _SOURCE_ROOT


def start_portable(args: list[str], folder: Path | None = None) -> list[str]:
    """Portable mode (a USB stick) when `--portable` is among the arguments or a file `portable`
    lies beside the app: settings, drafts and the default vault then live in `data/` beside it.
    Returns the arguments without the flag. Called once, first thing at start-up."""
    folder = folder or app_dir()
    rest = [a for a in args if a != PORTABLE_FLAG]
    if len(rest) == len(args) and not (folder / PORTABLE_MARKER).is_file():
        return rest
    root = folder / PORTABLE_DATA
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    _portable.root = root.resolve()
    _keep_libraries_out_of_the_profile()
    return rest


def portable_root() -> Path | None:
    return _portable.root


def _keep_libraries_out_of_the_profile() -> None:
    """Qt, fontconfig and Mesa keep caches in the profile's cache folder; in portable mode they get
    a fresh one in the temp folder instead, removed at exit (fonts cache, nothing of the user's)."""
    cache = tempfile.mkdtemp(prefix="commsdesk-cache-")
    os.environ["XDG_CACHE_HOME"] = cache
    atexit.register(shutil.rmtree, cache, ignore_errors=True)


def data_dir() -> Path:
    if _portable.root is not None:
        return _portable.root
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    if _portable.root is not None:
        return _portable.root / "settings"
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_vault_path() -> Path:
    return data_dir() / VAULT_FILE_NAME
