"""Screenshots of every screen and the main dialogs, from the demo vault (invented people and notes).

    python scripts/screenshots.py [--out DIR] [--variants ru,en,ru-dark,en-dark,ru-150]

Runs on a real X server so fonts and hinting are those of a desktop (the offscreen platform draws
text differently): the one in $DISPLAY, or else an Xvfb the script starts and stops itself. Each
variant runs in a process of its own, since Qt reads QT_SCALE_FACTOR once at start. Files are named
<language>[-dark|-150]-<screen>.png (docs/screenshots/ by default) and are made smaller with
pngquant and optipng where they are installed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

PASSPHRASE = "screenshot passphrase"  # noqa: S105 - throwaway vaults of invented data
# name → (language, theme, QT_SCALE_FACTOR, window size in logical pixels)
VARIANTS = {
    "ru": ("ru", "light", "1", (1280, 800)),
    "en": ("en", "light", "1", (1280, 800)),
    "ru-dark": ("ru", "dark", "1", (1280, 800)),
    "en-dark": ("en", "dark", "1", (1280, 800)),
    # 150 %: the app's default window (1100×750), drawn 1650×1125
    "ru-150": ("ru", "light", "1.5", (1100, 750)),
}


# -- the parent: a display, the vaults, one child per variant, then compression ------------------
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--home", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return shoot_variant(args.child, args.home, args.out)
    chosen = [v.strip() for v in args.variants.split(",") if v.strip()]
    unknown = [v for v in chosen if v not in VARIANTS]
    if unknown:
        parser.error(f"unknown variants: {', '.join(unknown)} (known: {', '.join(VARIANTS)})")
    args.out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="commsdesk-shots-"))
    xvfb = None
    try:
        env = dict(os.environ, XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
                   QT_QPA_PLATFORM="xcb")
        if not env.get("DISPLAY"):
            xvfb, env["DISPLAY"] = start_xvfb()
        make_vaults(home)
        before = time.time()
        for name in chosen:
            scale = VARIANTS[name][2]
            print(f"== {name} (QT_SCALE_FACTOR={scale})", flush=True)
            subprocess.run([sys.executable, __file__, "--child", name, "--home", str(home),  # noqa: S603
                            "--out", str(args.out)], env=dict(env, QT_SCALE_FACTOR=scale), check=True)
        written = [p for p in args.out.glob("*.png") if p.stat().st_mtime >= before]
        compress(written)
        total = sum(p.stat().st_size for p in written)
        print(f"{len(written)} screenshots, {total / 1e6:.1f} MB, in {args.out}")
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(10)
        shutil.rmtree(home, ignore_errors=True)
    return 0


def start_xvfb() -> tuple[subprocess.Popen, str]:
    """An Xvfb of our own, on a display number it chooses itself; large enough for 150 %."""
    binary = shutil.which("Xvfb")
    if binary is None:
        sys.exit("No $DISPLAY and no Xvfb: install xvfb, or run under an X session.")
    read, write = os.pipe()
    process = subprocess.Popen([binary, "-displayfd", str(write), "-screen", "0", "2200x1500x24",  # noqa: S603
                                "-nolisten", "tcp"], pass_fds=(write,),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as answer:  # Xvfb writes the number once it accepts connections
        number = answer.readline().strip()
    if not number:
        sys.exit("Xvfb did not start.")
    return process, f":{number}"


def make_vaults(home: Path) -> None:
    """The demo vault, and an empty one for what a new user first sees."""
    from commsdesk.demo import populate
    from commsdesk.storage import Vault

    demo = Vault.create(home / "demo.commsdesk", PASSPHRASE, level=3)  # "basic": quick, and real
    populate(demo, date.today())
    demo.close()
    Vault.create(home / "empty.commsdesk", PASSPHRASE, level=3).close()


def compress(paths: list[Path]) -> None:
    """Lossy palette reduction (pngquant) keeps UI screenshots sharp at a third of the size."""
    if quant := shutil.which("pngquant"):
        subprocess.run([quant, "--force", "--skip-if-larger", "--quality", "70-95", "--speed", "3",  # noqa: S603
                        "--ext", ".png", *map(str, paths)], check=False)
    if optimize := shutil.which("optipng"):
        subprocess.run([optimize, "-quiet", "-o2", *map(str, paths)], check=False)  # noqa: S603


# -- a child: one language, theme and scale --------------------------------------------------------
class Camera:
    def __init__(self, out: Path, prefix: str):
        self.out, self.prefix = out, prefix

    def __call__(self, widget, name: str) -> None:
        settle()
        path = self.out / f"{self.prefix}{name}.png"
        widget.grab().save(str(path))
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path, flush=True)


def settle(rounds: int = 3) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(rounds):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()


def shoot_variant(name: str, home: Path, out: Path) -> int:
    from PySide6.QtWidgets import QApplication

    language, theme, scale, size = VARIANTS[name]
    app = QApplication([])
    from commsdesk.settings import Settings
    from commsdesk.storage import Vault
    from commsdesk.ui.controller import AppController

    shoot = Camera(out, f"{language}-" + {"dark": "dark-"}.get(theme, "")
                   + ("150-" if scale != "1" else ""))
    prefs = Settings(language=language, theme=theme, vault_path=str(home / "none.commsdesk"))
    ctl = AppController(app, prefs, home / f"settings-{name}.json")
    ctl.window.resize(*size)
    ctl.window.show()
    shoot(ctl.window, "welcome")
    ctl.window.show_create()
    shoot(ctl.window, "create")
    ctl.settings.vault_path = str(home / "demo.commsdesk")
    ctl.window.show_start()
    shoot(ctl.window, "unlock")
    ctl.open_vault(Vault.open(home / "demo.commsdesk", PASSPHRASE))
    mother = next(c for c in ctl.vault.repos.contacts.list() if c.display_name == "Мама")
    sections(ctl, mother, shoot)
    planning(ctl, mother, shoot)
    club(ctl, mother, shoot)
    dialogs(ctl, mother, shoot)
    ctl.lock()
    ctl.tasks.wait()
    beginning(ctl, home, shoot)
    ctl.lock()
    ctl.tasks.wait()
    ctl.window.close()
    settle()
    return 0


def wait(ctl) -> None:
    ctl.tasks.wait()
    settle()
    ctl.tasks.wait()  # a result may start the next piece of work
    settle()


def sections(ctl, mother, shoot) -> None:
    """Overview, People (a person and their timeline), Journal, Library, Settings."""
    from commsdesk.ui.workspace import JOURNAL, LIBRARY, OVERVIEW, PEOPLE, SETTINGS

    workspace = ctl.window.workspace
    workspace.go_to(OVERVIEW)
    wait(ctl)
    shoot(ctl.window, "overview")
    workspace.go_to(PEOPLE)
    people = workspace.sections[PEOPLE]
    people.show_person(mother.id)
    shoot(ctl.window, "people")
    people.tabs.setCurrentIndex(1)
    shoot(ctl.window, "timeline")
    people.tabs.setCurrentIndex(0)
    workspace.go_to(JOURNAL)
    wait(ctl)
    shoot(ctl.window, "journal")
    workspace.go_to(LIBRARY)
    library = workspace.sections[LIBRARY]
    shoot(ctl.window, "library")
    library.show_article("technique-listening-oars")
    shoot(ctl.window, "library-article")
    library.show_article("narrative-sanctions-dont-hurt")
    settle()
    bar = library.reader.browser.verticalScrollBar()
    bar.setValue(bar.maximum())  # the end of an article: when its facts were checked, and sources
    shoot(ctl.window, "library-article-sources")
    workspace.go_to(SETTINGS)
    shoot(ctl.window, "settings")


def planning(ctl, mother, shoot) -> None:
    """The Planner (strategy, talks, next steps) and Progress (everyone, one person)."""
    from commsdesk.ui.workspace import PLANNER, PROGRESS

    workspace = ctl.window.workspace
    workspace.go_to(PLANNER)
    planner = workspace.sections[PLANNER]
    planner.show_person(mother.id)
    wait(ctl)
    shoot(ctl.window, "planner")
    planner.tabs.setCurrentIndex(1)
    shoot(ctl.window, "planner-talks")
    planner.tabs.setCurrentIndex(2)
    wait(ctl)
    shoot(ctl.window, "planner-next-steps")
    planner.tabs.setCurrentIndex(0)
    workspace.go_to(PROGRESS)
    wait(ctl)
    shoot(ctl.window, "progress")
    workspace.progress_of(mother.id)
    wait(ctl)
    shoot(ctl.window, "progress-person")


def club(ctl, mother, shoot) -> None:
    """The Club: the stories shelf, packs, role-play, drills, the meeting kit."""
    from PySide6.QtWidgets import QTabWidget

    from commsdesk.ui.club.page import MEETINGS, PACKS, PRACTICE, STORIES
    from commsdesk.ui.workspace import CLUB

    workspace = ctl.window.workspace
    workspace.go_to(CLUB)
    page = workspace.sections[CLUB]
    page.tabs.setCurrentIndex(STORIES)
    shoot(ctl.window, "club-stories")
    page.tabs.setCurrentIndex(PACKS)
    shoot(ctl.window, "club-packs")
    page.tabs.setCurrentIndex(PRACTICE)
    practice = page.practice.findChild(QTabWidget)
    practice.setCurrentIndex(0)
    shoot(ctl.window, "club-roleplay")
    practice.setCurrentIndex(1)
    shoot(ctl.window, "club-drills")
    page.tabs.setCurrentIndex(MEETINGS)
    shoot(ctl.window, "club-meeting-kit")


def dialogs(ctl, mother, shoot) -> None:
    """Log a conversation, search, a prep sheet, the review after a talk, a story card, contacts
    from a phone."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from commsdesk.people.vcard import read_phone_export_file
    from commsdesk.ui.club.page import STORIES
    from commsdesk.ui.club.story_dialog import StoryDialog
    from commsdesk.ui.people.phone_import import PhoneImportDialog
    from commsdesk.ui.planner.prep_dialog import PrepDialog
    from commsdesk.ui.planner.review_dialog import ReviewDialog
    from commsdesk.ui.search.dialog import SearchDialog
    from commsdesk.ui.workspace import CLUB, JOURNAL, PLANNER

    workspace = ctl.window.workspace
    dialog = workspace.sections[JOURNAL].log_conversation(mother.id)
    shoot(dialog, "log-conversation")
    dialog.close()
    workspace.search_field.setText("телевизор" if ctl.settings.language == "ru" else "television")
    workspace.open_search()
    search = ctl.window.findChild(SearchDialog)
    QTest.qWait(400)  # the dialog waits for typing to pause, then searches
    wait(ctl)
    QTest.qWait(200)
    shoot(search, "search")
    search.close()
    workspace.search_field.clear()
    workspace.plan_for(mother.id)
    planner = workspace.sections[PLANNER]
    sheet = ctl.vault.repos.prep_sheets.for_contact(mother.id)[0]
    planner._open_prep(sheet.id)
    prep = ctl.window.findChild(PrepDialog)
    shoot(prep, "prep-sheet")
    prep.close()
    pdf_page(planner.sheet_html(sheet.id), shoot)
    planner._open_review(sheet.id)
    review = ctl.window.findChild(ReviewDialog)
    shoot(review, "after-the-talk")
    review.close()
    workspace.go_to(CLUB)
    stories = workspace.sections[CLUB]
    stories.tabs.setCurrentIndex(STORIES)
    stories.stories.choose_person(mother.id)
    stories.stories.make_card()
    wait(ctl)
    card = ctl.window.findChild(StoryDialog)
    shoot(card, "club-story-card")
    card.close()
    sample = ROOT / "tests" / "people" / "data" / "vcard" / "android_21_utf8_qp.vcf"
    phone = PhoneImportDialog(ctl.window, ctl, ctl.vault, read_phone_export_file(sample))
    phone.list.item(0).setCheckState(Qt.CheckState.Checked)
    phone.show()
    shoot(phone, "phone-import")
    phone.close()


def beginning(ctl, home: Path, shoot) -> None:
    """A new, empty vault: the Overview's first card and the first-run guide."""
    from commsdesk.storage import Vault
    from commsdesk.ui.first_run import FirstRunGuide
    from commsdesk.ui.workspace import OVERVIEW

    ctl.settings.vault_path = str(home / "empty.commsdesk")
    ctl.resume_section = OVERVIEW
    ctl.open_vault(Vault.open(home / "empty.commsdesk", PASSPHRASE))
    wait(ctl)
    shoot(ctl.window, "overview-empty")
    guide = FirstRunGuide(ctl, ctl.vault, ctl.window.workspace)
    guide.open()
    shoot(guide, "first-run-guide")
    guide.name.setText("Мама" if ctl.settings.language == "ru" else "Mum")
    guide.next.click()
    shoot(guide, "first-run-guide-small-win")
    guide.close()


def pdf_page(html: str, shoot) -> None:
    """The prep sheet's PDF, first page (pdftoppm from poppler-utils, where installed)."""
    from commsdesk.ui.pdf import write_pdf

    tool = shutil.which("pdftoppm")
    if tool is None:
        return
    pdf = Path(tempfile.mkdtemp()) / "page.pdf"
    write_pdf(html, pdf)
    target = shoot.out / f"{shoot.prefix}prep-sheet-pdf"
    subprocess.run([tool, "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile",  # noqa: S603
                    str(pdf), str(target)], check=True)
    numbered = target.with_name(target.name + "-1.png")  # some versions number even one page
    if numbered.exists():
        numbered.replace(target.with_suffix(".png"))
    shutil.rmtree(pdf.parent, ignore_errors=True)
    print(target.with_suffix(".png"), flush=True)


if __name__ == "__main__":
    sys.exit(main())
