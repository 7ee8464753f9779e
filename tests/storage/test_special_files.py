"""Special and absurd files given as a vault or a backup (issue 10, §3): refused at once, and a
refused file keeps every byte with nothing appearing beside it."""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys

import pytest
import sqlcipher3

from commsdesk.storage import Vault, connection, errors, safety
from commsdesk.storage.kdf import derive_key
from helpers import PASSPHRASE, TEST_LEVEL, add_person, add_talk, child_env


def cli(*args, stdin=PASSPHRASE + "\n"):
    # a hang would fail by the timeout: these files must be refused without being waited on
    return subprocess.run([sys.executable, "-m", "commsdesk", *args], input=stdin, capture_output=True,
                          text=True, env=child_env(), timeout=60)


def special(tmp_path, kind):
    path = tmp_path / f"{kind}.commsdesk"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        return path, server
    elif kind == "folder":
        path.mkdir()
    return path, None


@pytest.mark.parametrize("kind", ["fifo", "socket", "folder"])
@pytest.mark.parametrize("command", ["check", "export", "search", "backup", "restore-from", "restore-onto"])
def test_special_files_are_refused_at_once_by_every_command(tmp_path, vault_path, make_vault, kind,
                                                            command):
    make_vault(vault_path).close()
    path, keep = special(tmp_path, kind)
    args = {
        "check": ["check", "--vault", str(path)],
        "export": ["export", "--vault", str(path), "--output", str(tmp_path / "o.json")],
        "search": ["search", "мама", "--vault", str(path)],
        "backup": ["backup", str(tmp_path / "b.commsdesk"), "--vault", str(path)],
        "restore-from": ["restore", str(path), "--vault", str(vault_path), "--yes"],
        "restore-onto": ["restore", str(vault_path), "--vault", str(path), "--yes"],
    }[command]
    done = cli(*args)
    if keep is not None:
        keep.close()
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert any(word in lines[0] for word in ("folder", "not a regular file")), lines[0]


def test_vault_open_refuses_a_fifo_without_waiting(tmp_path):
    path = tmp_path / "pipe.commsdesk"
    os.mkfifo(path)
    with pytest.raises(errors.VaultNotRegular):
        Vault.open(path, PASSPHRASE)


def test_a_foreign_sqlcipher_file_that_opens_with_the_key_is_refused_unchanged(tmp_path):
    """Same passphrase, same key derivation, but not a CommsDesk vault (and in rollback-journal
    mode): refused as such, its bytes unchanged, and no -wal or -shm made beside it."""
    path = tmp_path / "foreign.db"
    salt = bytes([TEST_LEVEL]) + os.urandom(15)
    key = derive_key(PASSPHRASE, salt)
    conn = sqlcipher3.connect(str(path))
    conn.execute(f"PRAGMA key = \"x'{bytes(key).hex()}{salt.hex()}'\"")
    conn.execute("CREATE TABLE secrets (text)")
    conn.executemany("INSERT INTO secrets VALUES (?)", [("строка " * 50,)] * 200)
    conn.commit()
    conn.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(errors.WrongPassphrase):
        Vault.open(path, PASSPHRASE)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["foreign.db"]


def test_check_stops_early_on_a_vault_padded_with_zeros(make_vault, vault_path):
    """A vault padded (sparse) to 1 GiB: reported as damaged by the size check, before the
    page-by-page cipher check would read every byte (benchmarks/absurd_files.py times 20 GB)."""
    vault = make_vault(vault_path)
    person = add_person(vault)
    add_talk(vault, person.id, "заметка")
    vault.close()
    os.truncate(vault_path, 1 << 30)
    with Vault.open(vault_path, PASSPHRASE) as padded:
        report = safety.check(padded)
    assert not report.ok
    assert any("after the last page" in problem for problem in report.problems)
    assert len(report.problems) <= safety.MAX_PROBLEMS


def test_check_of_a_damaged_vault_keeps_at_most_twenty_problems(make_vault, vault_path):
    vault = make_vault(vault_path)
    person = add_person(vault)
    for i in range(300):
        add_talk(vault, person.id, f"заметка {i} " + "слово " * 200)
    vault.close()
    data = bytearray(vault_path.read_bytes())
    for page in range(3, len(data) // 4096, 2):
        data[page * 4096 + 100] ^= 0xFF  # flip a byte in every other page
    vault_path.write_bytes(bytes(data))
    try:
        with Vault.open(vault_path, PASSPHRASE) as damaged:
            report = safety.check(damaged)
    except errors.VaultDamaged:
        return  # damaged beyond opening is a fine answer too
    assert not report.ok and len(report.problems) <= safety.MAX_PROBLEMS


def test_inspect_existing_reads_no_more_than_the_salt(tmp_path):
    path = tmp_path / "big.commsdesk"
    with open(path, "wb") as handle:
        handle.write(os.urandom(16))
        handle.truncate(4096 * 4)
    assert len(connection.inspect_existing(path)) == 16


SETTINGS_CHILD = """
import sys
from pathlib import Path
from commsdesk import settings
print(settings.load(Path(sys.argv[1])).lock_minutes)
"""


def test_a_fifo_in_place_of_the_settings_file_gives_the_defaults(tmp_path):
    fifo = tmp_path / "settings.json"
    os.mkfifo(fifo)
    done = subprocess.run([sys.executable, "-c", SETTINGS_CHILD, str(fifo)], capture_output=True,
                          text=True, env=child_env(), timeout=60)  # waiting on it would time out
    assert done.returncode == 0 and done.stdout.strip() == "5", done.stderr


PACK_CHILD = """
import sys
from pathlib import Path
from commsdesk.club import pack_source
from commsdesk.storage.errors import VaultError
try:
    pack_source.read_source(Path(sys.argv[1]))
except VaultError as exc:
    print("refused", type(exc).__name__)
"""


def test_a_fifo_named_like_a_pack_article_is_refused(tmp_path):
    import shutil

    from helpers import ROOT

    source = tmp_path / "pack"
    shutil.copytree(ROOT / "resources" / "packs" / "example", source)
    article = next(p for p in source.rglob("*.md"))
    article.unlink()
    os.mkfifo(article)
    done = subprocess.run([sys.executable, "-c", PACK_CHILD, str(source)], capture_output=True,
                          text=True, env=child_env(), timeout=60)
    assert done.stdout.startswith("refused"), done.stdout + done.stderr


@pytest.fixture
def linked_vault(tmp_path):
    """The vault lives elsewhere (an encrypted volume, a synced folder); its usual path is a link."""
    (tmp_path / "real").mkdir()
    real, link = tmp_path / "real" / "v.commsdesk", tmp_path / "v.commsdesk"
    vault = Vault.create(real, PASSPHRASE, level=TEST_LEVEL, allow_testing_level=True)
    add_talk(vault, add_person(vault).id, "до смены")
    vault.close()
    link.symlink_to(real)
    return real, link


def test_passwd_through_a_linked_path_leaves_no_copy_under_the_old_passphrase(linked_vault):
    real, link = linked_vault
    safety.change_passphrase(Vault.open(link, PASSPHRASE), "a brand new passphrase").close()
    assert link.is_symlink()  # the link still leads to the one vault
    with pytest.raises(errors.WrongPassphrase):
        Vault.open(real, PASSPHRASE)
    with Vault.open(real, "a brand new passphrase") as vault:
        assert vault.repos.conversations.count() == 1


def test_restore_through_a_linked_path_replaces_the_vault_it_leads_to(linked_vault, tmp_path):
    real, link = linked_vault
    source = Vault.create(tmp_path / "src.commsdesk", "backup passphrase", level=TEST_LEVEL,
                          allow_testing_level=True)
    safety.backup(source, tmp_path / "backup.commsdesk")
    source.close()
    kept = safety.restore(link, tmp_path / "backup.commsdesk", "backup passphrase")
    assert link.is_symlink()
    Vault.open(real, "backup passphrase").close()
    with Vault.open(kept, PASSPHRASE) as vault:
        assert vault.repos.conversations.count() == 1


@pytest.mark.parametrize("name", ["Мама [2026].commsdesk", "*.commsdesk"])
def test_stale_temporaries_are_matched_by_the_vault_name_literally(tmp_path, name):
    """Brackets in a name must not hide the vault's own leftovers; a star must not reach those
    of another vault in the same folder (its passphrase change may be running)."""
    path = tmp_path / name
    Vault.create(path, PASSPHRASE, level=TEST_LEVEL, allow_testing_level=True).close()
    own = tmp_path / f".{name}.tmp-0badc0de"
    other = tmp_path / ".other.commsdesk.tmp-0badc0de"
    own.write_bytes(b"x")
    other.write_bytes(b"x")
    Vault.open(path, PASSPHRASE).close()
    assert not own.exists() and other.exists()
