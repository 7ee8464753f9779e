"""A longer crash campaign than the test suite's: `python benchmarks/crash_campaign.py [TRIALS]`.

Each trial kills a writing child with SIGKILL at a random moment, then checks that the vault
opens, passes the integrity check, and holds every write the child reported as committed.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests"), str(ROOT / "tests" / "storage")]

from crash_harness import prepare, trial  # noqa: E402


def main() -> int:
    trials = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    rng = random.Random(int(time.time()))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "crash.commsdesk"
        prepare(path)
        started, reported = time.perf_counter(), 0
        for number in range(1, trials + 1):
            count, stored = trial(path, rng)
            reported += count
            if number % 25 == 0:
                print(f"{number} trials, {reported} committed writes checked, {stored} stored")
    print(f"{trials} kills, no committed write lost, every vault intact "
          f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
