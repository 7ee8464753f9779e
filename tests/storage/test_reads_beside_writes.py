"""The UI (main) thread's reads never wait for a worker's transaction (issue 12 §1)."""

from __future__ import annotations

import threading

from commsdesk.domain import Contact
from helpers import add_person, add_talk

HOLD_SECONDS = 20.0  # only reached if the read under test waits for the writer (a failure)


def hold_a_write(vault, started: threading.Event, release: threading.Event, finished: threading.Event):
    def work() -> None:
        with vault.transaction():
            vault.repos.contacts.add(Contact("Пишется"))
            started.set()
            release.wait(HOLD_SECONDS)
        finished.set()

    thread = threading.Thread(target=work)
    thread.start()
    assert started.wait(10)
    return thread


def test_main_thread_reads_while_a_worker_holds_the_write_lock(vault):
    person = add_person(vault)
    for i in range(30):
        add_talk(vault, person.id, f"разговор {i}")
    started, release, finished = threading.Event(), threading.Event(), threading.Event()
    thread = hold_a_write(vault, started, release, finished)
    try:
        names = vault.repos.contacts.names()
        talks = vault.repos.conversations.list(limit=20)
        count = vault.repos.conversations.count()
        # Had the reads waited for the lock, the worker would have given up holding it first.
        still_writing = not finished.is_set()
    finally:
        release.set()
        thread.join()
    assert still_writing
    assert list(names.values()) == ["Мама"]  # the uncommitted write is not seen
    assert len(talks) == 20 and count == 30
    assert sorted(vault.repos.contacts.names().values()) == ["Мама", "Пишется"]  # seen once committed


def test_main_thread_reads_see_its_own_transaction(vault):
    with vault.transaction():
        person = add_person(vault, "Внутри")
        assert vault.repos.contacts.get(person.id).display_name == "Внутри"


def test_sealed_vault_refuses_the_ui_reader_too(vault):
    import pytest

    from commsdesk.storage import errors

    add_person(vault)
    started, release, finished = threading.Event(), threading.Event(), threading.Event()
    thread = hold_a_write(vault, started, release, finished)
    try:
        vault.repos.contacts.names()  # opens the UI reader
        vault.seal()
        with pytest.raises(errors.VaultError):
            vault.repos.contacts.names()
    finally:
        release.set()
        thread.join()
    vault.close()
