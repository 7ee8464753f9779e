"""Every hardening setting of a vault connection, asserted on a real vault."""

import stat
import subprocess
import sys

import pytest
import sqlcipher3

from commsdesk.storage.connection import SQLITE_HEADER
from commsdesk.storage.kdf import level_of_salt
from helpers import PASSPHRASE, child_env


def pragma(vault, name):
    with vault.reading() as conn:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]


def test_pragmas(vault):
    # Off on purpose (docs/security.md, "Memory"): once on, SQLCipher keeps it on for the process.
    assert str(pragma(vault, "cipher_memory_security")) == "0"
    assert pragma(vault, "temp_store") == 2  # MEMORY
    assert pragma(vault, "secure_delete") == 1
    assert pragma(vault, "journal_mode") == "wal"
    assert pragma(vault, "synchronous") == 2  # FULL
    assert pragma(vault, "foreign_keys") == 1
    assert pragma(vault, "trusted_schema") == 0


def test_extension_loading_is_never_enabled(vault):
    with vault.reading() as conn, pytest.raises(sqlcipher3.OperationalError, match="not authorized"):
        conn.execute("SELECT load_extension('/nonexistent')")


def test_file_is_encrypted_and_private(vault, vault_path):
    head = vault_path.read_bytes()[:16]
    assert head != SQLITE_HEADER
    assert head == vault.salt
    assert level_of_salt(head).id == 0
    assert stat.S_IMODE(vault_path.stat().st_mode) == 0o600
    plain = sqlcipher3.connect(str(vault_path))
    with pytest.raises(sqlcipher3.DatabaseError):
        plain.execute("SELECT count(*) FROM sqlite_master").fetchall()
    plain.close()


def test_sqlcipher_writes_nothing_to_stderr(make_vault, vault_path):
    make_vault(vault_path).close()
    script = (
        "import sys; from pathlib import Path; from commsdesk.storage import Vault\n"
        "try:\n    Vault.open(Path(sys.argv[1]), 'wrong passphrase!')\n"
        "except Exception as e:\n    print(type(e).__name__)\n"
        f"Vault.open(Path(sys.argv[1]), {PASSPHRASE!r}).close()\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(vault_path)], capture_output=True,
                            text=True, env=child_env(), timeout=60)
    assert result.stdout.strip() == "WrongPassphrase"
    assert result.stderr == ""


def test_opening_proves_the_key_and_never_creates(tmp_path):
    from commsdesk.storage import Vault
    from commsdesk.storage.errors import VaultNotFound

    missing = tmp_path / "missing.commsdesk"
    with pytest.raises(VaultNotFound):
        Vault.open(missing, PASSPHRASE)
    assert not missing.exists()
    assert list(tmp_path.iterdir()) == []
