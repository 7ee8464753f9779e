"""A vault on read-only media or a full disk opens read-only (issue 10, §4); the test-only key
level is refused outside the test suite (§5)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys

import pytest

from commsdesk.storage import Vault, errors, safety
from commsdesk.transfer.json_export import export_document
from helpers import PASSPHRASE, add_person, add_talk, child_env


def mount(*args):
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting needs root")
    done = subprocess.run(["mount", *args], capture_output=True)
    if done.returncode:
        pytest.skip("this machine does not allow mounting: " + done.stderr.decode(errors="replace"))


def umount(point):
    subprocess.run(["umount", "-l", str(point)], check=False)


def digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def read_only_vault(tmp_path, make_vault):
    source, point = tmp_path / "source", tmp_path / "stick"
    source.mkdir()
    point.mkdir()
    vault = make_vault(source / "v.commsdesk")
    person = add_person(vault, "Мама")
    add_talk(vault, person.id, "разговор о повестке")
    vault.close()
    mount("--bind", str(source), str(point))
    try:
        mount("-o", "remount,ro,bind", str(point))
        yield point / "v.commsdesk"
    finally:
        umount(point)


def test_a_vault_on_read_only_media_opens_for_reading_search_export_and_backup(read_only_vault,
                                                                               tmp_path):
    before = digest(read_only_vault.parent)
    with Vault.open(read_only_vault, PASSPHRASE) as vault:
        assert vault.read_only and "read-only media" in vault.read_only
        assert vault.repos.conversations.count() == 1
        assert vault.repos.search.run("повестка")  # search works
        assert export_document(vault)["contacts"]  # export works
        assert safety.check(vault).ok
        safety.backup(vault, tmp_path / "copy.commsdesk")  # a backup to another disk works
        with pytest.raises(errors.VaultReadOnly) as caught:
            add_talk(vault, vault.repos.contacts.list()[0].id, "новая")
        assert "read-only" in str(caught.value)
        with pytest.raises(errors.VaultReadOnly):
            safety.change_passphrase(vault, "another passphrase here")
    assert digest(read_only_vault.parent) == before
    with Vault.open(tmp_path / "copy.commsdesk", PASSPHRASE) as copy:
        assert copy.repos.conversations.count() == 1 and not copy.read_only


CRASHED_WRITER = """
import os, sys
from pathlib import Path
from commsdesk.storage import Vault
from helpers import add_talk
vault = Vault.open(Path(sys.argv[1]), sys.argv[2])
person = vault.repos.contacts.list(limit=1)[0]
print(add_talk(vault, person.id, "сохранено перед сбоем").uid, flush=True)
os._exit(0)  # no close: the saved entry is only in the -wal (with its -shm)
"""


@pytest.fixture(params=["with -shm", "without -shm"])
def crashed_read_only_vault(request, tmp_path, make_vault):
    """The app crashed on a USB stick; the system then mounted the (dirty) stick read-only."""
    source, point = tmp_path / "source", tmp_path / "stick"
    source.mkdir()
    point.mkdir()
    vault = make_vault(source / "v.commsdesk")
    add_talk(vault, add_person(vault, "Мама").id, "разговор о повестке")
    vault.close()
    saved = subprocess.run([sys.executable, "-c", CRASHED_WRITER, str(source / "v.commsdesk"), PASSPHRASE],
                           capture_output=True, text=True, env=child_env(), check=True).stdout.strip()
    if request.param == "without -shm":
        (source / "v.commsdesk-shm").unlink()
    mount("--bind", str(source), str(point))
    try:
        mount("-o", "remount,ro,bind", str(point))
        yield point / "v.commsdesk", saved
    finally:
        umount(point)


def test_a_crashed_vault_on_read_only_media_never_shows_less_than_was_saved(crashed_read_only_vault,
                                                                           tmp_path):
    path, saved = crashed_read_only_vault
    before = digest(path.parent)
    try:
        vault = Vault.open(path, PASSPHRASE)
    except errors.VaultLogUnreadable as refused:  # it may refuse, saying what to do ...
        assert "writable disk" in str(refused)
    else:  # ... or open read-only, with every saved entry in view and in the export
        with vault:
            assert vault.read_only and "read-only media" in vault.read_only
            with vault.reading() as conn:
                assert saved in {r[0] for r in conn.execute("SELECT uid FROM conversations")}
            assert saved in json.dumps(export_document(vault))
            safety.backup(vault, tmp_path / "copy.commsdesk")
    assert digest(path.parent) == before


def test_cli_check_and_export_work_on_read_only_media(read_only_vault, tmp_path):
    run = [sys.executable, "-m", "commsdesk"]
    done = subprocess.run([*run, "check", "--vault", str(read_only_vault)], input=PASSPHRASE + "\n",
                          capture_output=True, text=True, env=child_env(), timeout=60)
    assert done.returncode == 0, done.stderr
    out = tmp_path / "export.json"
    done = subprocess.run([*run, "export", "--vault", str(read_only_vault), "--output", str(out)],
                          input=PASSPHRASE + "\n", capture_output=True, text=True, env=child_env(),
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text())["conversations"]


@pytest.fixture
def full_disk(tmp_path, make_vault):
    point = tmp_path / "tiny"
    point.mkdir()
    mount("-t", "tmpfs", "-o", "size=2m", "tmpfs", str(point))
    try:
        vault = make_vault(point / "v.commsdesk")
        person = add_person(vault)
        add_talk(vault, person.id, "до заполнения")
        vault.close()
        try:
            with open(point / "filler", "wb") as filler:
                while True:
                    filler.write(b"\0" * 4096)
                    filler.flush()
        except OSError:
            pass  # the disk is full now
        yield point / "v.commsdesk"
    finally:
        umount(point)


def test_a_vault_on_a_full_disk_opens_read_only_and_says_the_disk_is_full(full_disk, tmp_path):
    with Vault.open(full_disk, PASSPHRASE) as vault:
        assert vault.read_only and "full" in vault.read_only
        assert vault.repos.conversations.count() == 1
        with pytest.raises(errors.VaultReadOnly) as caught:
            add_talk(vault, vault.repos.contacts.list()[0].id, "не поместится")
        assert "full" in str(caught.value)
        safety.backup(vault, tmp_path / "elsewhere.commsdesk")
    (full_disk.parent / "filler").unlink()  # room again: the vault is writable as before
    with Vault.open(full_disk, PASSPHRASE) as vault:
        assert not vault.read_only
        add_talk(vault, vault.repos.contacts.list()[0].id, "теперь есть место")


def test_a_write_that_fills_the_disk_says_the_disk_is_full(tmp_path, make_vault):
    point = tmp_path / "tiny"
    point.mkdir()
    mount("-t", "tmpfs", "-o", "size=700k", "tmpfs", str(point))
    try:
        vault = make_vault(point / "v.commsdesk")
        person = add_person(vault)
        with pytest.raises(errors.VaultError) as caught:
            for i in range(1000):
                add_talk(vault, person.id, f"{i} " + os.urandom(3000).hex())
        assert isinstance(caught.value, errors.DiskFull), type(caught.value)
        assert "disk is full" in str(caught.value)
        vault.close()
    finally:
        umount(point)


def test_the_test_key_level_is_refused_outside_the_test_suite(make_vault, vault_path, monkeypatch):
    make_vault(vault_path).close()
    monkeypatch.delenv("COMMSDESK_TEST_KDF")
    with pytest.raises(errors.TestingKdfRefused):
        Vault.open(vault_path, PASSPHRASE)
    env = {k: v for k, v in child_env().items() if k != "COMMSDESK_TEST_KDF"}
    done = subprocess.run([sys.executable, "-m", "commsdesk", "check", "--vault", str(vault_path)],
                          input=PASSPHRASE + "\n", capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 1 and "automated tests" in done.stderr


def test_a_test_level_backup_is_refused_before_it_replaces_anything(make_vault, vault_path, tmp_path,
                                                                   monkeypatch):
    """Restored, it would replace the vault by a file the app then refuses to open."""
    source = make_vault(tmp_path / "source.commsdesk")
    safety.backup(source, tmp_path / "backup.commsdesk")
    source.close()
    make_vault(vault_path).close()
    before = digest(vault_path.parent)
    monkeypatch.delenv("COMMSDESK_TEST_KDF")
    with pytest.raises(errors.TestingKdfRefused):
        safety.restore(vault_path, tmp_path / "backup.commsdesk", PASSPHRASE)
    assert digest(vault_path.parent) == before
