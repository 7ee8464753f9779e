"""The Club's story cards and content packs, driven as a user would, checked in the vault."""

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from commsdesk.club.pack_signing import generate_signing_key, raw_public_key
from commsdesk.club.packs import PackStatus, build_pack, sign_pack
from commsdesk.club.shelf import installed_packs, kept_cards
from commsdesk.club.stories import read_card
from commsdesk.domain import Relationship
from commsdesk.paths import resources_dir
from commsdesk.ui.club.page import PACKS, STORIES
from commsdesk.ui.club.story_dialog import StoryDialog
from commsdesk.ui.workspace import CLUB, LIBRARY
from conftest import answer, button, choose_file, click, confirm_identity, settled, type_text
from helpers import add_person, add_talk

EXAMPLE = resources_dir() / "packs" / "example"






def club(unlocked, tab: int):
    workspace = unlocked.window.workspace
    workspace.go_to(CLUB)
    page = workspace.sections[CLUB]
    page.tabs.setCurrentIndex(tab)
    return page






def test_make_and_export_an_anonymized_story_card(qtbot, unlocked, tmp_path):
    masha = add_person(unlocked.vault, "Маша", region="Тверь")
    add_talk(unlocked.vault, masha.id, "Звонила Маше в Тверь, спросила про цены.",
             when=datetime(2026, 9, 1, 19))
    add_talk(unlocked.vault, masha.id, "Маша сама спросила, почему я уехала.",
             when=datetime(2026, 11, 20, 19))
    tab = club(unlocked, STORIES).stories
    tab.choose_person(masha.id)
    click(qtbot, button(tab, "Make a story card…"))
    qtbot.waitUntil(lambda: tab.findChild(StoryDialog) is not None, timeout=10_000)
    dialog = tab.findChild(StoryDialog)
    story = dialog.boxes["story"][1]
    assert "Маш" not in story.toPlainText() and "Твер" not in story.toPlainText()
    story.moveCursor(story.textCursor().MoveOperation.End)
    type_text(qtbot, story, " Потом Маша перезвонила.")
    assert dialog.flags.count() == 1 and "Маша" in dialog.flags.item(0).text()  # typed back: flagged
    click(qtbot, button(dialog, "Replace all"))
    assert dialog.flags.count() == 0 and "Маша" not in story.toPlainText()
    dialog.title.clear()
    type_text(qtbot, dialog.title, "Четыре месяца с мамой")
    click(qtbot, dialog.export_button)
    confirm_identity(qtbot, dialog)
    target = tmp_path / "mother.cdstory.json"
    choose_file(dialog, target)
    card = read_card(target.read_bytes(), target.name)
    assert card.title == "Четыре месяца с мамой" and card.relationship == Relationship.MOTHER
    assert "Тверь" not in target.read_text("utf-8") and "Маше" not in target.read_text("utf-8")
    assert (tmp_path / "mother.md").read_text("utf-8").startswith("# Четыре месяца с мамой")
    assert target.stat().st_mode & 0o077 == 0  # readable by the user only


def test_a_russian_draft_shows_replacements_declined_to_their_case(qtbot, unlocked):
    """Issue 11: «с Ниной Сергеевной» becomes «с мамой», not «с моя мама»; unknown names and towns go too."""
    from commsdesk import i18n

    mother = add_person(unlocked.vault, "Нина Сергеевна", region="Саратовская область")
    add_talk(unlocked.vault, mother.id, "Соседка Галина Петровна из Воронежа передала привет Нине Сергеевне.",
             when=datetime(2026, 9, 1, 19))
    add_talk(unlocked.vault, mother.id,
             "Поговорил с Ниной Сергеевной о повестке, живёт в Саратовской области.",
             when=datetime(2026, 11, 20, 19))
    tab = club(unlocked, STORIES).stories
    tab.choose_person(mother.id)
    i18n.set_language("ru")  # the card is written in the language of the app when it is drafted
    try:
        click(qtbot, button(tab, "Make a story card…"))
        qtbot.waitUntil(lambda: tab.findChild(StoryDialog) is not None, timeout=10_000)
    finally:
        i18n.set_language("en")
    story = tab.findChild(StoryDialog).boxes["story"][1].toPlainText()
    assert "Соседка из одного из городов передала привет маме." in story
    assert "Поговорил с мамой о повестке, живёт в одном из регионов России." in story
    assert not any(secret in story for secret in ("Нин", "Галин", "Петровн", "Воронеж", "Саратов", "**"))


def test_import_story_cards_to_the_shelf_and_search_them(qtbot, unlocked, tmp_path):
    from commsdesk.club.stories import StoryCard, export_card

    good = tmp_path / "good.cdstory.json"
    good.write_bytes(export_card(StoryCard("Grandmother and the radio", Relationship.GRANDPARENT,
                                           "en", story="She switched the radio off herself.")))
    bad = tmp_path / "bad.cdstory.json"
    bad.write_bytes(b'{"format": "commsdesk-story", "version": 1, "title": 5}')
    tab = club(unlocked, STORIES).stories
    type_text(qtbot, tab.club, "Tbilisi")
    tab.import_files([good, bad])
    settled(qtbot, unlocked)
    box = next(b for b in tab.findChildren(QMessageBox) if b.isVisible())
    assert "1 story card added" in box.text() and "bad.cdstory.json" in box.text()
    box.close()
    [(_row, card)] = kept_cards(unlocked.vault)
    assert card.title == "Grandmother and the radio" and card.source.club == "Tbilisi"
    assert tab.shelf.count() == 1 and "radio" in tab.reader.toPlainText()
    type_text(qtbot, tab.search, "radios")
    assert tab.shelf.count() == 1
    tab.search.clear()
    type_text(qtbot, tab.search, "television")
    assert tab.shelf.count() == 0


def test_import_a_pack_confirm_it_and_read_its_article_in_the_library(qtbot, unlocked, tmp_path):
    key = generate_signing_key()
    path = tmp_path / "example.cdpack"
    path.write_bytes(sign_pack(build_pack(EXAMPLE), key))
    page = club(unlocked, PACKS)
    tab = page.packs
    click(qtbot, button(tab, "Import a pack…"))
    choose_file(tab, path)
    settled(qtbot, unlocked)
    assert unlocked.vault.repos.content_packs.all() == []  # not before the user agrees
    answer(qtbot, tab, "Import anyway")
    settled(qtbot, unlocked)
    [installed] = installed_packs(unlocked.vault)
    assert installed.pack.status is PackStatus.UNKNOWN_SIGNER and tab.list.count() == 1
    assert "Signed by an unknown key" in tab.list.item(0).text()
    click(qtbot, tab.trust_button)
    answer(qtbot, tab, "Trust")
    settled(qtbot, unlocked)
    assert unlocked.vault.repos.trusted_keys.all() == [raw_public_key(key)]
    assert "Signed by a key you trust" in tab.list.item(0).text()
    click(qtbot, tab.read_button)
    workspace = unlocked.window.workspace
    assert workspace.current_index() == LIBRARY
    reader = workspace.sections[LIBRARY].reader
    assert reader.info.id == "pack:example-first-talks/after-a-pause"
    assert "Первые разговоры после паузы" in reader.meta.text()
    assert "Дочь:" in reader.browser.toPlainText()


def test_a_tampered_pack_is_rejected_and_an_unsigned_one_needs_a_yes(qtbot, unlocked, tmp_path):
    data = bytearray(sign_pack(build_pack(EXAMPLE), generate_signing_key()))
    data[len(data) // 2] ^= 0x01
    tampered = tmp_path / "tampered.cdpack"
    tampered.write_bytes(bytes(data))
    tab = club(unlocked, PACKS).packs
    tab.import_file(tampered)
    settled(qtbot, unlocked)
    box = next(b for b in tab.findChildren(QMessageBox) if b.isVisible())
    assert box.icon() == QMessageBox.Icon.Warning
    box.close()
    unsigned = tmp_path / "unsigned.cdpack"
    unsigned.write_bytes(build_pack(EXAMPLE))
    tab.import_file(unsigned)
    settled(qtbot, unlocked)
    box = next(b for b in tab.findChildren(QMessageBox) if b.isVisible())
    assert "Nobody signed this pack" in box.text()
    answer(qtbot, tab, "Cancel")
    assert unlocked.vault.repos.content_packs.all() == []
    tab.import_file(unsigned)
    settled(qtbot, unlocked)
    answer(qtbot, tab, "Import anyway")
    settled(qtbot, unlocked)
    assert installed_packs(unlocked.vault)[0].pack.status is PackStatus.UNSIGNED
    tab.list.setCurrentRow(0)
    click(qtbot, tab.remove_button)
    answer(qtbot, tab, "Remove")
    settled(qtbot, unlocked)
    assert unlocked.vault.repos.content_packs.all() == []


def test_locking_while_a_story_draft_is_made_leaves_nothing_open(qtbot, unlocked):
    from PySide6.QtWidgets import QApplication

    from commsdesk.ui.widgets import VAULT_DATA
    from conftest import flush_deletes

    masha = add_person(unlocked.vault, "Маша")
    add_talk(unlocked.vault, masha.id, "Маша спросила, как я живу.", when=datetime(2026, 11, 2, 19))
    tab = club(unlocked, STORIES).stories
    tab.choose_person(masha.id)
    click(qtbot, button(tab, "Make a story card…"))
    unlocked.lock()
    unlocked.tasks.wait()
    QApplication.processEvents()
    flush_deletes()
    assert not [w for w in QApplication.allWidgets() if w.property(VAULT_DATA)]


def test_cancelling_a_story_card_with_edits_asks_first(qtbot, unlocked):
    masha = add_person(unlocked.vault, "Маша")
    add_talk(unlocked.vault, masha.id, "Маша спросила, почему я уехала.", when=datetime(2026, 11, 20, 19))
    tab = club(unlocked, STORIES).stories
    tab.choose_person(masha.id)
    click(qtbot, button(tab, "Make a story card…"))
    qtbot.waitUntil(lambda: tab.findChild(StoryDialog) is not None, timeout=10_000)
    dialog = tab.findChild(StoryDialog)
    tip = dialog.boxes["tip"][1]
    type_text(qtbot, tip, "Спрашивать, а не спорить.")
    click(qtbot, button(dialog, "Cancel"))
    assert dialog.isVisible()
    answer(qtbot, dialog, "Keep editing")
    assert dialog.isVisible() and tip.toPlainText() == "Спрашивать, а не спорить."
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    answer(qtbot, dialog, "Discard changes")
    assert not dialog.isVisible()
    # Nothing typed: Cancel closes at once.
    click(qtbot, button(tab, "Make a story card…"))
    qtbot.waitUntil(lambda: any(d.isVisible() for d in tab.findChildren(StoryDialog)), timeout=10_000)
    fresh = next(d for d in tab.findChildren(StoryDialog) if d.isVisible())
    click(qtbot, button(fresh, "Cancel"))
    assert not fresh.isVisible() and not any(b.isVisible() for b in fresh.findChildren(QMessageBox))
