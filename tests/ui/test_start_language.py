"""Language before the vault: Russian on a German laptop, Русский / English on the first screens,
switched live and remembered."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QApplication

from commsdesk import i18n
from commsdesk import settings as settings_store
from commsdesk.ui.start.create import CreatePage
from commsdesk.ui.start.welcome import WelcomePage
from conftest import button, click, flush_deletes, type_text


@pytest.fixture
def german_laptop(monkeypatch):
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")


@pytest.fixture
def first_launch(qtbot, tmp_path, clock, german_laptop):
    """The app as it starts the very first time: no settings file, so language "system"."""
    from commsdesk.ui.controller import AppController

    made = []

    def start():
        prefs = settings_store.load(tmp_path / "settings.json")
        prefs.vault_path = str(tmp_path / "vault.commsdesk")
        ctl = AppController(QApplication.instance(), prefs, tmp_path / "settings.json", clock=clock)
        qtbot.addWidget(ctl.window)
        ctl.window.show()
        made.append(ctl)
        return ctl

    yield start
    for ctl in made:
        ctl.tasks.wait()
        ctl.lock()
        ctl.tasks.wait()
        ctl.deleteLater()
    flush_deletes()
    i18n.set_language("en")


def saved_language(tmp_path) -> str:
    return json.loads((tmp_path / "settings.json").read_text())["language"]


def test_a_german_laptop_starts_in_russian(first_launch):
    controller = first_launch()
    page = controller.window.centralWidget()
    assert isinstance(page, WelcomePage)
    assert i18n.current_language() == "ru"
    assert button(page, "Создать хранилище").isVisible()
    assert page.language.buttons["ru"].isChecked()


def test_english_chosen_on_the_welcome_page_switches_live_and_is_remembered(qtbot, first_launch,
                                                                              tmp_path):
    controller = first_launch()
    click(qtbot, controller.window.centralWidget().language.buttons["en"])
    page = controller.window.centralWidget()
    assert isinstance(page, WelcomePage)
    assert button(page, "Create my vault").isVisible()
    assert page.language.buttons["en"].isChecked()
    assert saved_language(tmp_path) == "en"
    controller.window.close()
    again = first_launch()  # the next start reads the saved choice
    assert button(again.window.centralWidget(), "Create my vault").isVisible()


def test_switching_on_the_create_page_keeps_the_page_and_what_was_typed(qtbot, first_launch,
                                                                        tmp_path):
    controller = first_launch()
    click(qtbot, button(controller.window.centralWidget(), "Создать хранилище"))
    page = controller.window.centralWidget()
    assert isinstance(page, CreatePage)
    type_text(qtbot, page.first, "четыре случайных слова")
    click(qtbot, page.language.buttons["en"])
    page = controller.window.centralWidget()
    assert isinstance(page, CreatePage)
    assert page.submit.text() == "Create vault"
    assert page.first.text() == "четыре случайных слова"
    click(qtbot, page.language.buttons["ru"])
    assert controller.window.centralWidget().submit.text() == "Создать"
    assert saved_language(tmp_path) == "ru"
