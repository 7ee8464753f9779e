"""A tour of every screen and dialog of the demo vault, looked at on the way.

`tour.py REPORT LANGUAGE atspi [SYSTEM_PYTHON]`: under Xvfb and a private D-Bus session, the real app
on the xcb platform with Qt's accessibility bridge; at each stop the AT-SPI walker (system python)
reads what a screen reader would read. A last stop, "canary", adds a field without a name on purpose:
the walk must report it, or the walk proves nothing.

`tour.py REPORT LANGUAGE layout FOLDER`: at each stop, a screenshot into FOLDER and the labels and
buttons whose text does not fit (run under QT_SCALE_FACTOR by `test_scaled_layouts.py`).

Writes one JSON line per stop to REPORT, {"stop": name, ...}, then {"done": true}.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEventLoop, QProcess, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox, QPushButton, QWidget

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent.parent
sys.path[:0] = [str(TESTS.parent / "src"), str(TESTS)]

from commsdesk.i18n import _  # noqa: E402
from helpers import PASSPHRASE, TEST_LEVEL  # noqa: E402

Step = Iterator[str]  # each yielded string names a stop to walk


class Walker:
    """The walker process, asked for one walk at a time while our event loop keeps running (the
    accessibility bridge answers from it)."""

    def __init__(self, python: str, app_name: str):
        self.process = QProcess()
        self.process.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)
        self.buffer = b""
        self.process.start(python, [str(HERE / "atspi_walker.py"), app_name])
        self.read_line()  # {"ready": true}: it found us on the bus

    def read_line(self, timeout_ms: int = 60_000) -> dict:
        loop = QEventLoop()
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        self.process.readyReadStandardOutput.connect(loop.quit)
        self.process.finished.connect(loop.quit)
        timer.start(timeout_ms)
        while b"\n" not in self.buffer and timer.isActive():
            self.buffer += bytes(self.process.readAllStandardOutput().data())
            if b"\n" in self.buffer or self.process.state() == QProcess.ProcessState.NotRunning:
                break
            loop.exec()
        self.process.readyReadStandardOutput.disconnect(loop.quit)
        self.process.finished.disconnect(loop.quit)
        line, _, self.buffer = self.buffer.partition(b"\n")
        if not line:
            raise SystemExit("the AT-SPI walker gave no answer")
        return json.loads(line)

    def walk(self) -> list:
        self.process.write(b"walk\n")
        return self.read_line()["controls"]

    def close(self) -> None:
        self.process.write(b"quit\n")
        self.process.waitForFinished(5000)


def settle(ms: int = 40) -> None:
    """Let layouts, deferred loads and the bridge's window announcements happen."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def idle(controller) -> None:
    while controller.tasks.busy:
        settle(20)
    settle()


def new_window(before: set[int], kind=QDialog) -> QWidget:
    """The dialog that opened since `before` was taken."""
    for _attempt in range(200):
        found = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, kind) and w.isVisible() and id(w) not in before]
        if found:
            return found[-1]
        settle(20)
    raise SystemExit(f"no new {kind.__name__} opened")


def windows() -> set[int]:
    return {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}


def dialog_stop(name: str, open_it: Callable[[], object], kind=QDialog) -> Step:
    """Open a dialog, walk it, close it."""
    before = windows()
    open_it()
    dialog = new_window(before, kind)
    settle()
    yield name
    dialog.reject()
    settle(50)


class Tour:
    def __init__(self, controller, demo: Path, folder: Path, canaries: bool = True):
        self.controller, self.demo, self.folder = controller, demo, folder
        self.canaries = canaries

    @property
    def workspace(self):
        return self.controller.window.workspace

    def section(self, index: int):
        self.workspace.go_to(index)
        idle(self.controller)
        return self.workspace.sections[index]

    def steps(self) -> Step:
        yield from self.start_pages()
        yield from self.sections()
        yield from self.journal_dialogs()
        yield from self.planner_dialogs()
        yield from self.club()
        yield from self.settings_dialogs()
        if self.canaries:
            yield from self.canary()

    # -- before the vault is open ----------------------------------------------------------
    def start_pages(self) -> Step:
        window = self.controller.window
        window.show_welcome()
        yield "welcome"
        window.show_create()
        yield "create"
        yield from dialog_stop("file chooser: open a vault",
                               lambda: self.controller.choose_vault_file(lambda _p: None))
        self.controller.settings.vault_path = str(self.demo)
        window.show_unlock()
        yield "unlock"
        page = window.centralWidget()
        page.passphrase.setText(PASSPHRASE)
        page.submit.click()
        idle(self.controller)
        assert window.workspace is not None, "the demo vault did not open"

    # -- the eight sections ----------------------------------------------------------------
    def sections(self) -> Step:
        from commsdesk.ui.workspace import (
            JOURNAL,
            LIBRARY,
            OVERVIEW,
            PEOPLE,
            PLANNER,
            PROGRESS,
            SETTINGS,
        )

        first = self.first_person()
        self.section(OVERVIEW)
        yield "Overview"
        people = self.section(PEOPLE)
        people.show_person(first)
        yield "People: profile"
        people.tabs.setCurrentIndex(1)
        yield "People: timeline"
        people.tabs.setCurrentIndex(0)
        people.new_person()
        yield "People: new person"
        planner = self.section(PLANNER)
        planner.show_person(first)
        for tab in range(planner.tabs.count()):
            planner.tabs.setCurrentIndex(tab)
            settle()
            yield f"Planner: {planner.tabs.tabText(tab)}"
        self.section(JOURNAL)
        yield "Journal"
        progress = self.section(PROGRESS)
        yield "Progress"
        progress.show_person(first)
        idle(self.controller)
        yield "Progress: one person"
        library = self.section(LIBRARY)
        yield "Library"
        library.show_article(self.an_article())
        idle(self.controller)
        yield "Library: an article"
        self.section(SETTINGS)
        yield "Settings"

    def first_person(self) -> int:
        vault = self.controller.vault
        return min(vault.repos.contacts.names().items(), key=lambda i: i[1].casefold())[0]

    def an_article(self) -> str:
        from commsdesk.i18n import current_language
        from commsdesk.library.catalog import techniques

        return techniques(current_language())[0].id

    # -- dialogs ---------------------------------------------------------------------------
    def journal_dialogs(self) -> Step:
        from commsdesk.ui.workspace import JOURNAL, PEOPLE

        self.section(JOURNAL)
        yield from dialog_stop("Log a conversation", lambda: self.workspace.log_conversation())
        journal = self.workspace.sections[JOURNAL]
        talk = journal.model.record(0)
        before = windows()
        editing = journal.edit_conversation(talk.id)
        new_window(before)
        yield "Edit a conversation"
        history = next(b for b in editing.findChildren(QPushButton) if b.text() == _("Earlier versions…"))
        yield from dialog_stop("Earlier versions", history.click)
        editing.reject()
        self.workspace.search_field.setText("мама")
        yield from self.search_dialog()
        self.section(PEOPLE).show_person(self.first_person())
        yield from dialog_stop("Delete a person: confirm", self.workspace.sections[PEOPLE]._delete,
                               QMessageBox)
        yield from dialog_stop("file chooser: phone contacts",
                               self.workspace.sections[PEOPLE].choose_phone_export)
        yield from self.phone_import()

    def search_dialog(self) -> Step:
        before = windows()
        self.workspace.open_search()
        dialog = new_window(before)
        idle(self.controller)
        yield "Search"
        dialog.reject()

    def phone_import(self) -> Step:
        from commsdesk.ui.workspace import PEOPLE

        people = self.workspace.sections[PEOPLE]
        vcf = TESTS / "people" / "data" / "vcard"
        sample = sorted(vcf.glob("*.vcf"))[0]
        yield from dialog_stop("Import from a phone", lambda: people.read_phone_export(str(sample)))

    def planner_dialogs(self) -> Step:
        from commsdesk.ui.workspace import PLANNER

        planner = self.section(PLANNER)
        planner.show_person(self.first_person())
        planner.tabs.setCurrentIndex(1)
        yield from dialog_stop("Prepare a talk", lambda: planner._open_prep(None))
        sheets = self.controller.vault.repos.prep_sheets
        sheet = next(s for cid in self.controller.vault.repos.contacts.names()
                     for s in sheets.for_contact(cid))
        yield from dialog_stop("Open a prep sheet", lambda: planner._open_prep(sheet.id))
        yield from dialog_stop("After the talk", lambda: planner._open_review(sheet.id))
        yield from dialog_stop("Export a prep sheet: confirm it is you",
                               lambda: planner._export_pdf(sheet.id))

    def club(self) -> Step:
        from commsdesk.ui.workspace import CLUB

        club = self.section(CLUB)
        for tab in range(club.tabs.count()):
            club.tabs.setCurrentIndex(tab)
            idle(self.controller)
            yield f"Club: {club.tabs.tabText(tab)}"
            if club.tabs.currentWidget() is club.practice:
                club.practice.tabs.setCurrentIndex(1)
                settle()
                yield f"Club: {club.practice.tabs.tabText(1)}"
        club.tabs.setCurrentIndex(0)
        idle(self.controller)
        stories = club.stories
        stories.choose_person(self.first_person())
        yield from dialog_stop("Make a story card", stories.make_card)
        yield from dialog_stop("file chooser: story cards", stories.choose_files)

    def settings_dialogs(self) -> Step:
        from commsdesk.ui.controls import inform
        from commsdesk.ui.settings.dialogs import NewPassphraseDialog, PassphraseDialog
        from commsdesk.ui.settings.kit import EmergencyKitDialog
        from commsdesk.ui.workspace import SETTINGS

        settings = self.section(SETTINGS)
        panel = settings.vault_panel
        yield from dialog_stop("Change passphrase: confirm it is you", panel.ask_new_passphrase)
        yield from dialog_stop("New passphrase", lambda: NewPassphraseDialog(
            "Change passphrase", "explanation", panel, level=0).open())
        yield from dialog_stop("Backup passphrase", lambda: PassphraseDialog(
            "Backup passphrase", "explanation", panel).open())
        yield from dialog_stop("file chooser: save a backup",
                               lambda: panel._choose_backup_target(lambda _p: None))
        yield from dialog_stop("Emergency kit", lambda: EmergencyKitDialog(
            self.controller, "one two three four five six", self.folder / "kit.commsdesk",
            panel).open())
        yield from dialog_stop("Restore: confirm", lambda: panel.restore_from(
            self.folder / "backup.commsdesk", "not used"), QMessageBox)
        yield from dialog_stop("A message", lambda: inform(panel, "Title", "Text", True), QMessageBox)
        yield from self.later_dialogs(settings)

    def later_dialogs(self, settings) -> Step:
        """Dialogs added after the first walk: export, the shortcuts list, the unsaved-changes
        question, the first-run guide."""
        from commsdesk.ui.first_run import FirstRunGuide
        from commsdesk.ui.shortcuts import ShortcutsDialog
        from commsdesk.ui.unsaved import ask_unsaved

        yield from dialog_stop("Export: confirm it is you", lambda: settings.export_panel.start("json"))
        yield from dialog_stop("Keyboard shortcuts", lambda: ShortcutsDialog(self.controller.window).open())
        yield from dialog_stop("Unsaved changes", lambda: ask_unsaved(
            self.controller.window, "Save the changes?", lambda: None, lambda: None), QMessageBox)
        yield from dialog_stop("First-run guide", lambda: FirstRunGuide(
            self.controller, self.controller.vault, self.workspace).open())

    def canary(self) -> Step:
        """A field without a name, on purpose: the walk must catch it."""
        from commsdesk.ui.settings.dialogs import PassphraseDialog

        dialog = PassphraseDialog("Canary", "explanation", self.controller.window)
        dialog.layout_.insertWidget(0, QLineEdit())
        before = windows()
        dialog.open()
        new_window(before)
        settle()
        yield "canary"
        dialog.reject()


def on_screen() -> dict:
    """What the app itself knows is showing: the tooltips of focusable widgets without a description
    of their own (each must reach assistive technology as the description) and the accessible
    names of passphrase fields (each must be a password field)."""
    from commsdesk.ui.widgets import PassphraseField

    tooltips, passphrases = set(), set()
    for window in QApplication.topLevelWidgets():
        if not window.isVisible():
            continue
        for widget in [window, *window.findChildren(QWidget)]:
            if not widget.isVisible() or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                continue
            if widget.toolTip() and not widget.accessibleDescription():  # else that is said
                tooltips.add(widget.toolTip().strip())
            if isinstance(widget, PassphraseField):
                passphrases.add(widget.accessibleName())
    return {"tooltips": sorted(tooltips), "passphrases": sorted(passphrases)}


def make_demo(path: Path) -> None:
    from commsdesk.demo import populate
    from commsdesk.storage import Vault

    vault = Vault.create(path, PASSPHRASE, level=TEST_LEVEL, allow_testing_level=True)
    with vault:
        populate(vault, date.today())


def clipped() -> list[str]:
    """Labels and buttons on screen whose text needs more room than they were given."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    found = []
    for window in QApplication.topLevelWidgets():
        if not window.isVisible():
            continue
        for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
            if (not widget.isVisible() or not widget.text() or widget.visibleRegion().isEmpty()
                    or widget.window() is not window or isinstance(widget.parentWidget(), QLineEdit)):
                continue  # hidden, scrolled away, another window's, or an icon inside a field
            size = widget.size()
            if isinstance(widget, QLabel) and widget.wordWrap():
                short = widget.heightForWidth(size.width()) > size.height() + 1
            else:
                hint = widget.minimumSizeHint()
                short = hint.width() > size.width() + 1 or hint.height() > size.height() + 1
            if short:
                found.append(f"{type(widget).__name__} {widget.text()[:60]!r} in {window.windowTitle()!r}: "
                             f"{size.width()}×{size.height()}, needs {widget.minimumSizeHint().width()}×"
                             f"{widget.minimumSizeHint().height()}")
    return found


def screenshot(folder: Path, stop: str) -> str:
    """The window that opened last (the dialog at a dialog's stop), as a PNG."""
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    modal = QApplication.activeModalWidget()
    window = modal if modal is not None and modal.isVisible() else shown[-1]
    name = "".join(c if c.isalnum() else "-" for c in stop).strip("-").lower() + ".png"
    window.grab().save(str(folder / name))
    return name


def run_atspi(controller, demo: Path, folder: Path, report, system_python: str) -> None:
    walker = Walker(system_python, "CommsDesk")
    try:
        for stop in Tour(controller, demo, folder).steps():
            settle()
            started = time.monotonic()
            record = {"stop": stop, **on_screen(), "controls": walker.walk(),
                      "seconds": round(time.monotonic() - started, 2)}
            print(json.dumps(record, ensure_ascii=False), file=report, flush=True)
    finally:
        walker.close()
        controller.lock()
        controller.wait_closed()


def run_layout(controller, demo: Path, folder: Path, report, shots: Path) -> None:
    """The main window at the size it gets on a 1920×1080 screen at this scale (less a panel)."""
    screen = QApplication.primaryScreen()
    width, height = (int(1920 / screen.devicePixelRatio()), int(1040 / screen.devicePixelRatio()))
    controller.window.resize(min(1100, width), min(720, height))
    shots.mkdir(parents=True, exist_ok=True)
    try:
        for stop in Tour(controller, demo, folder, canaries=False).steps():
            settle()
            sizes = [(w.windowTitle(), w.minimumSizeHint().width(), w.minimumSizeHint().height())
                     for w in QApplication.topLevelWidgets() if w.isVisible()]
            record = {"stop": stop, "clipped": clipped(), "screenshot": screenshot(shots, stop),
                      "screen": [width, height], "windows": sizes}
            print(json.dumps(record, ensure_ascii=False), file=report, flush=True)
    finally:
        controller.lock()
        controller.wait_closed()


def main() -> int:
    report = Path(sys.argv[1]).open("w", encoding="utf-8")  # noqa: SIM115 - open for the whole tour
    language, mode = sys.argv[2], sys.argv[3]
    extra = sys.argv[4] if len(sys.argv) > 4 else ""
    folder = Path(tempfile.mkdtemp(prefix="commsdesk-atspi-"))
    for name in ("config", "data", "cache", "state"):
        (folder / name).mkdir()
        os.environ[f"XDG_{name.upper()}_HOME"] = str(folder / name)
    os.environ["COMMSDESK_TEST_KDF"] = "allow"
    demo = folder / "demo.commsdesk"
    make_demo(demo)

    from commsdesk.settings import Settings
    from commsdesk.ui.controller import AppController

    app = QApplication([sys.argv[0]])
    app.setApplicationName("CommsDesk")
    prefs = Settings(language=language, vault_path=str(folder / "none.commsdesk"))
    controller = AppController(app, prefs, folder / "settings.json")
    controller.window.show()
    settle(300)
    if mode == "layout":
        run_layout(controller, demo, folder, report, Path(extra))
    else:
        run_atspi(controller, demo, folder, report, extra or "/usr/bin/python3")
    print(json.dumps({"done": True}), file=report, flush=True)
    report.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
