"""Whole-file operations refuse while the vault is open anywhere (issue 10, §1a)."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest

from commsdesk.storage import Vault, errors, safety
from commsdesk.storage.filelock import VaultLock
from helpers import PASSPHRASE, TEST_LEVEL, add_person, add_talk, child_env

OTHER = "passphrase of the backup"

HOLDER = """
import sys
from pathlib import Path
from commsdesk.storage import Vault
from helpers import add_talk
vault = Vault.open(Path(sys.argv[1]), sys.argv[2])
person = vault.repos.contacts.list(limit=1)[0]
print(add_talk(vault, person.id, "до восстановления").uid, flush=True)
sys.stdin.readline()  # the parent tries its operation now
print(add_talk(vault, person.id, "после попытки").uid, flush=True)
vault.close()
"""


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def setup(tmp_path):
    path = tmp_path / "v.commsdesk"
    vault = Vault.create(path, PASSPHRASE, level=TEST_LEVEL, allow_testing_level=True)
    add_person(vault)
    vault.close()
    source = Vault.create(tmp_path / "src.commsdesk", OTHER, level=TEST_LEVEL, allow_testing_level=True)
    safety.backup(source, tmp_path / "backup.commsdesk")
    source.close()
    return path, tmp_path / "backup.commsdesk"


def holder(path):
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), PASSPHRASE], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=child_env())
    first = child.stdout.readline().strip()
    assert first, child.stderr.read()
    return child, first


def release(child):
    out, err = child.communicate("go\n", timeout=60)
    assert child.returncode == 0, err
    return out.strip()


def stored(path):
    with Vault.open(path, PASSPHRASE) as vault, vault.reading() as conn:
        return {r[0] for r in conn.execute("SELECT uid FROM conversations")}


def test_restore_refuses_while_another_process_has_the_vault_open(setup):
    path, backup = setup
    child, first = holder(path)
    try:
        with pytest.raises(errors.VaultBusy):
            safety.restore(path, backup, OTHER)
        assert not list(path.parent.glob("*.before-restore*"))
    finally:
        second = release(child)
    assert {first, second} <= stored(path)  # both writes of the other process are in the vault


def test_passwd_refuses_while_another_process_has_the_vault_open(setup):
    path, _backup = setup
    child, first = holder(path)
    vault = Vault.open(path, PASSPHRASE)
    try:
        with pytest.raises(errors.VaultBusy):
            safety.change_passphrase(vault, "a brand new passphrase")
        assert vault.is_open
        add_talk(vault, vault.repos.contacts.list(limit=1)[0].id, "всё ещё открыт")  # still usable
    finally:
        second = release(child)
        vault.close()
    assert {first, second} <= stored(path)
    # and once the other process is gone, the change goes through
    vault = Vault.open(path, PASSPHRASE)
    safety.change_passphrase(vault, "a brand new passphrase").close()
    Vault.open(path, "a brand new passphrase").close()


def test_cli_restore_refuses_with_a_clear_message(setup):
    path, backup = setup
    child, _first = holder(path)
    try:
        before = digest(path)
        done = subprocess.run([sys.executable, "-m", "commsdesk", "restore", str(backup), "--vault",
                               str(path), "--yes"], input=OTHER + "\n", capture_output=True, text=True,
                              env=child_env(), timeout=60)
        assert done.returncode == 1
        assert "in use" in done.stderr and "Traceback" not in done.stderr
        assert digest(path) == before
    finally:
        release(child)


def test_the_vault_does_not_open_while_a_restore_holds_it(setup):
    path, _backup = setup
    with VaultLock.exclusive(path), pytest.raises(errors.VaultBusy):
        Vault.open(path, PASSPHRASE)
    Vault.open(path, PASSPHRASE).close()


def test_two_openings_in_one_process_share_the_lock_and_block_replacement(setup):
    path, backup = setup
    first, second = Vault.open(path, PASSPHRASE), Vault.open(path, PASSPHRASE)
    try:
        with pytest.raises(errors.VaultBusy):
            safety.restore(path, backup, OTHER)
        with pytest.raises(errors.VaultBusy):
            safety.change_passphrase(first, "a brand new passphrase")
    finally:
        first.close()
        second.close()
    assert safety.restore(path, backup, OTHER) is not None


def test_an_opening_that_raced_a_replacement_does_not_hold_a_lock_on_the_old_file(setup, monkeypatch):
    """The opener got its descriptor of the vault file just before a restore renamed a new file
    into place (a backup of this same vault: same key), and locked it just after: its lock is on
    the replaced file, but SQLite opens the new one. A second restore must still be refused."""
    from commsdesk.storage import filelock

    path, _backup = setup
    own = path.parent / "own-backup.commsdesk"
    with Vault.open(path, PASSPHRASE) as vault:
        safety.backup(vault, own)
    real = filelock.fcntl
    raced = []

    class Racing:
        LOCK_SH, LOCK_EX, LOCK_NB = real.LOCK_SH, real.LOCK_EX, real.LOCK_NB

        @staticmethod
        def flock(fd, operation):
            if not raced and not operation & real.LOCK_EX:
                raced.append(True)
                monkeypatch.setattr(filelock, "fcntl", real)
                safety.restore(path, own, PASSPHRASE)  # renamed into place between open and flock
            return real.flock(fd, operation)

    monkeypatch.setattr(filelock, "fcntl", Racing)
    vault = Vault.open(path, PASSPHRASE)
    try:
        assert raced
        with pytest.raises(errors.VaultBusy):
            safety.restore(path, own, PASSPHRASE)
    finally:
        vault.close()


def test_an_upgrade_that_loses_the_race_closes_the_vault_instead_of_writing_on(setup, monkeypatch):
    """Linux drops a shared flock while converting it: if another process takes the exclusive
    lock in that instant, our shared lock cannot be taken back. The vault must then stop being
    used (its file is about to be replaced), and the passphrase change is refused."""
    from commsdesk.storage import filelock

    path, _backup = setup
    vault = Vault.open(path, PASSPHRASE)
    rival: list[VaultLock] = []
    real = filelock.VaultLock._flock

    def racing(self, exclusive):
        if exclusive and not rival:
            # the other process wins the instant between our unlock and our exclusive try
            import fcntl
            import os

            fcntl.flock(self._fd, fcntl.LOCK_UN)
            other = os.open(path, os.O_RDONLY)
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
            rival.append(other)
        return real(self, exclusive)

    monkeypatch.setattr(filelock.VaultLock, "_flock", racing)
    try:
        with pytest.raises(errors.VaultBusy):
            safety.change_passphrase(vault, "a brand new passphrase")
        assert not vault.is_open  # not left open without its lock
    finally:
        import os

        for fd in rival:
            os.close(fd)
    monkeypatch.undo()
    Vault.open(path, PASSPHRASE).close()  # unchanged
