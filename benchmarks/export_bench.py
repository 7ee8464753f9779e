"""JSON export of a large vault: time and peak memory, beside a floor, at two sizes.

    python benchmarks/export_bench.py [--sizes 10000 100000] [--reps 5]

Each size N is a vault of N/10 contacts and N conversations, half of them with an observation, with
the text of benchmarks/synthetic.py. The vaults are built under benchmarks/out/ (ignored by git)
by synthetic.py's bulk path (`build_bulk`: batched INSERTs of the repositories' own rows, then one
index rebuild). Each run is a child process: `export_to` into
a file (the CLI's path, timed after the vault is open), and the floor: a plain `SELECT` of the same
tables on an unencrypted SQLite copy, each row through `json.dumps` into a file. Runs are
interleaved (export, floor, next size…); prints min/median/max of the wall time, of the CPU time
(steadier on a shared machine) and of the peak RSS (VmHWM), and the linearity: the median time
and memory at the largest size over the smallest.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "src"), str(HERE)]

PASSPHRASE = "benchmark passphrase"
# The vaults use the cheap test KDF (8 MiB): the children's peak is the export's, not Argon2's.
os.environ["COMMSDESK_TEST_KDF"] = "allow"
TABLES = ("dimensions", "contacts", "tags", "contact_tags", "conversations", "conversation_techniques",
          "observations", "plans", "plan_steps", "reminders", "reflections", "stage_changes",
          "prep_sheets")


def peak_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(path: Path, conversations: int, seed: int = 2022) -> None:
    """The bulk path of benchmarks/synthetic.py: one person per ten conversations."""
    from synthetic import build_bulk

    build_bulk(path, PASSPHRASE, max(1, conversations // 10), conversations, 0, seed=seed)


def plain_copy(vault_path: Path, target: Path) -> None:
    from commsdesk.storage import Vault

    with Vault.open(vault_path, PASSPHRASE) as vault, vault.reading() as conn:
        conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(target),))
        conn.execute("SELECT sqlcipher_export('plain')").fetchall()
        conn.execute("DETACH DATABASE plain")


def ensure_vault(out_dir: Path, size: int) -> tuple[Path, Path]:
    """The benchmark vault of `size` conversations and its unencrypted copy, built once."""
    vault_path = out_dir / f"export-{size}.commsdesk"
    plain = out_dir / f"export-{size}.plain.sqlite"
    if not vault_path.exists():
        started = time.perf_counter()
        build(vault_path, size)
        print(f"built {vault_path.name} ({size // 10} contacts, {size} conversations) in"
              f" {time.perf_counter() - started:.0f} s, {vault_path.stat().st_size / 1e6:.0f} MB",
              flush=True)
    if not plain.exists():
        plain_copy(vault_path, plain)
    return vault_path, plain


def child_export(vault_path: Path, out: Path) -> dict:
    from commsdesk.storage import Vault
    from commsdesk.transfer.json_export import export_to

    vault = Vault.open(vault_path, PASSPHRASE)
    started, cpu = time.perf_counter(), time.process_time()
    with open(out, "x", encoding="utf-8") as handle:
        export_to(vault, handle)
    return {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu,
            "peak_mb": peak_mb(), "bytes": out.stat().st_size}


def child_floor(plain: Path, out: Path) -> dict:
    import sqlite3

    conn = sqlite3.connect(plain)
    started, cpu = time.perf_counter(), time.process_time()
    with open(out, "x", encoding="utf-8") as handle:
        for table in TABLES:
            cursor = conn.execute(f"SELECT * FROM {table}")
            while rows := cursor.fetchmany(500):
                for row in rows:
                    handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu,
            "peak_mb": peak_mb(), "bytes": out.stat().st_size}


def run_child(mode: str, source: Path, workdir: Path) -> dict:
    out = workdir / f"{mode}-{time.monotonic_ns()}.json"
    try:
        result = subprocess.run([sys.executable, __file__, mode, str(source), str(out)],
                                capture_output=True, text=True, check=True)
    finally:
        out.unlink(missing_ok=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def spread(values: list[float], unit: str, digits: int = 2) -> str:
    return (f"min {min(values):.{digits}f} / median {statistics.median(values):.{digits}f}"
            f" / max {max(values):.{digits}f} {unit}")


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] in ("export", "floor"):
        do = child_export if sys.argv[1] == "export" else child_floor
        print(json.dumps(do(Path(sys.argv[2]), Path(sys.argv[3]))))
        return 0
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    out_dir = HERE / "out"
    out_dir.mkdir(exist_ok=True)
    vaults = {size: ensure_vault(out_dir, size) for size in args.sizes}
    results: dict[tuple[int, str], list[dict]] = {}
    with tempfile.TemporaryDirectory(dir=out_dir) as workdir:
        for rep in range(args.reps):
            for size in args.sizes:
                for mode, source in (("export", vaults[size][0]), ("floor", vaults[size][1])):
                    result = run_child(mode, source, Path(workdir))
                    results.setdefault((size, mode), []).append(result)
                    print(f"  rep {rep + 1} {size:>7} {mode:<6} {result['seconds']:7.2f} s"
                          f" (CPU {result['cpu']:6.2f} s) {result['peak_mb']:6.0f} MB", flush=True)
    print(f"\nJSON export, {args.reps} interleaved runs each ({date.today().isoformat()},"
          f" {os.cpu_count()} cores)")
    for size in args.sizes:
        for mode in ("export", "floor"):
            runs = results[(size, mode)]
            print(f"{size:>7} conversations {mode:<6} time {spread([r['seconds'] for r in runs], 's')};"
                  f" CPU {spread([r['cpu'] for r in runs], 's')};"
                  f" peak RSS {spread([r['peak_mb'] for r in runs], 'MB', 0)};"
                  f" file {runs[0]['bytes'] / 1e6:.0f} MB")
        ratio = (statistics.median(r["seconds"] for r in results[(size, "export")])
                 / statistics.median(r["seconds"] for r in results[(size, "floor")]))
        print(f"{size:>7} conversations export / floor (median time): {ratio:.1f}×")
    if len(args.sizes) > 1:
        small, large = min(args.sizes), max(args.sizes)
        for mode in ("export", "floor"):
            t = (statistics.median(r["seconds"] for r in results[(large, mode)])
                 / statistics.median(r["seconds"] for r in results[(small, mode)]))
            m = (statistics.median(r["peak_mb"] for r in results[(large, mode)])
                 / statistics.median(r["peak_mb"] for r in results[(small, mode)]))
            print(f"linearity {mode:<6} {large}/{small} (×{large / small:.0f} records):"
                  f" time ×{t:.1f}, peak RSS ×{m:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
