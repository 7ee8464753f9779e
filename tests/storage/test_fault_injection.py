"""Restore and passphrase change, failed or killed at each of their steps in turn (issue 10, §1).

Every named step of `safety.RESTORE_STEPS` and `safety.PASSWD_STEPS` gets a kill (the process
dies there) and a failure (the step raises): the vault opens with the old or the new passphrase
and no acknowledged write is lost, including writes a crashed writer left only in the -wal.
"""

from __future__ import annotations

import random
from pathlib import Path

import fault_harness as fh
import pytest

from commsdesk.storage import Vault, errors, safety


@pytest.fixture(scope="module")
def state(tmp_path_factory) -> fh.State:
    return fh.make_state(tmp_path_factory.mktemp("state") / "s", random.Random(10))


def trial_folder(state, tmp_path, name="t") -> fh.State:
    return fh.copy_state(state, tmp_path / name)


@pytest.mark.parametrize("step", safety.RESTORE_STEPS)
def test_restore_killed_at_each_step(state, tmp_path, step):
    trial = trial_folder(state, tmp_path)
    finished = fh.kill_at("restore", step, trial.folder)
    assert not finished
    fh.verify(trial)


@pytest.mark.parametrize("step", safety.RESTORE_STEPS)
def test_restore_failing_at_each_step(state, tmp_path, step):
    trial = trial_folder(state, tmp_path)
    exc = fh.fail_at("restore", step, trial.folder)
    assert isinstance(exc, errors.VaultError)  # a message for the user, not a traceback
    # before the final rename nothing was replaced; after it (only the folder's fsync is left,
    # which in reality never raises) the backup is in place
    replaced = safety.RESTORE_STEPS.index(step) > safety.RESTORE_STEPS.index("replace")
    assert fh.verify(trial) == (fh.NEW if replaced else fh.OLD)


@pytest.mark.parametrize("step", safety.PASSWD_STEPS)
def test_passwd_killed_at_each_step(state, tmp_path, step):
    trial = trial_folder(state, tmp_path)
    assert not fh.kill_at("passwd", step, trial.folder)
    fh.verify(trial)


@pytest.mark.parametrize("step", safety.PASSWD_STEPS)
def test_passwd_failing_at_each_step(state, tmp_path, step):
    trial = trial_folder(state, tmp_path)
    exc = fh.fail_at("passwd", step, trial.folder)
    assert isinstance(exc, errors.VaultError)
    expected = fh.NEW if safety.PASSWD_STEPS.index(step) > safety.PASSWD_STEPS.index("replace") else fh.OLD
    assert fh.verify(trial) == expected


def test_without_faults_both_finish_and_a_second_restore_keeps_the_first_copy(state, tmp_path):
    trial = trial_folder(state, tmp_path)
    first = safety.restore(trial.folder / fh.NAME, trial.folder / "backup.commsdesk", fh.NEW)
    second = safety.restore(trial.folder / fh.NAME, trial.folder / "backup.commsdesk", fh.NEW)
    assert first != second and first.exists() and second.exists()
    assert fh.opens_with(first) == fh.OLD and fh.opens_with(second) == fh.NEW
    assert trial.acknowledged <= fh.uids(first, fh.OLD)
    other = trial_folder(state, tmp_path, "p")
    fh.run_operation("passwd", other.folder)
    assert fh.verify(other) == fh.NEW


def test_kept_copy_is_self_contained_when_the_key_is_given(state, tmp_path):
    """With the current key (the app), the log is checkpointed first: the kept copy is one file."""
    trial = trial_folder(state, tmp_path)
    path = trial.folder / fh.NAME
    vault = Vault.open(path, fh.OLD)
    key, salt = vault.key_copy(), vault.salt
    vault.close()
    # the app closes its vault first; a crashed writer's log may still be there
    kept = safety.restore(path, trial.folder / "backup.commsdesk", fh.NEW, current_key=(key, salt))
    assert not any(kept.with_name(kept.name + s).exists() for s in ("-wal", "-journal"))
    moved = tmp_path / "elsewhere.commsdesk"
    kept.rename(moved)  # one file, readable on its own
    assert trial.acknowledged <= fh.uids(moved, fh.OLD)


def test_restoring_a_kept_copy_brings_back_the_writes_in_its_log(state, tmp_path):
    """The command line keeps a crashed writer's log beside the kept copy. Restoring that kept
    copy (the user changed their mind) must bring back every write, not only the file's part."""
    trial = trial_folder(state, tmp_path)
    path = trial.folder / fh.NAME
    kept = safety.restore(path, trial.folder / "backup.commsdesk", fh.NEW)
    assert kept.with_name(kept.name + "-wal").exists()
    safety.restore(path, kept, fh.OLD)
    assert trial.acknowledged <= fh.uids(path, fh.OLD)


def test_restore_where_only_the_log_of_a_vanished_vault_is_left(state, tmp_path):
    """The vault file was moved away after a crash; its -wal and -shm stayed. The restored vault
    must open (SQLite would apply the other file's log to it) and the log is kept, not deleted."""
    trial = trial_folder(state, tmp_path)
    path = trial.folder / fh.NAME
    moved = tmp_path / "moved.commsdesk"
    path.rename(moved)
    log = Path(f"{path}-wal").read_bytes()
    assert safety.restore(path, trial.folder / "backup.commsdesk", fh.NEW) is None
    assert fh.opens_with(path) == fh.NEW
    assert len(fh.uids(path, fh.NEW)) == fh.BACKUP_TALKS
    kept_logs = [p for p in trial.folder.glob(f"{fh.NAME}.before-restore*-wal")]
    assert [p.read_bytes() for p in kept_logs] == [log]


def test_a_failure_after_the_passphrase_changed_does_not_say_nothing_changed(state, tmp_path):
    """Once the new file is in place, the message must say the passphrase was changed: told
    "nothing was changed", the user would keep typing the old one."""
    trial = trial_folder(state, tmp_path)
    exc = fh.fail_at("passwd", "reopen", trial.folder)
    assert fh.verify(trial) == fh.NEW
    assert isinstance(exc, errors.VaultError)
    assert "unchanged" not in str(exc) and "nothing was changed" not in str(exc).lower()
    assert "new passphrase" in str(exc)


@pytest.mark.parametrize("step", ["keep-journal", "keep-copy", "keep-fsync", "keep-rename"])
def test_a_restore_that_fails_while_keeping_leaves_no_half_kept_copy(state, tmp_path, step):
    """A log placed under the kept copy's name for a copy that never appeared would stay there
    for good, beside the vault, taking that name."""
    trial = trial_folder(state, tmp_path)
    assert isinstance(fh.fail_at("restore", step, trial.folder), errors.VaultError)
    assert not list(trial.folder.glob(f"{fh.NAME}.before-restore*"))
    assert fh.verify(trial) == fh.OLD
