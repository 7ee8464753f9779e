"""Acceptance 1 of the desktop app: each daily flow driven as a user would, checked in the vault."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from commsdesk import i18n
from commsdesk.storage import Vault
from commsdesk.ui.journal.dialog import ConversationDialog
from commsdesk.ui.start.create import CreatePage
from commsdesk.ui.start.unlock import UnlockPage
from commsdesk.ui.start.welcome import WelcomePage
from commsdesk.ui.widgets import VAULT_DATA
from commsdesk.ui.workspace import JOURNAL, OVERVIEW, PEOPLE
from conftest import button, flush_deletes, settled, type_text
from helpers import PASSPHRASE, add_person, add_talk, as_before_v8


def idle(qtbot, controller) -> None:
    qtbot.waitUntil(lambda: not controller.tasks.busy, timeout=20_000)


def test_first_run_creates_a_vault(qtbot, controller):
    window = controller.window
    assert isinstance(window.centralWidget(), WelcomePage)
    assert window.windowTitle() == "CommsDesk"
    qtbot.mouseClick(button(window.centralWidget(), "Create my vault"), Qt.MouseButton.LeftButton)
    page = window.centralWidget()
    assert isinstance(page, CreatePage)
    qtbot.keyClicks(page.first, "short")
    qtbot.keyClicks(page.second, "short")
    qtbot.mouseClick(page.submit, Qt.MouseButton.LeftButton)
    assert page.error.isVisible() and "at least 8" in page.error.text()
    page.first.clear()
    page.second.clear()
    type_text(qtbot, page.first, "четыре случайных слова рядом")
    assert page.meter.value() >= 3
    type_text(qtbot, page.second, "четыре случайных слова рядом")
    qtbot.keyClick(page.second, Qt.Key.Key_Return)
    idle(qtbot, controller)
    assert window.workspace is not None and controller.vault is not None
    assert controller.vault_path.is_file()
    controller.lock()
    Vault.open(controller.vault_path, "четыре случайных слова рядом").close()


def test_unlock_with_wrong_then_right_passphrase(qtbot, controller, make_vault):
    make_vault(controller.vault_path).close()
    controller.window.show_start()
    page = controller.window.centralWidget()
    assert isinstance(page, UnlockPage)
    qtbot.keyClicks(page.passphrase, "not my passphrase")
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    idle(qtbot, controller)
    assert page.error.isVisible() and "Wrong passphrase" in page.error.text()
    assert page.passphrase.text() == ""
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    idle(qtbot, controller)
    assert controller.window.workspace is not None


def test_add_and_edit_a_person(qtbot, unlocked):
    workspace = unlocked.window.workspace
    workspace.go_to(PEOPLE)
    people = workspace.sections[PEOPLE]
    qtbot.mouseClick(button(people, "New person"), Qt.MouseButton.LeftButton)
    form = people.form
    type_text(qtbot, form.name, "Тётя Оля")
    form.relationship.setCurrentIndex(form.relationship.findText("Other relative"))
    type_text(qtbot, form.tags, "семья, школа")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    settled(qtbot, unlocked)
    [stored] = unlocked.vault.repos.contacts.list()
    assert stored.display_name == "Тётя Оля" and stored.tags == ["семья", "школа"]
    assert people.model.rowCount() == 1
    type_text(qtbot, form.region, "Поволжье")
    form.stay.setValue(3)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    settled(qtbot, unlocked)
    again = unlocked.vault.repos.contacts.get(stored.id)
    assert again.region == "Поволжье" and again.stay_in_touch_weeks == 3


def test_log_a_conversation_with_observations(qtbot, unlocked):
    person = add_person(unlocked.vault, "Мама")
    workspace = unlocked.window.workspace
    workspace.go_to(OVERVIEW)
    qtbot.keyClick(workspace, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = unlocked.window.findChild(ConversationDialog)
    assert dialog is not None and dialog.person.value() == person.id
    qtbot.keyClicks(dialog.notes, "Talked about prices and the news.")
    qtbot.keyClicks(dialog.topics, "prices, news")
    row = dialog.observations.rows[0]
    row.value.setValue(7)
    qtbot.keyClicks(row.evidence, "'I don't trust anyone now'")
    dialog.follow_up.setChecked(True)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    dialog.notes.setFocus()
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settled(qtbot, unlocked)
    [talk] = unlocked.vault.repos.conversations.list()
    assert talk.notes == "Talked about prices and the news." and talk.topics == ["prices", "news"]
    assert talk.follow_up_on is not None
    [obs] = unlocked.vault.repos.observations.for_conversation(talk.id)
    assert obs.value == 7 and obs.evidence == "'I don't trust anyone now'"
    assert workspace.current_index() == OVERVIEW  # logged over the Overview, which stays
    workspace.go_to(JOURNAL)
    assert workspace.sections[JOURNAL].model.rowCount() == 1


def test_unsaved_conversation_is_kept_as_a_draft_in_the_vault(qtbot, unlocked):
    add_person(unlocked.vault, "Мама")
    journal = unlocked.window.workspace.sections[JOURNAL]
    dialog = journal.log_conversation()
    qtbot.keyClicks(dialog.notes, "half-written note")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    settled(qtbot, unlocked)
    assert unlocked.vault.repos.drafts.load("conversation")["notes"] == "half-written note"
    again = journal.log_conversation()
    assert again.notes.toPlainText() == "half-written note" and again.draft_note.isVisible()


def test_edit_keeps_earlier_versions(qtbot, unlocked):
    person = add_person(unlocked.vault)
    talk = add_talk(unlocked.vault, person.id, "first version")
    journal = unlocked.window.workspace.sections[JOURNAL]
    dialog = journal.edit_conversation(talk.id)
    dialog.notes.setPlainText("second version")
    dialog.save()
    settled(qtbot, unlocked)
    assert unlocked.vault.repos.conversations.get(talk.id).notes == "second version"
    [version] = unlocked.vault.repos.history.versions("conversation", talk.id)
    assert version.text == "first version"


def test_search_and_open_a_hit(qtbot, unlocked):
    from commsdesk.ui.search.dialog import SearchDialog

    person = add_person(unlocked.vault, "Папа")
    talk = add_talk(unlocked.vault, person.id, "Papa mentioned the sanctions and prices")
    workspace = unlocked.window.workspace
    qtbot.keyClicks(workspace.search_field, "sanction")
    qtbot.keyClick(workspace.search_field, Qt.Key.Key_Return)
    dialog = unlocked.window.findChild(SearchDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=10_000)
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: unlocked.window.findChild(ConversationDialog) is not None,
                    timeout=10_000)
    opened = unlocked.window.findChild(ConversationDialog)
    assert opened.editing.id == talk.id
    assert workspace.current_index() == JOURNAL


def test_follow_up_appears_on_overview(qtbot, unlocked):
    person = add_person(unlocked.vault, "Бабушка")
    add_talk(unlocked.vault, person.id, "call back about the doctor",
             when=datetime(2026, 10, 1, 12), follow_up_on=date.today())
    unlocked.notify_changed()  # what an operation announces after it writes
    workspace = unlocked.window.workspace
    workspace.go_to(OVERVIEW)
    idle(qtbot, unlocked)
    due = workspace.sections[OVERVIEW].due.list
    texts = [due.item(i).text() for i in range(due.count())]
    assert any("Бабушка" in t and "follow up" in t for t in texts)


def _vault_widgets() -> list:
    return [w for w in QApplication.allWidgets() if w.property(VAULT_DATA)]


def test_auto_lock_fires_and_leaves_no_data_widget(qtbot, unlocked, clock):
    person = add_person(unlocked.vault, "Мама")
    add_talk(unlocked.vault, person.id, "note")
    workspace = unlocked.window.workspace
    workspace.go_to(PEOPLE)
    workspace.sections[PEOPLE].show_person(person.id)
    workspace.sections[JOURNAL].log_conversation(person.id)
    unlocked.clipboard.copy("copied from a note")
    assert _vault_widgets()
    clock.now += 4 * 60
    unlocked.idle.check()
    assert unlocked.vault is not None  # not yet: 4 of 5 minutes
    clock.now += 61
    with qtbot.waitSignal(unlocked.locked, timeout=5000):
        unlocked.idle.check()
    flush_deletes()
    assert unlocked.vault is None
    assert isinstance(unlocked.window.centralWidget(), UnlockPage)
    assert _vault_widgets() == []
    assert QGuiApplication.clipboard().text() == ""
    # Unlocking brings the user back to the section they were on.
    page = unlocked.window.centralWidget()
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    idle(qtbot, unlocked)
    assert unlocked.window.workspace.current_index() == PEOPLE


def test_waking_from_sleep_past_the_timeout_locks_at_once(unlocked, clock):
    clock.now += 8 * 3600  # the laptop slept for a night
    unlocked.idle.check()
    assert unlocked.vault is None


def test_lock_shortcut_and_clipboard_left_alone_if_changed(qtbot, unlocked):
    unlocked.clipboard.copy("from the app")
    QGuiApplication.clipboard().setText("the user copied something else")
    qtbot.keyClick(unlocked.window.workspace, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert unlocked.vault is None
    assert QGuiApplication.clipboard().text() == "the user copied something else"


def test_switch_language(qtbot, unlocked):
    unlocked.apply_language("ru")
    workspace = unlocked.window.workspace
    assert i18n.current_language() == "ru"
    assert workspace.nav.item(0).text() == "Обзор"
    assert unlocked.settings.language == "ru"
    unlocked.apply_language("en")
    assert unlocked.window.workspace.nav.item(0).text() == "Overview"


def test_reminder_notification_hides_names_unless_opted_in(qtbot, unlocked):
    person = add_person(unlocked.vault, "Мама")
    add_talk(unlocked.vault, person.id, "x", follow_up_on=date.today())
    from commsdesk.journal.overview import due_items

    due = due_items(unlocked.vault, date.today(), horizon_days=0)
    text = unlocked.notifier.notify(due)
    assert text == "1 follow-up is due." and "Мама" not in text
    assert unlocked.notifier.notify(due) == ""  # told once
    unlocked.notifier.shown.clear()
    unlocked.settings.notify_with_text = True
    assert "Мама" in unlocked.notifier.notify(due)
    unlocked.notifier.shown.clear()
    unlocked.notifier.check()  # the same, found in the background
    idle(qtbot, unlocked)
    assert "Мама" in unlocked.notifier.last_message


def test_session_lock_signal_locks_the_vault(unlocked):
    watcher = unlocked._screen_lock
    assert watcher is not None  # listening or not, depending on the machine's session bus
    watcher.on_active(False)
    assert unlocked.vault is not None
    watcher.on_active(True)
    assert unlocked.vault is None


def test_archive_and_find_an_archived_person(qtbot, unlocked):
    person = add_person(unlocked.vault, "Костя")
    workspace = unlocked.window.workspace
    workspace.go_to(PEOPLE)
    people = workspace.sections[PEOPLE]
    people.show_person(person.id)
    qtbot.mouseClick(people.archive_button, Qt.MouseButton.LeftButton)
    settled(qtbot, unlocked)
    assert unlocked.vault.repos.contacts.get(person.id).archived
    assert people.archived.isChecked() and people.model.rowCount() == 1
    qtbot.mouseClick(people.archive_button, Qt.MouseButton.LeftButton)
    settled(qtbot, unlocked)
    assert not unlocked.vault.repos.contacts.get(person.id).archived


def test_delete_a_person_and_undo(qtbot, unlocked):
    from PySide6.QtWidgets import QMessageBox

    person = add_person(unlocked.vault, "Удалить")
    add_talk(unlocked.vault, person.id, "заметка")
    workspace = unlocked.window.workspace
    workspace.go_to(PEOPLE)
    people = workspace.sections[PEOPLE]
    people.show_person(person.id)
    qtbot.mouseClick(people.delete_button, Qt.MouseButton.LeftButton)
    box = people.findChild(QMessageBox)
    yes = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    settled(qtbot, unlocked)
    assert unlocked.vault.repos.contacts.count() == 0
    assert people.undo_bar.isVisible()
    qtbot.mouseClick(button(people.undo_bar, "Undo"), Qt.MouseButton.LeftButton)
    settled(qtbot, unlocked)
    assert unlocked.vault.repos.contacts.count() == 1
    assert unlocked.vault.repos.conversations.count() == 1


def test_copied_text_is_cleared_after_its_time(qtbot, unlocked):
    unlocked.clipboard.copy("a phrase from the app", seconds=0)
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "", timeout=2000)
    unlocked.clipboard.copy("again", seconds=0)
    QGuiApplication.clipboard().setText("the user's own text")
    qtbot.wait(50)
    assert QGuiApplication.clipboard().text() == "the user's own text"


def test_unlocked_objects_are_frozen_for_the_collector_and_freed_at_lock(unlocked):
    import gc

    assert gc.get_freeze_count() > 0  # the workspace is not re-walked by every full collection
    unlocked.lock()
    assert gc.get_freeze_count() == 0


def test_unlocking_an_old_vault_shows_the_index_being_rebuilt(qtbot, controller, make_vault):
    """The one-time rebuild runs on the unlock worker; the page shows how far it is."""
    import threading

    from commsdesk.storage import search_index

    vault = make_vault(controller.vault_path)
    talk = add_talk(vault, add_person(vault).id, "Поговорили с матерью")
    vault.close()
    as_before_v8(controller.vault_path)
    halfway, go_on = threading.Event(), threading.Event()
    rebuild = search_index.Search.rebuild

    def slow_rebuild(self, progress=None):
        progress(1, 2)
        halfway.set()
        go_on.wait(20)
        rebuild(self, progress)

    search_index.Search.rebuild = slow_rebuild
    try:
        controller.window.show_start()
        page = controller.window.centralWidget()
        assert isinstance(page, UnlockPage)
        qtbot.keyClicks(page.passphrase, PASSPHRASE)
        qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: halfway.is_set() and page.busy_note.isVisible(), timeout=20_000)
        assert "50%" in page.busy_note.text() and "search index" in page.busy_note.text()
        assert page.busy.maximum() == 2 and page.busy.value() == 1
        go_on.set()
        qtbot.waitUntil(lambda: controller.vault is not None, timeout=20_000)
    finally:
        go_on.set()
        search_index.Search.rebuild = rebuild
    assert [h.ref for h in controller.vault.repos.search.run("мать")] == [talk.id]
