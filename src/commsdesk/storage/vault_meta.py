"""Small facts about the vault itself, kept inside it (encrypted): `vault_meta` rows by key."""

from __future__ import annotations

from commsdesk.storage.connection import Connection


def read(conn: Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM vault_meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else row[0]


def write(conn: Connection, key: str, value: str) -> None:
    conn.execute("INSERT OR REPLACE INTO vault_meta(key, value) VALUES (?, ?)", (key, value))
