"""Closing erases only what was deleted since the last purge, and the UI's lock can seal the vault
at once and leave the erasing and closing to a worker."""

from __future__ import annotations

import re
import threading
from dataclasses import replace

import pytest
from sqlcipher_pages import decrypted_pages

from commsdesk.storage import Vault, errors
from helpers import PASSPHRASE, add_observation, add_person, add_talk

MARKER = "Zqxvmarkerseal"
WHOLE_TABLES = {"contacts", "conversations", "observations", "plans", "reminders", "reflections",
                "stage_changes", "prep_sheets", "note_versions"}


def statements_of_purge(vault) -> list[str]:
    seen: list[str] = []
    with vault.reading() as conn:
        conn.set_trace_callback(seen.append)
        try:
            vault.repos.purge_deleted()
        finally:
            conn.set_trace_callback(None)
    return list(dict.fromkeys(s for s in seen if s.lstrip().upper().startswith("DELETE")))


def test_the_purge_reads_only_the_deleted_rows(vault):
    """Each statement finds its rows through an index: no table of records is read whole (at
    100k conversations that whole read cost 1.9 s on every close)."""
    person = add_person(vault)
    gone = add_person(vault, "Сосед")
    talks = [add_talk(vault, person.id, f"заметка {i}") for i in range(5)]
    add_talk(vault, gone.id, "про соседа")
    add_observation(vault, person.id, 3, conversation_id=talks[0].id)
    vault.repos.conversations.delete(talks[1].id)
    vault.repos.contacts.delete(gone.id)
    statements = statements_of_purge(vault)
    assert statements
    with vault.reading() as conn:
        for sql in statements:
            plan = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql)]
            scans = [p for p in plan
                     if (m := re.match(r"SCAN (\w+)", p)) and m.group(1) in WHOLE_TABLES]
            assert scans == [], (sql, plan)


def test_the_purge_still_erases_deleted_records_and_their_history(vault):
    person = add_person(vault)
    gone = add_person(vault, "Сосед")
    kept = add_talk(vault, person.id, "остаётся")
    deleted = add_talk(vault, person.id, "удалена")
    orphaned = add_talk(vault, gone.id, "вместе с человеком")
    vault.repos.conversations.update(replace(deleted, notes="удалена, правка"))
    vault.repos.conversations.update(replace(orphaned, notes="правка"))
    with vault.reading() as conn:  # positive control: the edits kept their earlier versions
        assert conn.execute("SELECT count(*) FROM note_versions").fetchone()[0] == 2
    vault.repos.conversations.delete(deleted.id)
    vault.repos.contacts.delete(gone.id)
    assert vault.purge_deleted() >= 2
    with vault.reading() as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM conversations ORDER BY id")]
        history = conn.execute("SELECT count(*) FROM note_versions WHERE kind = 'conversation'"
                               " AND ref IN (?, ?)", (deleted.id, orphaned.id)).fetchone()[0]
        left_in_index = conn.execute("SELECT count(*) FROM conversations WHERE deleted_at IS NOT NULL"
                                     ).fetchone()[0]
    assert ids == [kept.id]
    assert history == 0
    assert left_in_index == 0
    assert vault.repos.contacts.deleted_ids() == []


def test_a_sealed_vault_refuses_everyone_and_a_worker_erases_and_closes_it(make_vault, vault_path):
    vault = make_vault(vault_path)
    person = add_person(vault)
    for i in range(50):
        add_talk(vault, person.id, f"обычная заметка {i} " + "про дачу " * 30)
    secret = add_talk(vault, person.id, f"тайная заметка {MARKER} " + "текст " * 300)
    key = bytes(vault.key_copy())
    vault.repos.conversations.delete(secret.id)

    vault.seal()
    assert not vault.is_open
    with pytest.raises(errors.VaultError):
        vault.repos.contacts.list()
    with pytest.raises(errors.VaultError):
        add_person(vault, "После замка")
    with pytest.raises(errors.VaultError):
        vault.key_copy()  # the key is gone at once
    assert not vault.wait_closed(0)

    worker = threading.Thread(target=vault.close)
    worker.start()
    assert vault.wait_closed(30)
    worker.join()
    pages = decrypted_pages(vault_path, key)
    assert not [n for n, page in enumerate(pages, 1) if MARKER.encode() in page]
    # The file lock went with the close: a whole-file operation may take the file now.
    with Vault.open(vault_path, PASSPHRASE) as again:
        assert [t.id for t in again.repos.conversations.list()] != []
        assert secret.id not in again.repos.conversations.deleted_ids()
