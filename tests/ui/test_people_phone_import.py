"""Contacts from a phone: pick three people from a real-looking Android export; only names come in
unless phone numbers are asked for."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from commsdesk.people.vcard import read_phone_export_file
from commsdesk.storage.contacts import ContactFilter
from commsdesk.ui.people.phone_import import PhoneImportDialog
from commsdesk.ui.workspace import PEOPLE
from conftest import settled
from helpers import ROOT

ANDROID = ROOT / "tests" / "people" / "data" / "vcard" / "android_21_utf8_qp.vcf"


def people_page(unlocked):
    workspace = unlocked.window.workspace
    workspace.go_to(PEOPLE)
    return workspace.sections[PEOPLE]


def open_import(qtbot, unlocked, page, path):
    qtbot.mouseClick(next(b for b in page.findChildren(QPushButton)
                          if b.text() == "Import from a phone…"), Qt.MouseButton.LeftButton)
    chooser = next(d for d in page.findChildren(QFileDialog) if d.isVisible())
    chooser.selectFile(str(path))
    chooser.accept()
    def shown():
        return [d for d in page.findChildren(PhoneImportDialog) if d.isVisible()]

    qtbot.waitUntil(lambda: bool(shown()), timeout=10_000)
    return shown()[0]


def test_import_three_contacts_names_only(qtbot, unlocked):
    expected = [c.name for c in read_phone_export_file(ANDROID).contacts][:3]
    assert any(any("\u0400" <= ch <= "\u04ff" for ch in name) for name in expected)  # Cyrillic
    page = people_page(unlocked)
    dialog = open_import(qtbot, unlocked, page, ANDROID)
    assert not dialog.import_button.isEnabled()  # nobody is chosen for the user
    for row in range(3):
        dialog.list.item(row).setCheckState(Qt.CheckState.Checked)
    assert "3 people chosen" in dialog.status.text()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    settled(qtbot, unlocked)
    stored = unlocked.vault.repos.contacts.list(ContactFilter(archived=None))
    assert sorted(c.display_name for c in stored) == sorted(expected)
    assert all(c.phones == [] and c.address == "" for c in stored)
    assert page.model.rowCount() == 3


def test_phone_numbers_only_when_ticked_and_known_people_are_marked(qtbot, unlocked):
    page = people_page(unlocked)
    first = open_import(qtbot, unlocked, page, ANDROID)
    first.list.item(0).setCheckState(Qt.CheckState.Checked)
    first.with_phones.setChecked(True)
    qtbot.mouseClick(first.import_button, Qt.MouseButton.LeftButton)
    settled(qtbot, unlocked)
    [person] = unlocked.vault.repos.contacts.list()
    assert person.phones and person.phones[0].startswith("+7") and person.address == ""
    again = open_import(qtbot, unlocked, page, ANDROID)
    assert "(already in your list)" in again.list.item(0).text()


def test_a_file_that_is_not_a_vcard_gets_a_clear_message(qtbot, unlocked, tmp_path):
    bad = tmp_path / "photo.vcf"
    bad.write_bytes(b"\xff\xd8\xff\xe0 not contacts")
    page = people_page(unlocked)
    qtbot.mouseClick(next(b for b in page.findChildren(QPushButton)
                          if b.text() == "Import from a phone…"), Qt.MouseButton.LeftButton)
    chooser = next(d for d in page.findChildren(QFileDialog) if d.isVisible())
    chooser.selectFile(str(bad))
    chooser.accept()
    qtbot.waitUntil(lambda: any(b.isVisible() for b in page.findChildren(QMessageBox)), timeout=10_000)
    box = next(b for b in page.findChildren(QMessageBox) if b.isVisible())
    assert box.text() and "Traceback" not in box.text()
    assert unlocked.vault.repos.contacts.count(ContactFilter(archived=None)) == 0
