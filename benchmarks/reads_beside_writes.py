"""How long the UI thread waits for a journal page while a worker holds a long write.

    python benchmarks/reads_beside_writes.py [--contacts N] [--conversations N] [--rounds N]
                                             [--hold SECONDS]

Builds a vault with the cheap test KDF in a temporary folder (synthetic.py's bulk path), then
times, on the main thread, what the Journal reads to show its first page (the count and the 50
newest): with the vault idle, and while a worker thread is inside a transaction that
writes conversations and then holds the write lock for `--hold` seconds. Before issue 12 the
main thread read through the writer's lock, so the second figure was the rest of the hold.
Prints min/median/max in ms over `--rounds` (≥ 5) interleaved rounds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

os.environ.setdefault("COMMSDESK_TEST_KDF", "allow")  # the bench vault uses the test KDF level
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from synthetic import build_bulk  # noqa: E402

from commsdesk.domain import Conversation  # noqa: E402
from commsdesk.storage import Vault  # noqa: E402

PASSPHRASE = "benchmark passphrase"


def read_page(vault: Vault) -> float:
    """What the Journal reads to show its first page: the count and the 50 newest."""
    start = time.perf_counter()
    vault.repos.conversations.count()
    vault.repos.conversations.list(limit=50)
    return (time.perf_counter() - start) * 1000


def hold_a_write(vault: Vault, contact_id: int, hold: float, started: threading.Event) -> threading.Thread:
    def work() -> None:
        with vault.transaction():
            for i in range(200):
                vault.repos.conversations.add(Conversation(contact_id, datetime(2026, 1, 1, 12),
                                                           notes=f"длинная запись {i}"))
            started.set()
            time.sleep(hold)

    thread = threading.Thread(target=work)
    thread.start()
    return thread


def spread(samples: list[float]) -> str:
    return (f"min {min(samples):7.2f}  median {statistics.median(samples):7.2f}"
            f"  max {max(samples):7.2f} ms")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=1000)
    parser.add_argument("--conversations", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--hold", type=float, default=1.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.commsdesk"
        build_bulk(path, PASSPHRASE, args.contacts, args.conversations, level=0)
        vault = Vault.open(path, PASSPHRASE)
        try:
            contact_id = vault.repos.contacts.list(limit=1)[0].id
            idle, beside = [], []
            for _ in range(max(5, args.rounds)):
                idle.append(read_page(vault))
                started = threading.Event()
                thread = hold_a_write(vault, contact_id, args.hold, started)
                started.wait()
                beside.append(read_page(vault))
                thread.join()
        finally:
            vault.close()
    print(f"journal page on the UI thread, {args.conversations:,} conversations, "
          f"{max(5, args.rounds)} rounds, worker holding the write lock {args.hold:.1f} s")
    print(f"  vault idle:                 {spread(idle)}")
    print(f"  beside the worker's write:  {spread(beside)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
