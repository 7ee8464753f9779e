"""Migrations: each is tested by opening a vault that the previous version made."""

import pytest

from commsdesk.storage import Vault, connection, errors, migrations
from commsdesk.storage.kdf import LEVELS, derive_key, make_salt
from helpers import PASSPHRASE, TEST_LEVEL


def vault_at_version(path, version):
    """A vault as version `version` of the schema left it (0: keyed but empty)."""
    salt = make_salt(LEVELS[TEST_LEVEL])
    key = derive_key(PASSPHRASE, salt)
    path.touch(mode=0o600)
    conn = connection.connect(path, key, salt, create=True)
    migrations.apply(conn, upto=version)
    if version >= 1:
        conn.execute("INSERT INTO contacts (uid, display_name, relationship, created_at, updated_at)"
                     " VALUES ('u1', 'Мама', 'mother', '2026-01-01T00:00:00+00:00',"
                     " '2026-01-01T00:00:00+00:00')")
    conn.close()


@pytest.mark.parametrize("version", range(migrations.LATEST))
def test_opening_an_older_vault_migrates_it(tmp_path, version):
    path = tmp_path / "old.commsdesk"
    vault_at_version(path, version)
    with Vault.open(path, PASSPHRASE) as vault:
        with vault.reading() as conn:
            assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST
        if version >= 1:
            assert vault.repos.contacts.list()[0].display_name == "Мама"
            assert (tmp_path / f"old.commsdesk.before-v{migrations.LATEST}").exists()
        assert len(vault.repos.dimensions.list()) == 4


def test_a_vault_from_a_newer_version_is_refused_untouched(vault, vault_path):
    with vault.reading() as conn:
        conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    vault.close()
    before = vault_path.read_bytes()
    with pytest.raises(errors.VaultTooNew):
        Vault.open(vault_path, PASSPHRASE)
    assert vault_path.read_bytes() == before


def test_a_failing_migration_leaves_the_previous_version(tmp_path, monkeypatch):
    path = tmp_path / "v.commsdesk"
    vault_at_version(path, migrations.LATEST)

    def broken(conn):
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("migration bug")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, broken])
    monkeypatch.setattr(migrations, "LATEST", migrations.LATEST + 1)
    with pytest.raises(RuntimeError):
        Vault.open(path, PASSPHRASE)
    monkeypatch.undo()
    with Vault.open(path, PASSPHRASE) as vault, vault.reading() as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST
        assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name='half_done'").fetchall()
