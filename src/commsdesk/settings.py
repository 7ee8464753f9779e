"""Non-secret preferences, declared once with types and defaults, kept as JSON in the config dir.

Never stored here: the passphrase, the key, or anything about the vault's contents. The vault's
path is kept so the unlock screen can offer it; nothing else about vaults (no recent-files list).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from commsdesk.paths import config_dir

THEMES = ("system", "light", "dark")
LANGUAGES = ("system", "ru", "en")


class Settings:
    language: str = "system"
    theme: str = "system"
    font_scale: int = 100  # percent
    lock_minutes: int = 5  # 0 = never
    lock_on_minimise: bool = False
    lock_on_screen_lock: bool = True
    discreet_mode: bool = False
    notify_with_text: bool = False  # reminders show names only when the user opts in
    quiet_weeks: int = 4  # Overview: people not talked to for this many weeks
    vault_path: str = ""
    geometry: str = ""  # base64 of QWidget.saveGeometry()

    # A plain class rather than a dataclass: this module loads before the first window, and
    # `dataclasses` is slow to import. The annotations above are the declaration.
    def __init__(self, **values: object) -> None:
        for name in FIELDS:
            setattr(self, name, values.pop(name, getattr(type(self), name)))
        if values:
            raise TypeError(f"unknown settings: {sorted(values)}")

    def as_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in FIELDS}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Settings) and self.as_dict() == other.as_dict()

    def __repr__(self) -> str:
        return f"Settings({self.as_dict()!r})"

    def validated(self) -> Settings:
        if self.language not in LANGUAGES:
            self.language = "system"
        if self.theme not in THEMES:
            self.theme = "system"
        self.font_scale = min(200, max(80, int(self.font_scale)))
        self.lock_minutes = min(240, max(0, int(self.lock_minutes)))
        self.quiet_weeks = min(52, max(1, int(self.quiet_weeks)))
        return self


FIELDS = tuple(Settings.__annotations__)


MAX_SETTINGS_BYTES = 64 * 1024


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load(path: Path | None = None) -> Settings:
    """Defaults for anything missing, unreadable or of the wrong type; never raises."""
    path = path or settings_path()
    from commsdesk.files import read_limited
    from commsdesk.storage.errors import VaultError

    try:  # bounded, and a FIFO in its place is refused rather than waited on at start-up
        raw = json.loads(read_limited(path, MAX_SETTINGS_BYTES).decode("utf-8"))
    except (OSError, ValueError, VaultError):
        return Settings()
    settings = Settings()
    if isinstance(raw, dict):
        for name in FIELDS:
            value = raw.get(name)
            default = getattr(Settings, name)
            if isinstance(value, type(default)) and not (isinstance(value, bool)
                                                         and not isinstance(default, bool)):
                setattr(settings, name, value)
    try:
        return settings.validated()
    except (TypeError, ValueError):
        return Settings()


def save(settings: Settings, path: Path | None = None) -> None:
    """Write atomically with owner-only permissions."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(settings.as_dict(), handle, indent=1)
    os.replace(tmp, path)
