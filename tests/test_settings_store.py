"""Preferences: defaults, bad files, wrong types, owner-only permissions, nothing secret."""

import json
import stat

from commsdesk import settings


def test_round_trip_and_permissions(tmp_path):
    path = tmp_path / "s.json"
    prefs = settings.Settings(language="ru", lock_minutes=10, discreet_mode=True)
    settings.save(prefs, path)
    assert settings.load(path) == prefs
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert set(json.loads(path.read_text())) == set(settings.FIELDS)


def test_bad_files_and_values_fall_back_to_defaults(tmp_path):
    path = tmp_path / "s.json"
    assert settings.load(path) == settings.Settings()
    path.write_text("{not json")
    assert settings.load(path) == settings.Settings()
    path.write_text(json.dumps({"language": "xx", "lock_minutes": "5", "font_scale": 999,
                                "discreet_mode": 1, "quiet_weeks": True, "unknown": 1}))
    loaded = settings.load(path)
    assert loaded.language == "system" and loaded.lock_minutes == 5
    assert loaded.font_scale == 200 and loaded.discreet_mode is False and loaded.quiet_weeks == 4
