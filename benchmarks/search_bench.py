"""Search index rebuild time and query times on a large synthetic vault (issue 11).

    python benchmarks/search_bench.py VAULT [--rounds 5] [--rebuilds 1] [--no-search]

VAULT is built by benchmarks/synthetic.py (test KDF: `--level 0`). Opening a vault indexed by an
older analyzer rebuilds its index (the migration); that first open is timed and printed. Then
`Search.rebuild()` is timed `--rebuilds` times and each query `--rounds` times (after one warm-up
run): min / median / max in milliseconds.

To compare with another version of the code on the same data, run this script with
COMMSDESK_SRC pointing at that version's src/ folder, on a copy of the same vault (a vault opened
by the newer code is migrated and can no longer be opened by the older).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, os.environ.get("COMMSDESK_SRC") or str(HERE.parent / "src"))

from commsdesk.storage import Vault  # noqa: E402

PASSPHRASE = "benchmark passphrase"
QUERIES = ["мама", "матери", "Соловьёв", "Solovyov", "санкции цены", "санкции AND цены",
           '"о войне"', "повест*", "военкомат OR граница", "брат НЕ повестка", "кагото",
           "мобилизация", "ватсап"]


def spread(samples: list[float]) -> str:
    return (f"min {min(samples):8.1f}  median {statistics.median(samples):8.1f}"
            f"  max {max(samples):8.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("vault", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--rebuilds", type=int, default=1)
    parser.add_argument("--no-search", action="store_true")
    parser.add_argument("--passphrase", default=PASSPHRASE)
    args = parser.parse_args()
    import commsdesk

    print(f"code: {Path(commsdesk.__file__).parent}")
    started, started_cpu = time.perf_counter(), time.process_time()
    vault = Vault.open(args.vault, args.passphrase)
    print(f"first open (key derivation, migration and any index rebuild): "
          f"{time.perf_counter() - started:.1f} s wall, {time.process_time() - started_cpu:.1f} s CPU")
    with vault.reading() as conn:
        talks = conn.execute("SELECT count(*) FROM conversations").fetchone()[0]
        rows = conn.execute("SELECT count(*) FROM search_fts").fetchone()[0]
    print(f"{talks} conversations, {rows} index rows")
    try:
        if args.rebuilds:
            seconds, cpu = [], []
            for _ in range(args.rebuilds):
                start, start_cpu = time.perf_counter(), time.process_time()
                vault.repos.search.rebuild()
                seconds.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
            print(f"index rebuild, wall s ({args.rebuilds}×): {spread(seconds)}")
            print(f"index rebuild, CPU s of this process (what an idle machine would need,"
                  f" plus disk waits): {spread(cpu)}")
        if not args.no_search:
            medians = []
            print(f"search, first 50 hits, ms ({args.rounds} rounds after a warm-up):")
            for query in QUERIES:
                hits = len(vault.repos.search.run(query))
                samples = []
                for _ in range(args.rounds):
                    start = time.perf_counter()
                    vault.repos.search.run(query, limit=50)
                    samples.append((time.perf_counter() - start) * 1000)
                medians.append(statistics.median(samples))
                print(f"  {query:24} {hits:3} hits  {spread(samples)}")
            print(f"median of the queries' medians: {statistics.median(medians):.1f} ms")
    finally:
        vault.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
