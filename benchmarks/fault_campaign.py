"""Fault-injection campaign for restore and passwd: `python benchmarks/fault_campaign.py [TRIALS] [SEED]`.

For every named step of `safety.RESTORE_STEPS` and `safety.PASSWD_STEPS`, TRIALS trials of each
action: `kill` (a child process dies just before the step, as from SIGKILL or a power cut) and
`fail` (the step raises OSError, as a full disk would). Each trial starts from a copy of one of
several vaults whose last writer crashed (acknowledged writes only in the -wal, of varied sizes)
and checks the promise: the vault opens with the old or the new passphrase and passes the
integrity check, and every acknowledged write is in the vault or in a kept copy that opens.
Prints a table of outcomes and exits 1 on any broken promise.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests"), str(ROOT / "tests" / "storage")]

import os  # noqa: E402

os.environ.setdefault("COMMSDESK_TEST_KDF", "allow")  # the campaign's vaults use the cheap test KDF
os.environ.setdefault("COMMSDESK_LANG", "en")

import fault_harness as fh  # noqa: E402


def main() -> int:
    trials = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else int(time.time())
    rng = random.Random(seed)
    broken: list[str] = []
    outcomes: Counter[tuple[str, str, str]] = Counter()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        states = [fh.make_state(base / f"state{i}", rng, checkpointed=rng.randint(1, 30),
                                in_log=rng.randint(1, 12)) for i in range(4)]
        number = 0
        for mode in ("restore", "passwd"):
            for step in fh.steps(mode):
                for action in ("kill", "fail"):
                    for _ in range(trials):
                        number += 1
                        trial = fh.copy_state(rng.choice(states), base / f"t{number}")
                        try:
                            if action == "kill":
                                fh.kill_at(mode, step, trial.folder)
                            else:
                                fh.fail_at(mode, step, trial.folder)
                            opened = fh.verify(trial)
                            outcomes[(mode, step, action + (":new" if opened == fh.NEW else ":old"))] += 1
                        except AssertionError as exc:
                            broken.append(f"{mode} {action} at {step}: {exc}")
                            outcomes[(mode, step, action + ":BROKEN")] += 1
                        finally:
                            for leftover in sorted(trial.folder.glob("*"), reverse=True):
                                leftover.unlink()
                            trial.folder.rmdir()
    elapsed = time.perf_counter() - started
    print(f"fault campaign, seed {seed}, {trials} trials per step and action, {number} trials in "
          f"{elapsed:.0f} s")
    print(f"{'operation':9} {'step':16} outcomes (vault opens with the old/new passphrase)")
    for mode in ("restore", "passwd"):
        for step in fh.steps(mode):
            cells = ", ".join(f"{kind} {n}" for (m, s, kind), n in sorted(outcomes.items())
                              if m == mode and s == step)
            print(f"{mode:9} {step:16} {cells}")
    print(f"broken promises: {len(broken)}")
    for line in broken[:20]:
        print("  " + line)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
