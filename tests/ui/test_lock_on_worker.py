"""Locking: the key goes at once and the lock screen shows; erasing what was deleted and closing
the vault happen on the worker, and the file is let go before anything else uses it."""

from __future__ import annotations

import threading

import pytest

from commsdesk.storage import Vault, errors
from commsdesk.ui.start.unlock import UnlockPage
from helpers import PASSPHRASE, add_person, add_talk


def test_lock_shows_the_lock_screen_and_closes_the_vault_on_the_worker(qtbot, unlocked, monkeypatch):
    vault = unlocked.vault
    person = add_person(vault)
    kept = add_talk(vault, person.id, "остаётся")
    gone = add_talk(vault, person.id, "удалённая заметка")
    vault.repos.conversations.delete(gone.id)
    # The worker's close is held back until the lock screen has been checked.
    release, closing_threads = threading.Event(), []
    real_close = Vault.close

    def held_close(self, **kwargs):
        closing_threads.append(threading.current_thread())
        release.wait(20)
        real_close(self, **kwargs)

    monkeypatch.setattr(Vault, "close", held_close)
    unlocked.lock()
    assert isinstance(unlocked.window.centralWidget(), UnlockPage)
    assert unlocked.vault is None
    assert not vault.is_open  # sealed: the key is gone and nothing may use the vault any more
    with pytest.raises(errors.VaultError):
        vault.key_copy()
    with pytest.raises(errors.VaultError):
        vault.repos.conversations.count()
    assert not unlocked.wait_closed(0)
    release.set()
    assert unlocked.wait_closed(20)
    assert closing_threads and closing_threads[0] is not threading.main_thread()
    with Vault.open(unlocked.vault_path, PASSPHRASE) as again:
        with again.reading() as conn:
            ids = [r[0] for r in conn.execute("SELECT id FROM conversations")]
        assert ids == [kept.id]  # the deleted one was erased for good by the close


def test_unlocking_again_waits_for_the_close(qtbot, unlocked, monkeypatch):
    vault = unlocked.vault
    release, order = threading.Event(), []
    real_close, real_open = Vault.close, Vault.open

    def held_close(self, **kwargs):
        release.wait(20)
        real_close(self, **kwargs)
        order.append("closed")

    def noted_open(*args, **kwargs):
        order.append("opened")
        return real_open(*args, **kwargs)

    monkeypatch.setattr(Vault, "close", held_close)
    monkeypatch.setattr(Vault, "open", noted_open)
    unlocked.lock()
    page = unlocked.window.centralWidget()
    assert isinstance(page, UnlockPage)
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    from PySide6.QtCore import Qt

    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    qtbot.wait(200)
    assert order == []  # the opening worker waits for the vault just locked
    release.set()
    qtbot.waitUntil(lambda: unlocked.vault is not None, timeout=20_000)
    assert order == ["closed", "opened"]
    assert not vault.is_open and unlocked.vault.is_open
