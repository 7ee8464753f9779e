"""JSON import of a large export into a new vault, beside a floor, at two sizes.

    python benchmarks/import_bench.py [--sizes 10000 100000] [--reps 5]

Each size N is the export of a vault of N/10 contacts and N conversations, half with an
observation (benchmarks/export_bench.py builds the vaults under benchmarks/out/). Each run is a
child process: `import_file` into a new vault (the CLI's path: the check pass, then one
transaction; timed after the empty vault exists), and the floor: the same rows, read beforehand
from an unencrypted copy of the source vault, written with `executemany` into an empty plain
SQLite database of the same schema (tables, indexes and the FTS5 table with the same index rows)
in one transaction. Runs are interleaved (import, floor, next size…); prints min/median/max of
the wall time, the CPU time (steadier on a shared machine) and the peak RSS, and the ratios.
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

from export_bench import PASSPHRASE, ensure_vault, peak_mb, spread  # noqa: E402

os.environ["COMMSDESK_TEST_KDF"] = "allow"


def child_import(export: Path, target: Path) -> dict:
    from commsdesk.storage import Vault
    from commsdesk.transfer.json_import import import_file

    vault = Vault.create(target, PASSPHRASE, level=0, allow_testing_level=True)
    started, cpu = time.perf_counter(), time.process_time()
    summary = import_file(vault, export)
    result = {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu,
              "peak_mb": peak_mb(), "records": sum(summary.added.values())}
    vault.close()
    return result


def child_floor(plain: Path, target: Path) -> dict:
    import sqlite3

    source = sqlite3.connect(plain)
    schema = [sql for (sql,) in source.execute(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'search_fts_%'"
        " AND name NOT LIKE 'sqlite_%'"
        " ORDER BY type = 'index', rowid")]
    tables = [name for (name,) in source.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search_fts%'"
        " AND name NOT LIKE 'sqlite_%'")]
    rows = {table: source.execute(f"SELECT * FROM {table}").fetchall() for table in tables}
    fts = source.execute("SELECT rowid, * FROM search_fts ORDER BY rowid").fetchall()
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    for sql in schema:
        conn.execute(sql)
    started, cpu = time.perf_counter(), time.process_time()
    conn.execute("BEGIN")
    count = 0
    for table in tables:
        if rows[table]:
            marks = ",".join("?" * len(rows[table][0]))
            conn.executemany(f"INSERT OR IGNORE INTO {table} VALUES ({marks})", rows[table])
            count += len(rows[table])
    if fts:
        marks = ",".join("?" * len(fts[0]))
        conn.executemany(f"INSERT INTO search_fts(rowid, stems, lemmas, words, names) VALUES ({marks})",
                         fts)
    conn.execute("COMMIT")
    return {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu,
            "peak_mb": peak_mb(), "records": count}


def export_file(vault_path: Path, out: Path) -> None:
    from commsdesk.storage import Vault
    from commsdesk.transfer.json_export import export_to

    with Vault.open(vault_path, PASSPHRASE) as vault, open(out, "w", encoding="utf-8") as handle:
        export_to(vault, handle)


def run_child(mode: str, source: Path, workdir: Path) -> dict:
    target = workdir / f"{mode}-{time.monotonic_ns()}.db"
    try:
        result = subprocess.run([sys.executable, __file__, mode, str(source), str(target)],
                                capture_output=True, text=True, check=True)
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] in ("import", "floor"):
        do = child_import if sys.argv[1] == "import" else child_floor
        print(json.dumps(do(Path(sys.argv[2]), Path(sys.argv[3]))))
        return 0
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    out_dir = HERE / "out"
    out_dir.mkdir(exist_ok=True)
    sources = {}
    for size in args.sizes:
        vault_path, plain = ensure_vault(out_dir, size)
        export = out_dir / f"export-{size}.json"
        if not export.exists():
            export_file(vault_path, export)
        sources[size] = (export, plain)
    results: dict[tuple[int, str], list[dict]] = {}
    with tempfile.TemporaryDirectory(dir=out_dir) as workdir:
        for rep in range(args.reps):
            for size in args.sizes:
                for mode, source in (("import", sources[size][0]), ("floor", sources[size][1])):
                    result = run_child(mode, source, Path(workdir))
                    results.setdefault((size, mode), []).append(result)
                    print(f"  rep {rep + 1} {size:>7} {mode:<6} {result['seconds']:7.2f} s"
                          f" (CPU {result['cpu']:6.2f} s) {result['peak_mb']:6.0f} MB"
                          f" {result['records']} rows", flush=True)
    print(f"\nJSON import into a new vault, {args.reps} interleaved runs each"
          f" ({date.today().isoformat()}, {os.cpu_count()} cores)")
    for size in args.sizes:
        for mode in ("import", "floor"):
            runs = results[(size, mode)]
            print(f"{size:>7} conversations {mode:<6} time {spread([r['seconds'] for r in runs], 's')};"
                  f" CPU {spread([r['cpu'] for r in runs], 's')};"
                  f" peak RSS {spread([r['peak_mb'] for r in runs], 'MB', 0)}")
        for unit in ("seconds", "cpu"):
            ratio = (statistics.median(r[unit] for r in results[(size, "import")])
                     / statistics.median(r[unit] for r in results[(size, "floor")]))
            print(f"{size:>7} conversations import / floor (median {unit}): {ratio:.1f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
