"""How long `check` and opening take on absurd files: `python benchmarks/absurd_files.py [REPS]`.

Interleaved, REPS times each (min/median/max seconds): `safety.check` of a small vault as it is
(the floor), of the same vault padded with zeros (sparse) to 20 GB, and opening (then refusing) a
FIFO given as a vault. The padded file must be reported at once, not read to its end.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]
os.environ.setdefault("COMMSDESK_TEST_KDF", "allow")

from commsdesk.storage import Vault, errors, safety  # noqa: E402
from helpers import add_person, add_talk  # noqa: E402

PASSPHRASE = "absurd files benchmark"
PADDED = 20 * 1000**3


def timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def check(path: Path):
    with Vault.open(path, PASSPHRASE) as vault:
        return safety.check(vault)


def fifo(path: Path):
    try:
        Vault.open(path, PASSPHRASE)
    except errors.VaultError as exc:
        return type(exc).__name__
    return "opened?!"


def main() -> int:
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        plain = base / "plain.commsdesk"
        vault = Vault.create(plain, PASSPHRASE, level=0, allow_testing_level=True)
        person = add_person(vault)
        for i in range(200):
            add_talk(vault, person.id, f"заметка {i} " + "слово " * 100)
        vault.close()
        padded = base / "padded.commsdesk"
        shutil.copyfile(plain, padded)
        os.truncate(padded, PADDED - PADDED % 4096)
        pipe = base / "pipe.commsdesk"
        os.mkfifo(pipe)
        times: dict[str, list[float]] = {"check, plain vault (floor)": [], "check, padded to 20 GB": [],
                                         "open a FIFO": []}
        outcome = {}
        for _ in range(reps):
            for name, action in (("check, plain vault (floor)", lambda: check(plain)),
                                 ("check, padded to 20 GB", lambda: check(padded)),
                                 ("open a FIFO", lambda: fifo(pipe))):
                seconds, result = timed(action)
                times[name].append(seconds)
                outcome[name] = result
    print(f"{reps} interleaved runs each; seconds min / median / max")
    for name, values in times.items():
        result = outcome[name]
        said = (("ok" if result.ok else f"{len(result.problems)} problem(s): {result.problems[0]}")
                if isinstance(result, safety.CheckReport) else result)
        print(f"  {name:28} {min(values):.3f} / {statistics.median(values):.3f} / {max(values):.3f}"
              f"   → {said}")
    floor = statistics.median(times["check, plain vault (floor)"])
    print(f"  padded / floor: {statistics.median(times['check, padded to 20 GB']) / floor:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
