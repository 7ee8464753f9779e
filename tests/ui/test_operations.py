"""The one operation runner (issue 12 §1): worker, standard failure message, busy pointer,
changes announced, nothing applied after a lock and nothing asked for lost to it; the window
reads while a worker writes."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from commsdesk.domain import Contact
from commsdesk.domain.changes import Change
from commsdesk.journal.log import DRAFT
from commsdesk.people.contacts import save_person
from commsdesk.storage import Vault, errors
from commsdesk.ui.journal.dialog import ConversationDialog
from commsdesk.ui.tasks import Operation
from commsdesk.ui.workspace import JOURNAL, PEOPLE
from conftest import answer, settled
from helpers import PASSPHRASE, add_person, add_talk

WAIT = 20.0  # only reached when the code under test is wrong


def blocked_op(controller, started: threading.Event, release: threading.Event, *, in_transaction=False):
    vault = controller.vault

    def work():
        if in_transaction:
            with vault.transaction():
                vault.repos.contacts.add(Contact("Пишется долго"))
                started.set()
                release.wait(WAIT)
        else:
            started.set()
            release.wait(WAIT)
        return "done"

    return work


def message_boxes():
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def test_a_failure_nobody_handles_is_shown_in_the_standard_message(qtbot, unlocked):
    def refused():
        raise errors.VaultReadOnly(reason="the disk is full")

    Operation(refused, changes={Change.CONTACTS}).run(unlocked.tasks)
    qtbot.waitUntil(lambda: bool(message_boxes()), timeout=10_000)
    [box] = message_boxes()
    assert errors.describe(errors.VaultReadOnly(reason="the disk is full")) == box.text()
    assert box.icon() == QMessageBox.Icon.Warning
    box.close()


def test_the_pointer_is_busy_while_an_operation_runs(qtbot, unlocked):
    started, release = threading.Event(), threading.Event()
    Operation(blocked_op(unlocked, started, release)).run(unlocked.tasks)
    try:
        assert started.wait(10)
        assert unlocked.window.cursor().shape() == Qt.CursorShape.BusyCursor
    finally:
        release.set()
    settled(qtbot, unlocked)
    assert unlocked.window.cursor().shape() != Qt.CursorShape.BusyCursor


def test_changes_are_announced_and_the_section_showing_them_reloads(qtbot, unlocked):
    workspace = unlocked.window.workspace
    workspace.go_to(PEOPLE)
    people = workspace.sections[PEOPLE]
    assert people.model.rowCount() == 0
    vault = unlocked.vault
    with qtbot.waitSignal(unlocked.vault_changed, timeout=10_000) as announced:
        Operation(lambda: save_person(vault, Contact("Сестра")), changes={Change.CONTACTS}) \
            .run(unlocked.tasks)
    assert announced.args == [frozenset({Change.CONTACTS})]
    assert people.model.rowCount() == 1  # nobody called a refresh by hand


def test_a_result_arriving_after_the_lock_reaches_no_widget_but_the_write_stays(qtbot, unlocked):
    path = unlocked.vault.path
    started, release = threading.Event(), threading.Event()
    results, failures = [], []
    Operation(blocked_op(unlocked, started, release, in_transaction=True), changes={Change.CONTACTS}) \
        .success(results.append).failure(failures.append).run(unlocked.tasks)
    assert started.wait(10)
    unlocked.lock()  # the UI thread does not wait for the transaction
    assert unlocked.vault is None
    release.set()
    unlocked.tasks.wait()
    QApplication.processEvents()
    assert results == [] and failures == []
    assert unlocked.wait_closed(30)
    with Vault.open(path, PASSPHRASE) as again:
        assert list(again.repos.contacts.names().values()) == ["Пишется долго"]


def test_an_operation_queued_at_the_lock_still_writes_before_the_vault_closes(qtbot, unlocked):
    path, vault = unlocked.vault.path, unlocked.vault
    started, release = threading.Event(), threading.Event()
    Operation(blocked_op(unlocked, started, release)).run(unlocked.tasks)
    assert started.wait(10)
    queued = []
    Operation(lambda: save_person(vault, Contact("Сохранить до замка")), changes={Change.CONTACTS}) \
        .success(queued.append).run(unlocked.tasks)
    unlocked.lock()
    assert unlocked.wait_closed(30)  # the closing worker wrote it, then closed
    release.set()
    unlocked.tasks.wait()
    QApplication.processEvents()
    assert queued == [] and not message_boxes()
    with Vault.open(path, PASSPHRASE) as again:
        assert list(again.repos.contacts.names().values()) == ["Сохранить до замка"]


def test_a_conversation_being_typed_is_kept_when_the_vault_locks(qtbot, unlocked):
    path = unlocked.vault.path
    add_person(unlocked.vault, "Мама")
    dialog = unlocked.window.workspace.sections[JOURNAL].log_conversation()
    qtbot.keyClicks(dialog.notes, "typed when the lock came")
    unlocked.lock()
    assert unlocked.wait_closed(30)
    with Vault.open(path, PASSPHRASE) as again:
        assert again.repos.drafts.load(DRAFT)["notes"] == "typed when the lock came"


def test_saving_a_conversation_does_not_block_and_lands_in_the_vault(qtbot, unlocked):
    person = add_person(unlocked.vault, "Мама")
    journal = unlocked.window.workspace.sections[JOURNAL]
    unlocked.window.workspace.go_to(JOURNAL)
    dialog = journal.log_conversation(person.id)
    qtbot.keyClicks(dialog.notes, "saved off the UI thread")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.save_button.isEnabled()  # no second save while the first runs
    qtbot.waitUntil(lambda: journal.model.rowCount() == 1, timeout=10_000)
    [talk] = unlocked.vault.repos.conversations.list()
    assert talk.notes == "saved off the UI thread"
    assert not [d for d in unlocked.window.findChildren(ConversationDialog) if d.isVisible()]


def test_a_failed_save_keeps_the_dialog_open_with_the_reason(qtbot, unlocked):
    person = add_person(unlocked.vault, "Мама")
    journal = unlocked.window.workspace.sections[JOURNAL]
    dialog = journal.log_conversation(person.id)
    qtbot.keyClicks(dialog.notes, "not lost")
    unlocked.vault.repos.contacts.delete(person.id)  # gone meanwhile (another window, an undo)
    unlocked.vault.purge_deleted()
    dialog.save()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10_000)
    assert dialog.isVisible() and dialog.save_button.isEnabled()
    assert dialog.notes.toPlainText() == "not lost"
    assert unlocked.vault.repos.conversations.count() == 0


def test_the_window_reads_and_scrolls_while_a_worker_holds_a_long_write(qtbot, unlocked):
    person = add_person(unlocked.vault, "Мама")
    for i in range(300):
        add_talk(unlocked.vault, person.id, f"разговор {i}")
    workspace = unlocked.window.workspace
    workspace.go_to(JOURNAL)
    journal = workspace.sections[JOURNAL]
    started, release = threading.Event(), threading.Event()
    Operation(blocked_op(unlocked, started, release, in_transaction=True)).run(unlocked.tasks)
    assert started.wait(10)
    try:
        journal.apply_filter()  # the reads a filter change makes, on the UI thread
        journal.table.scrollToBottom()
        while journal.model.has_more():
            journal.model.load_more_now()
        rows = journal.model.rowCount()
        still_writing = not release.is_set() and unlocked.tasks.busy
    finally:
        release.set()
    settled(qtbot, unlocked)
    assert still_writing and rows == 300


def test_a_refused_stage_is_reported_in_the_standard_message_and_nothing_changes(qtbot, unlocked):
    from commsdesk.ui.workspace import PLANNER
    from conftest import button, click, type_text

    person = add_person(unlocked.vault, "Папа")
    workspace = unlocked.window.workspace
    workspace.go_to(PLANNER)
    page = workspace.sections[PLANNER]
    page.table.selectRow(page.model.row_of(lambda c: c.id == person.id))
    page.stage_bar.stage.setCurrentIndex(1)
    type_text(qtbot, page.stage_bar.evidence, "спросил, правда ли это")
    unlocked.vault.freeze()  # as a passphrase change does: writes from other threads are refused
    try:
        click(qtbot, button(page, "Record the stage"))
        qtbot.waitUntil(lambda: bool(message_boxes()), timeout=10_000)
    finally:
        unlocked.vault.thaw()
    [box] = message_boxes()
    assert box.text() == errors.describe(errors.VaultBusy())
    box.close()
    assert unlocked.vault.repos.stage_changes.current(person.id) is None


def test_a_restored_draft_can_be_discarded_by_the_user(qtbot, unlocked):
    add_person(unlocked.vault, "Мама")
    journal = unlocked.window.workspace.sections[JOURNAL]
    dialog = journal.log_conversation()
    qtbot.keyClicks(dialog.notes, "a draft to throw away")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    settled(qtbot, unlocked)
    again = journal.log_conversation()
    assert again.discard_button.isVisible()
    qtbot.mouseClick(again.discard_button, Qt.MouseButton.LeftButton)
    answer(qtbot, again, "Delete the draft")  # asked first: it deletes typed text for good
    assert again.notes.toPlainText() == ""
    settled(qtbot, unlocked)
    assert unlocked.vault.repos.drafts.load(DRAFT) is None


def test_a_section_whose_background_load_fails_says_so(qtbot, unlocked, monkeypatch):
    """Progress used to lose the errors of its background load (`Tasks.error` went nowhere)."""
    import commsdesk.ui.progress.page as progress_page
    from commsdesk.ui.workspace import PROGRESS

    def unreadable(*_args, **_kwargs):
        raise errors.VaultBusy()

    monkeypatch.setattr(progress_page, "overall_progress", unreadable)
    unlocked.window.workspace.go_to(PROGRESS)
    page = unlocked.window.workspace.sections[PROGRESS]
    said = errors.describe(errors.VaultBusy())

    def shown() -> bool:  # in the panel, where the figures would be
        return any(label.text() == said and label.isVisible() for label in page.findChildren(QLabel))

    qtbot.waitUntil(shown, timeout=10_000)
    assert not message_boxes()
