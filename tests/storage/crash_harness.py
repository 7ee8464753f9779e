"""Kill a writing child with SIGKILL at a random moment and check what survived.

Shared by the test suite (20 trials) and benchmarks/crash_campaign.py (many more).
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from commsdesk.storage import Vault, safety
from helpers import PASSPHRASE, ROOT, TEST_LEVEL, add_person, child_env


def prepare(path: Path) -> None:
    vault = Vault.create(path, PASSPHRASE, level=TEST_LEVEL, allow_testing_level=True)
    add_person(vault, "Мама")
    vault.close()


def trial(path: Path, rng: random.Random) -> tuple[int, int]:
    """One kill; returns (writes reported committed, conversations found). Raises on loss."""
    child = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "storage" / "crash_child.py"), str(path)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=child_env(), text=True)
    time.sleep(rng.uniform(0.15, 0.9))
    child.send_signal(signal.SIGKILL)
    out, _ = child.communicate(timeout=30)
    reported = [line for line in out.splitlines() if line.strip()]
    with Vault.open(path, PASSPHRASE) as vault:
        report = safety.check(vault)
        assert report.ok, report.problems
        with vault.reading() as conn:
            stored = {r[0] for r in conn.execute("SELECT uid FROM conversations")}
            orphans = conn.execute(
                "SELECT count(*) FROM conversations v WHERE NOT EXISTS (SELECT 1 FROM observations o"
                " WHERE o.conversation_id = v.id)").fetchone()[0]
    missing = [uid for uid in reported if uid not in stored]
    assert not missing, f"{len(missing)} committed writes lost"
    assert orphans == 0, "a transaction was torn: conversation without its observation"
    return len(reported), len(stored)
