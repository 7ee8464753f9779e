"""Settings → Export driven as a user would: passphrase first, then a file chooser, then the file."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from commsdesk.transfer.json_export import export_document
from commsdesk.ui.workspace import SETTINGS
from conftest import button, choose_file, click, confirm_identity, reauth_dialog
from helpers import add_person, add_talk


def export_panel(controller):
    controller.window.workspace.go_to(SETTINGS)
    return controller.window.workspace.sections[SETTINGS].export_panel


def idle(qtbot, controller) -> None:
    qtbot.waitUntil(lambda: not controller.tasks.busy, timeout=20_000)


def test_the_panel_warns_that_the_file_is_not_encrypted(unlocked):
    panel = export_panel(unlocked)
    assert panel.warning.isVisible()
    assert "NOT encrypted" in panel.warning.text()


def test_export_json_after_the_passphrase(qtbot, unlocked, tmp_path):
    person = add_person(unlocked.vault, "Мама")
    add_talk(unlocked.vault, person.id, "про рассаду и давление")
    panel = export_panel(unlocked)
    click(qtbot, button(panel, "Export as JSON…"))
    confirm_identity(qtbot, panel)
    target = tmp_path / "out" / "journal.json"
    target.parent.mkdir()
    choose_file(panel, target)
    idle(qtbot, unlocked)
    written = json.loads(target.read_text(encoding="utf-8"))
    assert written == json.loads(json.dumps(export_document(unlocked.vault), ensure_ascii=False))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "NOT encrypted" in panel.status.text() and str(target) in panel.status.text()
    assert sorted(p.name for p in target.parent.iterdir()) == ["journal.json"]  # no temp file left


def test_export_markdown_after_the_passphrase(qtbot, unlocked, tmp_path):
    person = add_person(unlocked.vault, "Мама")
    add_talk(unlocked.vault, person.id, "про рассаду и давление")
    panel = export_panel(unlocked)
    click(qtbot, button(panel, "Export as Markdown…"))
    confirm_identity(qtbot, panel)
    choose_file(panel, tmp_path / "journal.md")
    idle(qtbot, unlocked)
    text = (tmp_path / "journal.md").read_text(encoding="utf-8")
    assert "## Мама" in text and "про рассаду и давление" in text


def test_a_wrong_passphrase_writes_nothing(qtbot, unlocked, tmp_path):
    add_person(unlocked.vault, "Мама")
    panel = export_panel(unlocked)
    def files() -> set:
        return {p for root in (tmp_path, Path.home()) for p in root.rglob("*") if p.is_file()}

    before = files()
    click(qtbot, button(panel, "Export as JSON…"))
    confirm_identity(qtbot, panel, "not my passphrase")
    dialog = reauth_dialog(panel)
    assert dialog is not None and "not the passphrase" in dialog.error.text()
    dialog.reject()
    idle(qtbot, unlocked)
    from PySide6.QtWidgets import QFileDialog

    assert not [d for d in panel.findChildren(QFileDialog) if d.isVisible()]  # never asked where
    assert files() == before
