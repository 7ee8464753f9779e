"""Small builders shared by tests."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

from commsdesk.domain import Channel, Contact, Conversation, Observation, Relationship

ROOT = Path(__file__).resolve().parent.parent
PASSPHRASE = "correct horse battery"
TEST_LEVEL = 0


def child_env() -> dict[str, str]:
    """Environment for child processes: our sources and test helpers importable, English."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + str(ROOT / "tests")
    env["COMMSDESK_LANG"] = "en"
    return env


def add_person(vault, name: str = "Мама", **fields) -> Contact:
    fields.setdefault("relationship", Relationship.MOTHER)
    return vault.repos.contacts.add(Contact(name, **fields))


def add_talk(vault, contact_id: int, notes: str, when: datetime | None = None, **fields) -> Conversation:
    return vault.repos.conversations.add(Conversation(
        contact_id=contact_id, occurred_at=when or datetime(2026, 11, 1, 19, 30),
        channel=fields.pop("channel", Channel.PHONE), notes=notes, **fields))


def add_observation(vault, contact_id: int, value: int, evidence: str = "", key: str = "support_war",
                    on: date | None = None, conversation_id: int | None = None) -> Observation:
    dim = vault.repos.dimensions.by_key(key)
    return vault.repos.observations.add(Observation(
        contact_id, dim.id, on or date(2026, 11, 1), value, evidence, conversation_id))


def as_before_v8(path) -> None:
    """Put a vault back as the previous release left it: index in the two-column Snowball
    format, schema version 7."""
    from commsdesk.storage import Vault, migrations, search_index

    vault = Vault.open(path, PASSPHRASE)
    with vault.transaction() as conn:
        conn.execute("DROP TABLE search_fts")
        conn.execute("CREATE VIRTUAL TABLE search_fts USING fts5(stems, words,"
                     " tokenize='unicode61 remove_diacritics 2')")
        conn.execute("INSERT INTO search_fts(rowid, stems, words) VALUES (-10, 'матер', 'матерью')")
        conn.execute("DELETE FROM vault_meta WHERE key = ?", (search_index.ANALYZER_KEY,))
        for table in migrations.PURGED_TABLES:  # migration 9 came later
            conn.execute(f"DROP INDEX {table}_deleted")
        conn.execute("DROP INDEX reminders_conversation")
        for index in ("prep_sheets_conversation", "prep_sheets_plan", "prep_sheets_person",
                      "reflections_contact"):
            conn.execute(f"DROP INDEX {index}")
        conn.execute("PRAGMA user_version = 7")
    vault.close()
