"""Travel mode on a large vault: how long `out` (backup, read-back check, removal) and `back` take.

    python benchmarks/travel_bench.py [--contacts N] [--conversations N] [--rounds N]

Builds the vault once under benchmarks/out/ (ignored by git) with the cheap test KDF, so the
figures are the copying, checking and export digests, not key derivation (add one derivation at
the vault's level for `back`, which opens the backup once). Each round copies the vault into a
fresh private home (XDG folders), opens it, runs `travel_out` to another folder, then
`travel_back`. Prints min / median / max seconds over the rounds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))
os.environ.setdefault("COMMSDESK_TEST_KDF", "allow")  # the cheap level, here only

from synthetic import build  # noqa: E402

from commsdesk import travel  # noqa: E402
from commsdesk.paths import default_vault_path  # noqa: E402
from commsdesk.storage import Vault  # noqa: E402

PASSPHRASE = "benchmark passphrase"


def private_home(base: Path) -> None:
    for name in ("config", "data", "cache", "state"):
        (base / name).mkdir(parents=True)
    os.environ.update(HOME=str(base), XDG_CONFIG_HOME=str(base / "config"),
                      XDG_DATA_HOME=str(base / "data"), XDG_CACHE_HOME=str(base / "cache"),
                      XDG_STATE_HOME=str(base / "state"))


def spread(label: str, values: list[float]) -> None:
    print(f"{label:<28} min {min(values):7.2f} s   median {statistics.median(values):7.2f} s"
          f"   max {max(values):7.2f} s   (n={len(values)})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=1_000)
    parser.add_argument("--conversations", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    source = HERE / "out" / f"travel-{args.contacts}-{args.conversations}.commsdesk"
    if not source.exists():
        source.parent.mkdir(parents=True, exist_ok=True)
        seconds = build(source, PASSPHRASE, args.contacts, args.conversations, level=0)
        print(f"built {source.name} in {seconds:.1f} s")
    print(f"vault: {source.stat().st_size / 2**20:.1f} MiB, {args.contacts} people, "
          f"{args.conversations} conversations")
    outs, backs = [], []
    for _round in range(max(5, args.rounds)):
        with tempfile.TemporaryDirectory(dir=HERE / "out") as scratch:
            private_home(Path(scratch) / "home")
            vault_path = default_vault_path()
            vault_path.parent.mkdir(parents=True)
            shutil.copyfile(source, vault_path)
            usb = Path(scratch) / "usb"
            usb.mkdir()
            vault = Vault.open(vault_path, PASSPHRASE)
            started = time.perf_counter()
            travel.travel_out(vault, usb / "trip.commsdesk")
            outs.append(time.perf_counter() - started)
            started = time.perf_counter()
            travel.travel_back(usb / "trip.commsdesk", PASSPHRASE)
            backs.append(time.perf_counter() - started)
    spread("travel out (backup + check)", outs)
    spread("travel back (restore)", backs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
