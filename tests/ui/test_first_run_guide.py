"""Issue 13: the first-run guide after a new vault is created, driven with clicks and keys."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial

import pytest
import shiboken6
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from commsdesk.storage import Vault
from commsdesk.ui.first_run import FirstRunGuide
from commsdesk.ui.workspace import OVERVIEW, PLANNER
from conftest import button, type_text
from helpers import TEST_LEVEL

PASS = "четыре случайных слова рядом"


def idle(qtbot, controller) -> None:
    qtbot.waitUntil(lambda: not controller.tasks.busy, timeout=20_000)


def open_guide(window) -> FirstRunGuide | None:
    return next((g for g in window.findChildren(FirstRunGuide)
                 if shiboken6.isValid(g) and g.isVisible()), None)


@pytest.fixture
def cheap_create(monkeypatch):
    """Vaults made through the Create page use the cheap test KDF (the real one is tested once)."""
    monkeypatch.setattr(Vault, "create", partial(Vault.create.__func__, Vault, level=TEST_LEVEL,
                                                 allow_testing_level=True))


def create_vault(qtbot, controller) -> FirstRunGuide:
    window = controller.window
    qtbot.mouseClick(button(window.centralWidget(), "Create my vault"), Qt.MouseButton.LeftButton)
    page = window.centralWidget()
    type_text(qtbot, page.first, PASS)
    type_text(qtbot, page.second, PASS)
    qtbot.keyClick(page.second, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: open_guide(window) is not None, timeout=20_000)
    return open_guide(window)


def unlock_again(qtbot, controller) -> None:
    controller.lock()
    idle(qtbot, controller)
    page = controller.window.centralWidget()
    type_text(qtbot, page.passphrase, PASS)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.window.workspace is not None, timeout=20_000)
    idle(qtbot, controller)
    QApplication.processEvents()


def test_three_steps_make_a_person_a_plan_and_a_reminder(qtbot, controller, cheap_create):
    guide = create_vault(qtbot, controller)
    assert guide.position.text() == "Step 1 of 3" and guide.name.hasFocus()
    qtbot.mouseClick(guide.next, Qt.MouseButton.LeftButton)
    assert guide.error.isVisible() and guide.pages.currentIndex() == 0  # a name first
    type_text(qtbot, guide.name, "Мама")
    assert not guide.error.isVisible()
    guide.relationship.setCurrentIndex(guide.relationship.findText("Mother"))
    qtbot.keyClick(guide.name, Qt.Key.Key_Return)  # Enter goes on, like the Next button
    assert guide.position.text() == "Step 2 of 3" and guide.small_win.hasFocus()
    type_text(qtbot, guide.small_win, "она спросит, как у меня дела")
    qtbot.mouseClick(guide.next, Qt.MouseButton.LeftButton)
    assert guide.next.text() == "Finish"
    in_three_days = date.today() + timedelta(days=3)
    guide.next_talk.setDate(QDate(in_three_days.year, in_three_days.month, in_three_days.day))
    qtbot.mouseClick(guide.next, Qt.MouseButton.LeftButton)
    idle(qtbot, controller)
    assert open_guide(controller.window) is None
    vault = controller.vault
    (person,) = vault.repos.contacts.list()
    assert person.display_name == "Мама" and person.relationship.value == "mother"
    (plan,) = vault.repos.plans.for_contact(person.id)
    assert plan.realistic_expectation == "она спросит, как у меня дела"
    (reminder,) = vault.repos.reminders.due(in_three_days)
    assert reminder.contact_id == person.id and reminder.due_on == in_three_days
    assert controller.window.workspace.current_index() == PLANNER
    unlock_again(qtbot, controller)
    assert open_guide(controller.window) is None  # never again


def test_skipping_is_remembered_in_the_vault(qtbot, controller, cheap_create, private_dirs):
    guide = create_vault(qtbot, controller)
    qtbot.mouseClick(guide.skip, Qt.MouseButton.LeftButton)
    idle(qtbot, controller)
    assert open_guide(controller.window) is None
    assert controller.vault.repos.contacts.count() == 0
    workspace = controller.window.workspace
    workspace.go_to(OVERVIEW)
    overview = workspace.sections[OVERVIEW]
    qtbot.waitUntil(overview.starting.isVisible, timeout=20_000)  # the Overview takes over
    unlock_again(qtbot, controller)
    assert open_guide(controller.window) is None
    # Nothing about the guide is written beside the vault in plaintext.
    settings = (controller._settings_file).read_text(encoding="utf-8")
    assert "guide" not in settings and "first" not in settings


def test_escape_skips_too_and_the_back_button_keeps_answers(qtbot, controller, cheap_create):
    guide = create_vault(qtbot, controller)
    type_text(qtbot, guide.name, "Папа")
    qtbot.mouseClick(guide.next, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(guide.back, Qt.MouseButton.LeftButton)
    assert guide.pages.currentIndex() == 0 and guide.name.text() == "Папа"
    qtbot.keyClick(guide, Qt.Key.Key_Escape)
    idle(qtbot, controller)
    assert open_guide(controller.window) is None
    assert controller.vault.repos.contacts.count() == 0
    unlock_again(qtbot, controller)
    assert open_guide(controller.window) is None


def test_a_vault_opened_not_created_gets_no_guide(qtbot, unlocked):
    idle(qtbot, unlocked)
    QApplication.processEvents()
    assert open_guide(unlocked.window) is None
