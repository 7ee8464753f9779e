"""Backup, restore and passphrase change: verified, atomic, and safe to kill (acceptance 4)."""

import os
import random
import signal
import subprocess
import sys
import threading
import time

import pytest

from commsdesk.storage import Vault, errors, safety
from helpers import ROOT, TEST_LEVEL, add_person, add_talk, child_env

A, B = "first passphrase one", "second passphrase two"


def filled(path, passphrase=A, talks=30):
    vault = Vault.create(path, passphrase, level=TEST_LEVEL, allow_testing_level=True)
    person = add_person(vault)
    for i in range(talks):
        add_talk(vault, person.id, f"разговор {i} " + "слово " * 200)
    return vault


def opens_with(path):
    for passphrase in (A, B):
        try:
            with Vault.open(path, passphrase) as vault:
                assert safety.check(vault).ok
            return passphrase
        except errors.WrongPassphrase:
            continue
    return None


def test_backup_under_same_and_other_passphrase(tmp_path):
    vault = filled(tmp_path / "v.commsdesk")
    safety.backup(vault, tmp_path / "same.commsdesk")
    safety.backup(vault, tmp_path / "other.commsdesk", passphrase=B)
    with pytest.raises(errors.VaultExists):
        safety.backup(vault, tmp_path / "same.commsdesk")
    vault.close()
    assert opens_with(tmp_path / "same.commsdesk") == A
    assert opens_with(tmp_path / "other.commsdesk") == B
    with Vault.open(tmp_path / "other.commsdesk", B) as copy:
        assert copy.repos.conversations.count() == 30
        assert copy.salt != vault.salt


def test_restore_verifies_then_replaces_and_keeps_a_safety_copy(tmp_path):
    original = filled(tmp_path / "v.commsdesk", talks=3)
    original.close()
    other = filled(tmp_path / "other-source.commsdesk", B, talks=7)
    safety.backup(other, tmp_path / "b.commsdesk")
    other.close()
    kept = safety.restore(tmp_path / "v.commsdesk", tmp_path / "b.commsdesk", B)
    assert opens_with(tmp_path / "v.commsdesk") == B
    with Vault.open(tmp_path / "v.commsdesk", B) as restored:
        assert restored.repos.conversations.count() == 7
    assert kept is not None and opens_with(kept) == A


@pytest.mark.parametrize("damage", ["wrong passphrase", "corrupt", "not a vault"])
def test_restore_refuses_a_bad_backup_and_changes_nothing(tmp_path, damage):
    filled(tmp_path / "v.commsdesk", talks=3).close()
    source = filled(tmp_path / "src.commsdesk", B, talks=40)
    safety.backup(source, tmp_path / "b.commsdesk")
    source.close()
    backup = tmp_path / "b.commsdesk"
    passphrase = B
    if damage == "wrong passphrase":
        passphrase = "not the right one"
    elif damage == "corrupt":
        data = bytearray(backup.read_bytes())
        data[len(data) // 2] ^= 0xFF
        backup.write_bytes(bytes(data))
    else:
        backup.write_bytes(os.urandom(8192))
    before = (tmp_path / "v.commsdesk").read_bytes()
    names = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(errors.VaultError):
        safety.restore(tmp_path / "v.commsdesk", backup, passphrase)
    assert (tmp_path / "v.commsdesk").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == names


def test_change_passphrase(tmp_path):
    vault = filled(tmp_path / "v.commsdesk")
    old_salt = vault.salt
    vault = safety.change_passphrase(vault, B)
    assert vault.salt != old_salt
    assert vault.repos.conversations.count() == 30
    vault.close()
    assert opens_with(tmp_path / "v.commsdesk") == B
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v.commsdesk"]


def test_change_passphrase_rejects_a_weak_one_and_keeps_the_old(tmp_path):
    vault = filled(tmp_path / "v.commsdesk")
    with pytest.raises(errors.WeakPassphrase):
        safety.change_passphrase(vault, "short")
    vault.close()
    assert opens_with(tmp_path / "v.commsdesk") == A


@pytest.mark.parametrize("fail_at", range(4))
def test_passwd_interrupted_at_each_step_leaves_old_or_new(tmp_path, monkeypatch, fail_at):
    """Deterministic interruption: each file operation of the change fails in turn."""
    vault = filled(tmp_path / "v.commsdesk")
    calls = {"n": 0}
    real_replace, real_fsync = os.replace, os.fsync

    def flaky(fn):
        def wrapper(*args, **kwargs):
            calls["n"] += 1
            if calls["n"] == fail_at + 1:
                raise KeyboardInterrupt("killed")
            return fn(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(os, "replace", flaky(real_replace))
    monkeypatch.setattr(os, "fsync", flaky(real_fsync))
    try:
        safety.change_passphrase(vault, B).close()
    except KeyboardInterrupt:
        pass
    finally:
        vault.close()
    monkeypatch.undo()
    assert opens_with(tmp_path / "v.commsdesk") in (A, B)


def _kill_trials(tmp_path, mode, trials, rng):
    path = tmp_path / "v.commsdesk"
    filled(path, talks=400).close()
    backups = []
    if mode == "restore":
        for passphrase, name in ((A, "a.commsdesk"), (B, "b.commsdesk")):
            source = filled(tmp_path / f"src-{name}", passphrase, talks=400)
            safety.backup(source, tmp_path / name)
            source.close()
            backups.append(str(tmp_path / name))
    outcomes = set()
    for _ in range(trials):
        child = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "storage" / "rekey_child.py"), mode, str(path),
             *backups], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env(), text=True)
        assert child.stdout.readline().strip() == "start"
        time.sleep(rng.uniform(0.0, 0.25))
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate(timeout=60)
        outcomes.add("done" in out)
        assert opens_with(path) in (A, B), err
    return outcomes


@pytest.mark.parametrize("mode", ["passwd", "restore"])
def test_killed_midway_the_vault_opens_with_one_of_the_two(tmp_path, mode):
    # Random kills as a cross-check; every step is killed deterministically in test_fault_injection.
    outcomes = _kill_trials(tmp_path, mode, trials=5, rng=random.Random(7))
    print(mode, "finished before the kill in some trials:", True in outcomes,
          "killed midway in some:", False in outcomes)
    assert False in outcomes  # the kills really landed while the operation was running


def test_integrity_check_reports_ok(vault):
    report = safety.check(vault)
    assert report.ok and report.counts["dimensions"] == 4


def test_a_write_made_while_the_passphrase_changes_is_kept_or_refused(tmp_path, monkeypatch):
    """Another thread of the app (a reader's progress, a draft) writes after the copy was made
    but before the old file is replaced: it must end up in the new file or be refused, never be
    confirmed and then vanish with the old file."""
    path = tmp_path / "v.commsdesk"
    vault = Vault.create(path, A, level=TEST_LEVEL, allow_testing_level=True)
    person = add_person(vault)
    written, refused = [], []

    def write():
        try:
            written.append(add_talk(vault, person.id, "во время смены").uid)
        except errors.VaultError:
            refused.append(True)

    def hook(step):
        if step == "verify-copy":
            other = threading.Thread(target=write)
            other.start()
            other.join()

    monkeypatch.setattr(safety, "step_hook", hook)
    new = safety.change_passphrase(vault, "another long passphrase")
    try:
        with new.reading() as conn:
            stored = {r[0] for r in conn.execute("SELECT uid FROM conversations")}
    finally:
        new.close()
    assert refused or set(written) <= stored


@pytest.mark.parametrize("other", [None, B])
@pytest.mark.parametrize("damage", ["flip", "truncate", "tail"])
def test_a_backup_damaged_before_its_verification_is_refused_and_removed(tmp_path, monkeypatch, damage,
                                                                         other):
    """The page copy is verified by every page's HMAC, its length and its counts: bytes changed
    between the copy and the check (a failing stick, a bad cable) never become a backup."""
    vault = filled(tmp_path / "v.commsdesk", talks=5)
    fsync = safety._fsync_file

    def damaging_fsync(path):
        data = bytearray(path.read_bytes())
        if damage == "flip":
            data[len(data) // 2] ^= 0x01
        elif damage == "truncate":
            data = data[:-4096]
        else:
            data += b"\0" * 4096
        path.write_bytes(bytes(data))
        fsync(path)

    monkeypatch.setattr(safety, "_fsync_file", damaging_fsync)
    with pytest.raises(errors.VaultDamaged):
        safety.backup(vault, tmp_path / "b.commsdesk", passphrase=other)
    vault.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v.commsdesk"]


def test_a_backup_under_the_vaults_own_key_is_its_file_byte_for_byte(tmp_path):
    """Same key, same salt: the encrypted pages are copied as they are, none decrypted."""
    vault = filled(tmp_path / "v.commsdesk", talks=5)
    try:
        vault.repos.conversations.delete(vault.repos.conversations.list()[0].id)
        safety.backup(vault, tmp_path / "b.commsdesk")
        assert (tmp_path / "b.commsdesk").read_bytes() == (tmp_path / "v.commsdesk").read_bytes()
    finally:
        vault.close()
    with Vault.open(tmp_path / "b.commsdesk", A) as copy:
        assert safety.check(copy).ok and copy.repos.conversations.count() == 4


def test_check_reports_a_search_index_that_no_longer_matches_the_records(tmp_path):
    vault = filled(tmp_path / "v.commsdesk", talks=3)
    try:
        assert safety.check(vault).ok
        with vault.transaction() as conn:
            conn.execute("UPDATE search_fts_content SET c0 = 'совсем другие слова'")
        assert not safety.check(vault).ok
    finally:
        vault.close()
