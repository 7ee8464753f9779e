"""Screenshots of every screen, in Russian and English, from the demo vault.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [OUTPUT_DIR]

Writes <lang>-<screen>.png (and a few dark-theme ones) into docs/screenshots/ by default.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from PySide6.QtCore import QCoreApplication, QEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

SIZE = (1280, 820)


def settle() -> None:
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()


def shoot(widget: QWidget, out: Path, name: str) -> None:
    settle()
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="commsdesk-shots-"))
    os.environ["XDG_CONFIG_HOME"] = str(home / "config")
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    app = QApplication([])

    from commsdesk.demo import populate
    from commsdesk.settings import Settings
    from commsdesk.storage import Vault
    from commsdesk.ui.controller import AppController
    from commsdesk.ui.search.dialog import SearchDialog
    from commsdesk.ui.workspace import JOURNAL, LIBRARY, OVERVIEW, PEOPLE, SETTINGS

    path = home / "demo.commsdesk"
    passphrase = "screenshot passphrase"  # noqa: S105 - a throwaway vault of invented data
    vault = Vault.create(path, passphrase, level=3)  # "basic": quick, and a real level
    populate(vault, date.today())
    vault.close()

    for language, theme in (("ru", "light"), ("en", "light"), ("ru", "dark"), ("en", "dark")):
        prefix = f"{language}-" + ("dark-" if theme == "dark" else "")
        first = Settings(language=language, theme=theme, vault_path=str(home / "none.commsdesk"))
        ctl = AppController(app, first, home / "s.json")
        ctl.window.resize(*SIZE)
        ctl.window.show()
        if theme == "light":
            shoot(ctl.window, out, prefix + "welcome")
            ctl.window.show_create()
            shoot(ctl.window, out, prefix + "create")
        ctl.settings.vault_path = str(path)
        ctl.window.show_start()
        shoot(ctl.window, out, prefix + "unlock")
        ctl.open_vault(Vault.open(path, passphrase))
        workspace = ctl.window.workspace
        workspace.go_to(OVERVIEW)
        ctl.tasks.wait()  # the Overview is computed in the background
        settle()
        shoot(ctl.window, out, prefix + "overview")
        workspace.go_to(PEOPLE)
        people = workspace.sections[PEOPLE]
        mother = next(c for c in ctl.vault.repos.contacts.list() if c.display_name == "Мама")
        people.show_person(mother.id)
        shoot(ctl.window, out, prefix + "people")
        if theme == "light":
            people.tabs.setCurrentIndex(1)
            shoot(ctl.window, out, prefix + "timeline")
        workspace.go_to(JOURNAL)
        shoot(ctl.window, out, prefix + "journal")
        planning(ctl, workspace, mother, out, prefix, theme == "light")
        club(ctl, workspace, mother, out, prefix, theme == "light")
        workspace.go_to(LIBRARY)
        library = workspace.sections[LIBRARY]
        shoot(ctl.window, out, prefix + "library")
        library.show_article("technique-listening-oars")
        shoot(ctl.window, out, prefix + "library-article")
        if theme == "light":  # the end of an article: when its facts were checked, and sources
            library.show_article("narrative-sanctions-dont-hurt")
            settle()
            bar = library.reader.browser.verticalScrollBar()
            bar.setValue(bar.maximum())
            shoot(ctl.window, out, prefix + "library-article-sources")
        if theme == "light":
            dialog = workspace.sections[JOURNAL].log_conversation(mother.id)
            dialog.resize(820, 760)
            shoot(dialog, out, prefix + "log-conversation")
            dialog.close()
            workspace.search_field.setText("телевизор")
            workspace.open_search()
            search = ctl.window.findChild(SearchDialog)
            QTest.qWait(400)  # the dialog waits for typing to pause, then searches
            ctl.tasks.wait()
            QTest.qWait(200)
            shoot(search, out, prefix + "search")
            search.close()
            workspace.search_field.clear()
            workspace.go_to(SETTINGS)
            shoot(ctl.window, out, prefix + "settings")
        ctl.lock()
        ctl.window.close()
        ctl.deleteLater()
        settle()
    return 0


def planning(ctl, workspace, mother, out: Path, prefix: str, all_shots: bool) -> None:
    """The Planner (strategy, next steps, a prep sheet and its PDF) and Progress (charts)."""
    from commsdesk.ui.planner.prep_dialog import PrepDialog
    from commsdesk.ui.workspace import PLANNER, PROGRESS

    workspace.go_to(PLANNER)
    planner = workspace.sections[PLANNER]
    planner.show_person(mother.id)
    shoot(ctl.window, out, prefix + "planner")
    if all_shots:
        planner.tabs.setCurrentIndex(2)
        shoot(ctl.window, out, prefix + "planner-next-steps")
        planner.tabs.setCurrentIndex(1)
        shoot(ctl.window, out, prefix + "planner-talks")
        sheet = ctl.vault.repos.prep_sheets.for_contact(mother.id)[0]
        planner._open_prep(sheet.id)
        dialog = ctl.window.findChild(PrepDialog)
        shoot(dialog, out, prefix + "prep-sheet")
        dialog.close()
        pdf_page(planner.sheet_html(sheet.id), out, prefix + "prep-sheet-pdf")
        from commsdesk.ui.planner.review_dialog import ReviewDialog

        planner._open_review(sheet.id)
        review = ctl.window.findChild(ReviewDialog)
        shoot(review, out, prefix + "after-the-talk")
        review.close()
    workspace.go_to(PROGRESS)
    ctl.tasks.wait()
    settle()
    shoot(ctl.window, out, prefix + "progress")
    workspace.progress_of(mother.id)
    ctl.tasks.wait()
    settle()
    shoot(ctl.window, out, prefix + "progress-person")


def club(ctl, workspace, mother, out: Path, prefix: str, all_shots: bool) -> None:
    """The Club: the stories shelf, a story card in the making, packs, practice, the meeting kit."""
    from commsdesk.ui.club.page import MEETINGS, PACKS, PRACTICE, STORIES
    from commsdesk.ui.club.story_dialog import StoryDialog
    from commsdesk.ui.workspace import CLUB

    workspace.go_to(CLUB)
    page = workspace.sections[CLUB]
    page.tabs.setCurrentIndex(STORIES)
    shoot(ctl.window, out, prefix + "club-stories")
    if not all_shots:
        return
    page.stories.choose_person(mother.id)
    page.stories.make_card()
    ctl.tasks.wait()
    settle()
    dialog = ctl.window.findChild(StoryDialog)
    shoot(dialog, out, prefix + "club-story-card")
    dialog.close()
    page.tabs.setCurrentIndex(PACKS)
    shoot(ctl.window, out, prefix + "club-packs")
    page.tabs.setCurrentIndex(PRACTICE)
    page.practice.findChild(type(page.tabs)).setCurrentIndex(0)
    shoot(ctl.window, out, prefix + "club-roleplay")
    page.practice.findChild(type(page.tabs)).setCurrentIndex(1)
    shoot(ctl.window, out, prefix + "club-drills")
    page.tabs.setCurrentIndex(MEETINGS)
    shoot(ctl.window, out, prefix + "club-meeting-kit")
    from commsdesk.people.vcard import read_phone_export_file
    from commsdesk.ui.people.phone_import import PhoneImportDialog

    sample = ROOT / "tests" / "people" / "data" / "vcard" / "android_21_utf8_qp.vcf"
    dialog = PhoneImportDialog(ctl.window, ctl.vault, read_phone_export_file(sample))
    dialog.list.item(0).setCheckState(dialog.list.item(0).checkState().Checked)
    dialog.show()
    shoot(dialog, out, prefix + "phone-import")
    dialog.close()


def pdf_page(html: str, out: Path, name: str) -> None:
    """The PDF's first page as a PNG (pdftoppm, from poppler-utils, where installed)."""
    import shutil
    import subprocess

    from commsdesk.ui.pdf import write_pdf

    pdf = Path(tempfile.mkdtemp()) / "page.pdf"
    write_pdf(html, pdf)
    if tool := shutil.which("pdftoppm"):
        subprocess.run([tool, "-png",  # noqa: S603 - our own files "-r", "70", "-f", "1", "-l", "1", "-singlefile",
                        str(pdf), str(out / name)], check=True)
        numbered = out / f"{name}-1.png"  # some pdftoppm versions number even a single file
        if numbered.exists():
            numbered.replace(out / f"{name}.png")
        print(out / f"{name}.png")


if __name__ == "__main__":
    sys.exit(main())
