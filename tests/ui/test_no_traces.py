"""No traces outside the vault: after files were chosen in every file dialog of the app, nothing
in the config, data, cache and state folders names the folder they were in (Qt's own dialog
writes its history and last folder to QtProject.conf unless stopped), and default names are
neutral."""

from __future__ import annotations

import os
import re
from datetime import date, datetime
from pathlib import Path
from urllib.parse import quote

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from commsdesk.domain import PrepSheet
from commsdesk.ui.club.page import MEETINGS, PACKS, STORIES
from commsdesk.ui.club.story_dialog import StoryDialog
from commsdesk.ui.files import forget_dialog_state
from commsdesk.ui.settings.dialogs import PassphraseDialog
from commsdesk.ui.workspace import CLUB, PEOPLE, PLANNER, PROGRESS, SETTINGS
from conftest import button, choose_file, click, confirm_identity, flush_deletes, type_text
from helpers import ROOT, add_person, add_talk

FOLDER = "Backups-Mama-Voronezh"


def mentions(roots, needle: str) -> list[str]:
    forms = {needle, needle.lower(), quote(needle)}
    needles = [f.encode(enc) for f in forms for enc in ("utf-8", "utf-16-le")]
    found = []
    for root in roots:
        for dirpath, _dirs, files in os.walk(root):
            for name in files:
                path = os.path.join(dirpath, name)
                try:
                    data = Path(path).read_bytes()
                except OSError:
                    continue
                found += [path for n in needles if n in data or n in path.encode()]
    return found


def qt_writes_to(folder: Path) -> None:
    """Where Qt puts its per-user settings by default: the config folder (Qt fixes that path at
    its first use in a process, so a test names it again)."""
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(folder))


def pick(qtbot, parent, path: Path) -> None:
    """The chooser open now: look around in the folder, then choose the file there."""
    chooser = next(d for d in parent.findChildren(QFileDialog) if d.isVisible())
    chooser.setDirectory(str(path.parent))
    choose_file(parent, path)


def test_file_dialogs_remember_no_folder_anywhere(qtbot, unlocked, private_dirs, tmp_path):
    scanned = [private_dirs[k] for k in ("config", "data", "cache", "state")]
    qt_writes_to(private_dirs["config"])
    secret = tmp_path / FOLDER
    secret.mkdir()
    vault = unlocked.vault
    person = add_person(vault, "Маша")
    add_talk(vault, person.id, "Маша спросила, как я живу.", when=datetime(2026, 11, 2, 19))
    vault.repos.prep_sheets.add(PrepSheet(person.id, date.today(), goal="спросить про дачу"))
    (secret / "contacts.vcf").write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Тётя\nEND:VCARD\n")
    (secret / "shared.cdstory.json").write_text("{}")
    (secret / "material.cdpack").write_bytes(b"not a pack")
    workspace = unlocked.window.workspace

    # Settings: a backup, the restore chooser, an emergency kit.
    workspace.go_to(SETTINGS)
    panel = workspace.sections[SETTINGS].vault_panel
    click(qtbot, button(panel, "Make a backup…"))
    pick(qtbot, panel, secret / "copy.commsdesk")
    qtbot.waitUntil(lambda: (secret / "copy.commsdesk").exists() and not unlocked.tasks.busy,
                    timeout=20_000)
    click(qtbot, button(panel, "Restore from a backup…"))
    pick(qtbot, panel, secret / "copy.commsdesk")
    next(d for d in panel.findChildren(PassphraseDialog) if d.isVisible()).reject()
    click(qtbot, button(panel, "Make an emergency kit…"))
    confirm_identity(qtbot, panel)
    pick(qtbot, panel, secret / "kit.commsdesk")
    qtbot.waitUntil(lambda: (secret / "kit.commsdesk").exists() and not unlocked.tasks.busy,
                    timeout=20_000)

    # PDFs: a prep sheet, the progress report, a meeting agenda.
    workspace.go_to(PLANNER)
    planner = workspace.sections[PLANNER]
    planner.table.selectRow(planner.model.row_of(lambda c: c.id == person.id))
    planner.tabs.setCurrentIndex(1)
    click(qtbot, button(planner, "Export to PDF…"))
    confirm_identity(qtbot, planner)
    pick(qtbot, planner, secret / "sheet.pdf")
    progress = workspace.sections[PROGRESS]
    with qtbot.waitSignal(progress.loaded, timeout=10_000):
        workspace.go_to(PROGRESS)
    click(qtbot, button(progress, "Export report to PDF…"))
    confirm_identity(qtbot, progress)
    pick(qtbot, progress, secret / "report.pdf")
    workspace.go_to(CLUB)
    club = workspace.sections[CLUB]
    club.tabs.setCurrentIndex(MEETINGS)
    click(qtbot, button(club.meetings, "Export to PDF…"))
    pick(qtbot, club.meetings, secret / "agenda.pdf")
    assert {p.name for p in secret.glob("*.pdf")} == {"sheet.pdf", "report.pdf", "agenda.pdf"}

    # The Club: a story card out, story cards and a pack in.
    club.tabs.setCurrentIndex(STORIES)
    stories = club.stories
    stories.choose_person(person.id)
    click(qtbot, button(stories, "Make a story card…"))
    qtbot.waitUntil(lambda: stories.findChild(StoryDialog) is not None, timeout=10_000)
    story = stories.findChild(StoryDialog)
    type_text(qtbot, story.title, "Title")
    click(qtbot, story.export_button)
    for box in story.findChildren(QMessageBox):  # "export with possible names left?"
        if box.isVisible():
            click(qtbot, next(b for b in box.buttons() if b.text() == "Export anyway"))
    confirm_identity(qtbot, story)
    pick(qtbot, story, secret / "card.cdstory.json")
    assert (secret / "card.cdstory.json").exists()
    click(qtbot, button(stories, "Import story cards…"))
    pick(qtbot, stories, secret / "shared.cdstory.json")
    club.tabs.setCurrentIndex(PACKS)
    click(qtbot, button(club.packs, "Import a pack…"))
    pick(qtbot, club.packs, secret / "material.cdpack")

    # People: contacts from a phone.
    workspace.go_to(PEOPLE)
    people = workspace.sections[PEOPLE]
    click(qtbot, button(people, "Import from a phone…"))
    pick(qtbot, people, secret / "contacts.vcf")
    qtbot.waitUntil(lambda: not unlocked.tasks.busy, timeout=10_000)

    # Locked: "Open another vault file…", browsed to the folder, then cancelled.
    unlocked.lock()
    page = unlocked.window.centralWidget()
    click(qtbot, button(page, "Open another vault file…"))
    chooser = next(d for d in unlocked.window.findChildren(QFileDialog) if d.isVisible())
    chooser.setDirectory(str(secret))
    chooser.reject()

    for box in QApplication.topLevelWidgets():
        if isinstance(box, QMessageBox):
            box.close()
    QApplication.processEvents()
    flush_deletes()  # Qt's dialog saves its state when it is destroyed
    assert mentions(scanned, FOLDER) == []


def test_what_qt_remembered_before_is_removed_at_the_next_chooser(qtbot, unlocked, private_dirs):
    config = private_dirs["config"]
    qt_writes_to(config)
    left = QSettings(str(config / "QtProject.conf"), QSettings.Format.IniFormat)
    left.setValue("FileDialog/history", [f"file:///home/u/{FOLDER}"])
    left.setValue("FileDialog/lastVisited", f"file:///home/u/{FOLDER}")
    left.setValue("Other/kept", "yes")
    left.sync()
    del left
    unlocked.window.workspace.go_to(SETTINGS)
    panel = unlocked.window.workspace.sections[SETTINGS].vault_panel
    click(qtbot, button(panel, "Restore from a backup…"))
    next(d for d in panel.findChildren(QFileDialog) if d.isVisible()).reject()
    flush_deletes()
    assert mentions([config], FOLDER) == []
    text = (config / "QtProject.conf").read_text()
    assert "kept=yes" in text and "FileDialog" not in text


def test_forgetting_leaves_an_untouched_file_untouched(tmp_path):
    settings = QSettings(str(tmp_path / "none.conf"), QSettings.Format.IniFormat)
    forget_dialog_state(settings)
    assert not (tmp_path / "none.conf").exists()


def test_every_file_dialog_is_the_one_chooser():
    """A QFileDialog made anywhere else would bring Qt's history back."""
    made = [str(p.relative_to(ROOT)) for p in (ROOT / "src").rglob("*.py")
            if re.search(r"QFileDialog\(|getOpenFileName|getSaveFileName|getExistingDirectory",
                         p.read_text("utf-8"))]
    assert made == ["src/commsdesk/ui/files.py"]


def test_default_file_names_are_neutral():
    """No app name and no person in a name the app suggests (the extensions are formats)."""
    suggested = []
    for path in (ROOT / "src" / "commsdesk" / "ui").rglob("*.py"):
        text = path.read_text("utf-8")
        suggested += re.findall(r"suggested=([^,)]+(?:\([^)]*\))?[^,)]*)", text)
        suggested += re.findall(r"choose_pdf_path\(self, ([^,]+),", text)
    assert suggested
    for name in suggested:
        assert "commsdesk-" not in name.lower() and "CommsDesk" not in name, name
    from commsdesk.ui.settings.vault_panel import backup_name

    assert backup_name(date(2026, 12, 4)) == "backup-2026-12-04.commsdesk"
