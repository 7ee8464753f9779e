"""Deterministic fault injection for the operations that replace the vault file.

A *state* is a vault whose last writer crashed: some acknowledged writes are only in its `-wal`.
A *trial* copies that state into a fresh folder, runs restore or passwd with a fault at one
named step (`kill`: the process dies there, as from SIGKILL or a power cut; `fail`: the step
raises OSError, as a full disk would), and checks the promise: the vault opens with the old or
the new passphrase, passes the integrity check, and every acknowledged write is in the vault or
in a kept copy that opens. Shared by tests/storage/test_fault_injection.py (each step once) and
benchmarks/fault_campaign.py (each step × 20, with varied states).
"""

from __future__ import annotations

import errno
import os
import random
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from commsdesk.storage import Vault, errors, safety
from helpers import ROOT, TEST_LEVEL, add_person, add_talk, child_env

OLD, NEW = "old passphrase of the vault", "new passphrase after the change"
NAME = "v.commsdesk"
BACKUP_TALKS = 5


@dataclass
class State:
    folder: Path  # holds NAME (+ -wal, -shm) and backup.commsdesk
    acknowledged: set[str]


CRASHING_WRITER = """
import os, sys
from pathlib import Path
from commsdesk.storage import Vault
from helpers import add_talk
vault = Vault.open(Path(sys.argv[1]), sys.argv[2])
person = vault.repos.contacts.list(limit=1)[0]
for i in range(int(sys.argv[3])):
    talk = add_talk(vault, person.id, f"после сбоя {i} " + "слово " * int(sys.argv[4]))
    print(talk.uid, flush=True)
os._exit(0)  # no close: the committed frames stay in the -wal, as after a crash
"""


def make_state(folder: Path, rng: random.Random, *, checkpointed: int = 8, in_log: int = 6) -> State:
    """A vault with `checkpointed` writes in its file and `in_log` more only in its -wal."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / NAME
    vault = Vault.create(path, OLD, level=TEST_LEVEL, allow_testing_level=True)
    person = add_person(vault)
    acknowledged = {add_talk(vault, person.id, f"запись {i} " + "текст " * rng.randint(1, 400)).uid
                    for i in range(checkpointed)}
    vault.close()
    words = str(rng.randint(5, 600))
    out = subprocess.run([sys.executable, "-c", CRASHING_WRITER, str(path), OLD, str(in_log), words],
                         capture_output=True, text=True, env=child_env(), check=True).stdout
    acknowledged |= set(out.split())
    assert Path(f"{path}-wal").stat().st_size > 0, "the crashed writer left no log"
    source = Vault.create(folder / "source.commsdesk", NEW, level=TEST_LEVEL, allow_testing_level=True)
    other = add_person(source, "Брат")
    for i in range(BACKUP_TALKS):
        add_talk(source, other.id, f"из копии {i}")
    safety.backup(source, folder / "backup.commsdesk")
    source.close()
    for leftover in folder.glob("source.commsdesk*"):
        leftover.unlink()
    return State(folder, acknowledged)


def copy_state(state: State, target: Path) -> State:
    shutil.copytree(state.folder, target)
    return State(target, set(state.acknowledged))


def steps(mode: str) -> tuple[str, ...]:
    return safety.RESTORE_STEPS if mode == "restore" else safety.PASSWD_STEPS


def run_operation(mode: str, folder: Path) -> None:
    path = folder / NAME
    if mode == "restore":
        safety.restore(path, folder / "backup.commsdesk", NEW)
    else:
        safety.change_passphrase(Vault.open(path, OLD), NEW).close()


def install_fault(step: str, action: str) -> None:
    def hook(name: str) -> None:
        if name != step:
            return
        if action == "kill":
            os._exit(137)
        raise OSError(errno.EIO, "injected failure")

    safety.step_hook = hook


CHILD = """
import sys
from pathlib import Path
sys.path[:0] = [sys.argv[4], sys.argv[5]]
import fault_harness
fault_harness.install_fault(sys.argv[2], "kill")
fault_harness.run_operation(sys.argv[1], Path(sys.argv[3]))
print("finished", flush=True)
"""


def kill_at(mode: str, step: str, folder: Path) -> bool:
    """Run the operation in a child that dies just before `step`; True if it finished instead."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode, step, str(folder), str(ROOT / "tests"),
         str(ROOT / "tests" / "storage")], capture_output=True, text=True, env=child_env(), timeout=120)
    assert done.returncode in (0, 137), done.stderr
    return "finished" in done.stdout


def fail_at(mode: str, step: str, folder: Path) -> BaseException | None:
    install_fault(step, "fail")
    try:
        run_operation(mode, folder)
    except (errors.VaultError, OSError) as exc:
        return exc
    finally:
        safety.step_hook = None
    return None


def uids(path: Path, passphrase: str) -> set[str]:
    with Vault.open(path, passphrase) as vault:
        report = safety.check(vault)
        assert report.ok, report.problems
        with vault.reading() as conn:
            return {r[0] for r in conn.execute("SELECT uid FROM conversations")}


def opens_with(path: Path) -> str:
    for passphrase in (OLD, NEW):
        try:
            Vault.open(path, passphrase).close()
            return passphrase
        except errors.WrongPassphrase:
            continue
    raise AssertionError(f"{path.name} opens with neither passphrase")


def kept_copies(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob(f"{NAME}.before-restore*")
                  if not p.name.endswith(("-wal", "-shm", "-journal")))


def verify(state: State) -> str:
    """The promise after a fault; returns which passphrase the vault opens with."""
    path = state.folder / NAME
    passphrase = opens_with(path)
    found = uids(path, passphrase)
    for kept in kept_copies(state.folder):
        assert opens_with(kept) == OLD, kept.name
        found |= uids(kept, OLD)
    lost = state.acknowledged - found
    assert not lost, f"{len(lost)} acknowledged writes are in neither the vault nor a kept copy"
    if passphrase == NEW:
        with Vault.open(path, NEW) as vault:
            count = vault.repos.conversations.count()
        expected = BACKUP_TALKS if (state.folder / "backup.commsdesk").exists() else None
        # restore brings the backup; passwd keeps every write under the new passphrase
        assert count in (expected, len(state.acknowledged)), count
    return passphrase
