"""Travel mode driven as a user would: Settings → move the vault off this computer; then, on the
start screen, bring it back after the trip."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from commsdesk.demo import populate
from commsdesk.paths import default_vault_path
from commsdesk.storage import Vault
from commsdesk.storage.contacts import ContactFilter
from commsdesk.transfer.json_export import export_document
from commsdesk.ui.settings.dialogs import NewPassphraseDialog, PassphraseDialog
from commsdesk.ui.start.unlock import UnlockPage
from commsdesk.ui.start.welcome import WelcomePage
from commsdesk.ui.workspace import SETTINGS
from conftest import answer, button, choose_file, click, confirm_identity, reauth_dialog
from helpers import PASSPHRASE
from travel_scan import scan

TRIP = "a passphrase for the trip"


def export(vault) -> dict:
    document = export_document(vault)
    document.pop("exported_at")
    return document


def visible(window, kind):
    return next(d for d in window.findChildren(kind) if d.isVisible())


def type_and_ok(qtbot, dialog, *texts: str) -> None:
    fields = [dialog.first, dialog.second] if isinstance(dialog, NewPassphraseDialog) \
        else [dialog.field]
    for field, text in zip(fields, texts, strict=True):
        qtbot.keyClicks(field, text)
    click(qtbot, dialog.buttons.buttons()[0])


def start_trip(qtbot, controller, destination, other: str | None) -> None:
    controller.window.workspace.go_to(SETTINGS)
    panel = controller.window.workspace.sections[SETTINGS].travel_panel
    if other:  # on its box, at the left: the check box is as wide as the panel
        box = panel.other_passphrase
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
        assert box.isChecked()
    click(qtbot, button(panel, "Move the vault off this computer…"))
    choose_file(controller.window, destination)
    if other:
        type_and_ok(qtbot, visible(controller.window, NewPassphraseDialog), other, other)
    box = visible(controller.window, QMessageBox)
    assert "cannot remove" in box.text() and "installed app" in box.text()
    answer(qtbot, controller.window, "Continue")


def test_trip_out_and_back(qtbot, unlocked, tmp_path, private_dirs):
    vault = unlocked.vault
    populate(vault, date(2026, 11, 1))
    before, path = export(vault), vault.path
    people = [c.display_name for c in vault.repos.contacts.list(ContactFilter(archived=None))]
    usb = tmp_path / "usb"
    usb.mkdir()
    start_trip(qtbot, unlocked, usb / "trip.commsdesk", TRIP)
    confirm_identity(qtbot, unlocked.window, PASSPHRASE)
    qtbot.waitUntil(lambda: isinstance(unlocked.window.centralWidget(), WelcomePage), timeout=30_000)
    page = unlocked.window.centralWidget()
    assert "read back and checked" in page.note.text() and "installed app" in page.note.text()
    assert str(path) not in page.note.text()  # the screen names only the backup
    assert unlocked.vault is None and not path.exists()

    unlocked.window.close()  # settings are saved on the way out, as when the user quits
    roots = [tmp_path, *private_dirs.values()]
    assert scan(roots, [str(path.parent), path.name, *people], names=[".commsdesk"],
                skip=[usb]) == []

    unlocked.window.show()
    click(qtbot, button(page, "Bring back a vault after a trip…"))
    choose_file(unlocked.window, usb / "trip.commsdesk")
    type_and_ok(qtbot, visible(unlocked.window, PassphraseDialog), TRIP)
    qtbot.waitUntil(lambda: isinstance(unlocked.window.centralWidget(), UnlockPage), timeout=30_000)
    assert "back" in unlocked.window.centralWidget().error.text()
    assert unlocked.vault_path == default_vault_path()
    with Vault.open(default_vault_path(), TRIP) as back:
        assert export(back) == before


def test_wrong_passphrase_removes_nothing(qtbot, unlocked, tmp_path):
    path = unlocked.vault.path
    (tmp_path / "usb").mkdir()
    start_trip(qtbot, unlocked, tmp_path / "usb" / "trip.commsdesk", None)
    confirm_identity(qtbot, unlocked.window, "not the passphrase")
    dialog = reauth_dialog(unlocked.window)  # asked again, with the reason, nothing started
    assert dialog is not None and dialog.error.isVisible() and not unlocked.tasks.busy
    dialog.reject()
    assert unlocked.vault is not None and path.exists()
    assert not (tmp_path / "usb" / "trip.commsdesk").exists()


def test_backup_beside_the_vault_is_refused(qtbot, unlocked, tmp_path):
    start_trip(qtbot, unlocked, tmp_path / "trip.commsdesk", None)
    confirm_identity(qtbot, unlocked.window, PASSPHRASE)
    qtbot.waitUntil(lambda: unlocked.window.workspace is not None and not unlocked.tasks.busy,
                    timeout=30_000)
    box = visible(unlocked.window, QMessageBox)
    assert "Choose another place" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert unlocked.vault is not None and unlocked.vault.path.exists()
