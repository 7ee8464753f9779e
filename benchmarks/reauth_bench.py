"""Re-authentication: how long "type your current passphrase" takes to check, per key strength.

    python benchmarks/reauth_bench.py [--runs N] [--levels 1,3]

One check is one Argon2id derivation with the vault's own parameters plus a constant-time
comparison; it runs on the operation runner's worker thread, never on the UI thread. Prints
min / median / max seconds over N runs (default 5) for each level, right and wrong answers mixed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from commsdesk.storage.kdf import LEVELS  # noqa: E402
from commsdesk.storage.reauth import verify_passphrase  # noqa: E402
from commsdesk.storage.vault import Vault  # noqa: E402

PASSPHRASE = "correct horse battery staple"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--levels", default="1,3")
    args = parser.parse_args()
    runs = max(5, args.runs)
    for level_id in (int(x) for x in args.levels.split(",")):
        times = []
        with tempfile.TemporaryDirectory() as folder, \
                Vault.create(Path(folder) / "v.commsdesk", PASSPHRASE, level=level_id) as vault:
            for run in range(runs):
                answer = PASSPHRASE if run % 2 == 0 else PASSPHRASE + "!"
                start = time.perf_counter()
                assert verify_passphrase(vault, answer) is (answer == PASSPHRASE)
                times.append(time.perf_counter() - start)
        level = LEVELS[level_id]
        print(f"level {level_id} ({level.name}, {level.memory_kib // 1024} MiB, t={level.time_cost}): "
              f"min {min(times):.3f} s  median {statistics.median(times):.3f} s  "
              f"max {max(times):.3f} s  over {runs} checks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
