"""Acceptance 5 (first part): a full disk or a failing write gives a clear error; the vault survives."""

import os
import shutil
import subprocess
import sys
import uuid

import pytest

from commsdesk.storage import Vault, errors, safety
from helpers import PASSPHRASE, add_person, add_talk, child_env


def test_full_database_is_a_clear_error_and_nothing_is_half_written(vault, vault_path):
    person = add_person(vault)
    kept = add_talk(vault, person.id, "сохранённая заметка")
    with vault.reading() as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    with pytest.raises(errors.DiskFull) as caught:
        add_talk(vault, person.id, "огромная заметка " * 20_000)
    assert "disk is full" in str(caught.value)
    assert vault.repos.conversations.count() == 1
    vault.close()
    with Vault.open(vault_path, PASSPHRASE) as again:
        assert safety.check(again).ok
        assert again.repos.conversations.get(kept.id).notes == "сохранённая заметка"


CHILD = """
import resource, signal, sys
from pathlib import Path
from commsdesk.storage import Vault, errors
from helpers import add_talk
vault = Vault.open(Path(sys.argv[1]), sys.argv[2])
person = vault.repos.contacts.list(limit=1)[0]
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
limit = int(sys.argv[3])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
for i in range(10_000):
    try:
        talk = add_talk(vault, person.id, f"запись {i} " + "слово " * 3000)
    except errors.VaultError as exc:
        print("ERROR", type(exc).__name__, str(exc), flush=True)
        break
    print("OK", talk.uid, flush=True)
"""


def test_injected_write_failure(make_vault, vault_path):
    """The kernel refuses writes past a file-size limit (EFBIG), as on a full disk."""
    vault = make_vault(vault_path)
    person = add_person(vault)
    add_talk(vault, person.id, "до сбоя")
    vault.close()
    limit = vault_path.stat().st_size + 256 * 1024
    result = subprocess.run([sys.executable, "-c", CHILD, str(vault_path), PASSPHRASE, str(limit)],
                            capture_output=True, text=True, env=child_env(), timeout=120)
    lines = result.stdout.splitlines()
    assert lines[-1].startswith("ERROR"), result.stdout + result.stderr
    assert lines[-1].split()[1] in ("DiskFull", "WriteFailed")
    assert "Traceback" not in result.stderr
    written = [line.split()[1] for line in lines if line.startswith("OK")]
    assert written
    with Vault.open(vault_path, PASSPHRASE) as again:
        assert safety.check(again).ok
        with again.reading() as conn:
            stored = {r[0] for r in conn.execute("SELECT uid FROM conversations")}
        assert set(written) <= stored


@pytest.fixture
def small_tmpfs(tmp_path):
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(mount_point)],
                             capture_output=True)
    if mounted.returncode:
        pytest.skip("this machine does not allow mounting a tmpfs")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_real_full_disk_on_a_tiny_tmpfs(make_vault, small_tmpfs, tmp_path):
    path = small_tmpfs / "v.commsdesk"
    vault = make_vault(path)
    person = add_person(vault)
    committed = []
    with pytest.raises(errors.VaultError) as caught:
        for i in range(1000):
            committed.append(add_talk(vault, person.id, f"{i} {uuid.uuid4()} " * 400).uid)
    assert isinstance(caught.value, errors.DiskFull | errors.WriteFailed)
    vault.close()
    with Vault.open(path, PASSPHRASE) as again:
        assert safety.check(again).ok
        with again.reading() as conn:
            stored = {r[0] for r in conn.execute("SELECT uid FROM conversations")}
        assert set(committed) <= stored
        with pytest.raises(errors.VaultError):
            safety.backup(again, small_tmpfs / "backup.commsdesk")
    assert not (small_tmpfs / "backup.commsdesk").exists()
    assert not [p for p in small_tmpfs.iterdir() if p.name.startswith(".v.commsdesk.tmp")]
