"""Acceptance 1: a unique marker written into notes and names appears in no file on disk: not
in the app's files, and not in Qt's own (QtProject.conf, caches under the XDG folders)."""

import os
from datetime import date

from commsdesk.domain import Plan, PlanStep, Reflection, Reminder
from commsdesk.storage import safety
from helpers import add_observation, add_person, add_talk

MARKER = "Zqxvmarkerjf"
MARKER_RU = "Щъыжмаркер"


def forms(marker: str) -> list[bytes]:
    out = []
    for text in {marker, marker.lower(), marker.upper()}:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            out.append(text.encode(encoding))
    return out


def qt_settings_files() -> list[str]:
    """Where Qt would keep its own per-user settings now (the file dialog's history among them)."""
    from PySide6.QtCore import QSettings

    return [QSettings(QSettings.Scope.UserScope, "QtProject").fileName()]


def _files(root):
    if os.path.isfile(root):
        yield str(root)
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            yield os.path.join(dirpath, name)


def scan(roots) -> list[str]:
    found = []
    needles = forms(MARKER) + forms(MARKER_RU)
    for root in [*roots, *qt_settings_files()]:
        for path in _files(root):
            try:
                with open(path, "rb") as handle:
                    data = handle.read()
            except OSError:
                continue
            found += [f"{path}: {n!r}" for n in needles if n in data]
    return found


def write_everything(vault):
    person = add_person(vault, f"{MARKER} {MARKER_RU}", region=MARKER, safety_notes=MARKER_RU,
                        tags=[MARKER])
    talk = add_talk(vault, person.id, f"Заметка {MARKER} и {MARKER_RU}", topics=[MARKER])
    add_observation(vault, person.id, 6, f"сказала {MARKER_RU}", conversation_id=talk.id)
    vault.repos.plans.add(Plan(person.id, f"цель {MARKER}", steps=[PlanStep(MARKER_RU)]))
    vault.repos.reminders.add(Reminder(date(2026, 12, 1), MARKER, contact_id=person.id))
    vault.repos.reflections.add(Reflection(talk.occurred_at, 3, hard=MARKER, helped=MARKER_RU))
    vault.repos.search.run(MARKER_RU)
    return person, talk


def test_marker_never_reaches_the_disk_in_plaintext(vault, vault_path, private_dirs, tmp_path):
    _person, talk = write_everything(vault)
    roots = [tmp_path, *private_dirs.values()]
    # While the vault is open: the file, its -wal and -shm, temp, config and data dirs.
    assert {p.name for p in tmp_path.iterdir()} >= {"vault.commsdesk", "vault.commsdesk-wal"}
    assert scan(roots) == []
    # After edits, a deletion, a backup and closing.
    talk.notes += f" {MARKER} ещё раз"
    vault.repos.conversations.update(talk)
    vault.repos.conversations.delete(talk.id)
    safety.backup(vault, tmp_path / "backup.commsdesk")
    vault.close()
    assert scan(roots) == []
    assert not (tmp_path / "vault.commsdesk-wal").exists()


def test_neither_the_app_nor_qt_keep_the_marker_after_the_screens_were_used(
        qtbot, vault, vault_path, private_dirs, tmp_path):
    from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt
    from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QPushButton

    from commsdesk.settings import Settings
    from commsdesk.ui.controller import AppController
    from commsdesk.ui.workspace import SETTINGS

    write_everything(vault)
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        # Qt's usual place for its own settings (fixed at its first use in a process: named again)
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(private_dirs["config"]))
    controller = AppController(QApplication.instance(), Settings(language="en",
                               vault_path=str(vault_path)), tmp_path / "settings.json")
    qtbot.addWidget(controller.window)
    controller.window.show()
    controller.open_vault(vault)
    workspace = controller.window.workspace
    for section in range(len(workspace.sections)):  # every screen shows the marked records
        workspace.go_to(section)
        QCoreApplication.processEvents()
    # A backup into a folder whose name is the marker, through the app's file chooser.
    folder = tmp_path / MARKER
    folder.mkdir()
    workspace.go_to(SETTINGS)
    panel = workspace.sections[SETTINGS].vault_panel
    qtbot.mouseClick(next(b for b in panel.findChildren(QPushButton) if b.text() == "Make a backup…"),
                     Qt.MouseButton.LeftButton)
    chooser = next(d for d in panel.findChildren(QFileDialog) if d.isVisible())
    chooser.setDirectory(str(folder))
    chooser.findChild(QLineEdit, "fileNameEdit").setText(str(folder / "copy.commsdesk"))
    chooser.accept()
    qtbot.waitUntil(lambda: (folder / "copy.commsdesk").exists() and not controller.tasks.busy,
                    timeout=20_000)
    controller.quit()
    controller.idle.stop()
    controller.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    assert scan([tmp_path, *private_dirs.values()]) == []


def test_scanner_would_see_a_plaintext_marker(tmp_path):
    (tmp_path / "leak.txt").write_text(f"note {MARKER_RU}", encoding="utf-8")
    assert scan([tmp_path])
