"""export_file: the GUI's export writes a private file in one step, or nothing."""

from __future__ import annotations

import json
import stat

import pytest

from commsdesk.transfer import export_file as module
from commsdesk.transfer.export_file import export_file
from commsdesk.transfer.json_export import export_document
from helpers import add_person, add_talk


def test_json_and_markdown(vault, tmp_path):
    add_talk(vault, add_person(vault, "Папа").id, "рыбалка")
    export_file(vault, tmp_path / "a.json", "json")
    assert json.loads((tmp_path / "a.json").read_text()) == json.loads(
        json.dumps(export_document(vault), ensure_ascii=False))
    export_file(vault, tmp_path / "a.md", "markdown")
    assert "рыбалка" in (tmp_path / "a.md").read_text()
    for name in ("a.json", "a.md"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600


def test_a_failure_midway_leaves_the_older_file_whole_and_no_temp(vault, tmp_path, monkeypatch):
    add_person(vault, "Папа")
    target = tmp_path / "a.json"
    target.write_text("older export")

    def broken(_vault, stream):
        stream.write("{ half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(module, "export_to", broken)
    from commsdesk.storage.errors import DiskFull

    with pytest.raises(DiskFull):
        export_file(vault, target, "json")
    assert target.read_text() == "older export"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".a.json")] == []
