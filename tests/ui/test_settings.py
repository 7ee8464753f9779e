"""Settings driven as a user would: language, locking, backup, passphrase, emergency kit."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from commsdesk import i18n
from commsdesk.storage import Vault
from commsdesk.ui.settings.dialogs import NewPassphraseDialog, PassphraseDialog
from commsdesk.ui.settings.kit import EmergencyKitDialog
from commsdesk.ui.start.unlock import UnlockPage
from commsdesk.ui.workspace import SETTINGS
from conftest import button, choose_file, click, confirm_identity, settled
from helpers import PASSPHRASE, add_person, add_talk

NEW = "a brand new passphrase"


def settings_page(controller):
    controller.window.workspace.go_to(SETTINGS)
    return controller.window.workspace.sections[SETTINGS]


def idle(qtbot, controller) -> None:
    qtbot.waitUntil(lambda: not controller.tasks.busy, timeout=20_000)


def choose(combo, value) -> None:
    combo.set_value(value)
    combo.activated.emit(combo.currentIndex())


def test_language_switch_rebuilds_and_is_saved(qtbot, unlocked, tmp_path):
    choose(settings_page(unlocked).language, "ru")
    assert i18n.current_language() == "ru"
    assert unlocked.window.workspace.current_index() == SETTINGS  # the same screen, rebuilt
    saved = json.loads((tmp_path / "settings.json").read_text())
    assert saved["language"] == "ru"
    assert "passphrase" not in json.dumps(saved).lower()
    choose(settings_page(unlocked).language, "en")
    assert i18n.current_language() == "en"


def test_auto_lock_minutes_and_discreet_mode(qtbot, unlocked, clock):
    page = settings_page(unlocked)
    choose(page.lock_after, 1)
    assert unlocked.settings.lock_minutes == 1
    page = settings_page(unlocked)
    page.discreet.setChecked(True)
    assert unlocked.settings.discreet_mode
    clock.now += 61
    unlocked.idle.check()
    assert unlocked.vault is None


def test_backup_with_the_same_and_another_passphrase(qtbot, unlocked, tmp_path):
    add_talk(unlocked.vault, add_person(unlocked.vault).id, "заметка")
    panel = settings_page(unlocked).vault_panel
    panel.backup_to(tmp_path / "same.commsdesk")
    idle(qtbot, unlocked)
    assert "Encrypted backup written" in panel.status.text()
    Vault.open(tmp_path / "same.commsdesk", PASSPHRASE).close()
    panel.other_passphrase.setChecked(True)
    click(qtbot, button(panel, "Make a backup…"))
    confirm_identity(qtbot, panel)
    choose_file(panel, tmp_path / "other.commsdesk")
    dialog = panel.findChild(NewPassphraseDialog)
    qtbot.keyClicks(dialog.first, NEW)
    qtbot.keyClicks(dialog.second, NEW)
    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    idle(qtbot, unlocked)
    with Vault.open(tmp_path / "other.commsdesk", NEW) as copy:
        assert copy.repos.conversations.count() == 1


def test_integrity_check(qtbot, unlocked):
    panel = settings_page(unlocked).vault_panel
    panel.check_integrity()
    idle(qtbot, unlocked)
    assert "The vault is intact." in panel.status.text()


def test_change_passphrase(qtbot, unlocked):
    add_person(unlocked.vault, "Мама")
    panel = settings_page(unlocked).vault_panel
    click(qtbot, button(panel, "Change passphrase…"))
    confirm_identity(qtbot, panel)
    dialog = panel.findChild(NewPassphraseDialog)
    assert dialog.level is not None and dialog.level.value() == unlocked.vault.kdf_level.id
    qtbot.keyClicks(dialog.first, NEW)
    qtbot.keyClicks(dialog.second, "different")
    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    assert "differ" in dialog.error.text()
    dialog.second.clear()
    qtbot.keyClicks(dialog.second, NEW)
    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    idle(qtbot, unlocked)
    assert unlocked.window.workspace is not None
    assert unlocked.window.workspace.current_index() == SETTINGS
    assert [c.display_name for c in unlocked.vault.repos.contacts.list()] == ["Мама"]
    path = unlocked.vault_path
    unlocked.lock()
    Vault.open(path, NEW).close()


def test_emergency_kit_and_restore_with_the_recovery_phrase(qtbot, unlocked, tmp_path):
    add_talk(unlocked.vault, add_person(unlocked.vault, "Мама").id, "до резервной копии")
    panel = settings_page(unlocked).vault_panel
    kit_path = tmp_path / "kit.commsdesk"
    click(qtbot, button(panel, "Make an emergency kit…"))
    confirm_identity(qtbot, panel)
    choose_file(panel, kit_path)
    idle(qtbot, unlocked)
    kit = panel.findChild(EmergencyKitDialog)
    phrase = kit.phrase_label.text()
    assert len(phrase) == 29
    assert phrase in kit.kit_document().toPlainText()
    assert "до резервной" not in kit.kit_document().toPlainText()
    Vault.open(kit_path, phrase).close()
    # The copy button puts the phrase on the clipboard, and locking clears it.
    unlocked.clipboard.copy(phrase)
    assert QGuiApplication.clipboard().text() == phrase
    # Forgot the passphrase? Restore the kit, typing the phrase back carelessly.
    unlocked.vault.repos.contacts.delete(unlocked.vault.repos.contacts.list()[0].id)
    unlocked.restore_backup(kit_path, phrase.lower().replace("-", " "))
    idle(qtbot, unlocked)
    assert QGuiApplication.clipboard().text() == ""
    page = unlocked.window.centralWidget()
    assert isinstance(page, UnlockPage) and "Restored" in page.error.text()
    with Vault.open(unlocked.vault_path, phrase) as restored:
        assert restored.repos.conversations.count() == 1


def test_restore_with_a_wrong_passphrase_changes_nothing(qtbot, unlocked, tmp_path):
    panel = settings_page(unlocked).vault_panel
    panel.backup_to(tmp_path / "b.commsdesk")
    idle(qtbot, unlocked)
    panel._restore_chosen(tmp_path / "b.commsdesk")
    dialog = panel.findChild(PassphraseDialog)
    assert dialog is not None
    unlocked.lock()
    assert unlocked.wait_closed(30)  # the vault closes on the worker after the lock screen
    before = unlocked.vault_path.read_bytes()
    unlocked.restore_backup(tmp_path / "b.commsdesk", "wrong wrong wrong")
    idle(qtbot, unlocked)
    page = unlocked.window.centralWidget()
    assert isinstance(page, UnlockPage) and "Wrong passphrase" in page.error.text()
    assert unlocked.vault_path.read_bytes() == before


def test_purge_history(qtbot, unlocked):
    person = add_person(unlocked.vault)
    talk = add_talk(unlocked.vault, person.id, "old")
    talk.notes = "new"
    unlocked.vault.repos.conversations.update(talk)
    panel = settings_page(unlocked).vault_panel
    panel.purge_history()
    from PySide6.QtWidgets import QMessageBox

    box = panel.findChild(QMessageBox)
    qtbot.mouseClick(box.buttons()[0] if box.buttonRole(box.buttons()[0]) ==
                     QMessageBox.ButtonRole.AcceptRole else box.buttons()[1],
                     Qt.MouseButton.LeftButton)
    settled(qtbot, unlocked)
    assert unlocked.vault.repos.history.count() == 0
    assert "erased" in panel.status.text()
