"""Where CommsDesk keeps its files: platformdirs locations and the bundled resources."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "CommsDesk"
VAULT_FILE_NAME = "vault.commsdesk"

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


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_vault_path() -> Path:
    return data_dir() / VAULT_FILE_NAME
