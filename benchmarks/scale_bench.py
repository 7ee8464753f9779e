"""What grows with the vault, beside its floor, at 10k and 100k conversations (1M with --sizes).

    python benchmarks/scale_bench.py [--sizes 10000 100000] [--reps 5] [--dir benchmarks/out]

Vaults of N/10 people and N conversations (half with an observation) are built once with
`synthetic.py`'s bulk path (test KDF level, so opening costs nothing) under --dir, with an
unencrypted copy beside each (`sqlcipher_export`) for the floors. Figures, interleaved (each rep
visits every size and figure in turn), min/median/max over the reps:

- lock: `AppController.lock()` itself on the UI thread (offscreen Qt, the workspace open on the
  Journal, 20 conversations and one person deleted first), the event-loop turn after it (the lock
  screen painted, the deferred full garbage collection), and `Vault.seal()` (the key wiped,
  every further use refused); beside them `Vault.close()` on the calling thread after the same
  deletions: what the worker then does (erase what was deleted, checkpoint, close).
- CLI exit: `Vault.close()` after a read with nothing deleted, what every CLI command pays as it
  leaves its `with Vault.open(...)` block.
- check: `safety.check` beside two floors on the unencrypted copy, both run by Python's own
  `sqlite3` (no encryption, no locked memory): `PRAGMA integrity_check` alone, and followed by
  FTS5's 'integrity-check' of the search index, which is what `PRAGMA integrity_check` itself does
  from SQLite 3.44 on (the SQLite inside SQLCipher is newer: its check always includes it).
- backup: `safety.backup` (purge, page copy, fsync, HMAC verification, rename) beside SQLite's
  backup API copying the unencrypted copy.
- search: `Search.run(q, limit=50)` (ids, records, snippets and highlights) over the queries of
  search_bench.py, beside plain FTS5 answering the same rule on the unencrypted copy (the best 50
  by bm25 among the 500 newest matches); one sample is the median over the queries.

Ratios are taken within each rep (figure / its floor, measured one after the other), then
summarised over the reps: under a loaded machine they vary less than the figures themselves.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))
os.environ.setdefault("COMMSDESK_TEST_KDF", "allow")  # the bench vaults use the test KDF level
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from commsdesk.storage import Vault, safety  # noqa: E402

PASSPHRASE = "benchmark passphrase"


def ensure(folder: Path, size: int, floors: bool = True) -> tuple[Path, Path]:
    from synthetic import build_bulk

    vault_path = folder / f"scale-{size}.commsdesk"
    plain = folder / f"scale-{size}.plain.sqlite"
    if not vault_path.exists():
        seconds = build_bulk(vault_path, PASSPHRASE, max(1, size // 10), size, level=0)
        print(f"built {vault_path.name} in {seconds:.1f} s ({vault_path.stat().st_size / 1e6:.0f} MB)",
              flush=True)
    if floors and not plain.exists():
        with Vault.open(vault_path, PASSPHRASE) as vault, vault.reading() as conn:
            conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(plain),))
            conn.execute("SELECT sqlcipher_export('plain')").fetchall()
            conn.execute("DETACH DATABASE plain")
    return vault_path, plain


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def delete_some(vault: Vault) -> None:
    with vault.reading() as conn:
        talks = [r[0] for r in conn.execute(
            "SELECT id FROM conversations WHERE deleted_at IS NULL ORDER BY random() LIMIT 20")]
        person = conn.execute("SELECT id FROM contacts WHERE deleted_at IS NULL"
                              " ORDER BY random() LIMIT 1").fetchone()[0]
    for talk in talks:
        vault.repos.conversations.delete(talk)
    vault.repos.contacts.delete(person)


def seal_and_close(vault_path: Path) -> tuple[float, float]:
    vault = Vault.open(vault_path, PASSPHRASE)
    delete_some(vault)
    seal = timed(vault.seal)
    close = timed(vault.close)
    return seal, close


class Gui:
    """One offscreen app and controller for every rep, as a user would lock and unlock."""

    def __init__(self) -> None:
        from PySide6.QtWidgets import QApplication

        from commsdesk.settings import Settings
        from commsdesk.ui.controller import AppController

        home = Path(tempfile.mkdtemp(prefix="commsdesk-scalebench-"))
        os.environ["XDG_CONFIG_HOME"] = str(home / "config")
        self.app = QApplication.instance() or QApplication([])
        self.controller = AppController(self.app, Settings(language="ru"), home / "settings.json")
        self.controller.window.resize(1280, 820)
        self.controller.window.show()

    def settle(self, seconds: float = 0.3) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            self.app.processEvents()
            time.sleep(0.01)

    def lock(self, vault_path: Path) -> tuple[float, float]:
        from commsdesk.ui.workspace import JOURNAL

        vault = Vault.open(vault_path, PASSPHRASE)
        delete_some(vault)
        self.controller.open_vault(vault)
        self.controller.window.workspace.go_to(JOURNAL)
        self.settle()
        ms = timed(self.controller.lock)
        after = timed(self.app.processEvents)  # paints the lock screen, runs the deferred collection
        self.controller.wait_closed()
        self.settle(0.1)
        return ms, after


def cli_exit(vault_path: Path) -> float:
    vault = Vault.open(vault_path, PASSPHRASE)
    vault.repos.conversations.count()
    return timed(vault.close)


def check(vault_path: Path) -> float:
    with Vault.open(vault_path, PASSPHRASE) as vault:
        started = time.perf_counter()
        report = safety.check(vault)
        ms = (time.perf_counter() - started) * 1000
    assert report.ok, report.problems
    return ms


def check_floor(plain: Path) -> float:
    conn = sqlite3.connect(plain)
    try:
        started = time.perf_counter()
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return (time.perf_counter() - started) * 1000
    finally:
        conn.close()


def check_floor_with_index(plain: Path) -> float:
    conn = sqlite3.connect(plain)
    try:
        started = time.perf_counter()
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 0)")
        return (time.perf_counter() - started) * 1000
    finally:
        conn.close()


FLOOR_SEARCH = ("SELECT rowid FROM (SELECT rowid, rank FROM search_fts WHERE search_fts MATCH ?"
                " ORDER BY rowid LIMIT 500) ORDER BY rank LIMIT 50")


def search(vault_path: Path) -> float:
    from search_bench import QUERIES

    with Vault.open(vault_path, PASSPHRASE) as vault:
        for query in QUERIES:  # warm-up: the analyzer's caches, the pages the queries read
            vault.repos.search.run(query, limit=50)
        return statistics.median(timed(lambda q=query: vault.repos.search.run(q, limit=50))
                                 for query in QUERIES)


def search_floor(plain: Path) -> float:
    from search_bench import QUERIES

    from commsdesk.search.query import parse

    expressions = [parse(query).fts() for query in QUERIES]
    conn = sqlite3.connect(plain)
    try:
        for expression in expressions:
            conn.execute(FLOOR_SEARCH, (expression,)).fetchall()
        return statistics.median(timed(lambda e=expression: conn.execute(FLOOR_SEARCH, (e,)).fetchall())
                                 for expression in expressions)
    finally:
        conn.close()


def backup(vault_path: Path, target: Path) -> float:
    target.unlink(missing_ok=True)
    with Vault.open(vault_path, PASSPHRASE) as vault:
        ms = timed(lambda: safety.backup(vault, target))
    target.unlink()
    return ms


def backup_floor(plain: Path, target: Path) -> float:
    target.unlink(missing_ok=True)
    source, copy = sqlite3.connect(plain), sqlite3.connect(target)
    try:
        ms = timed(lambda: source.backup(copy))
    finally:
        source.close()
        copy.close()
    target.unlink()
    return ms


def spread(values: list[float], digits: int = 1) -> str:
    return " ".join(f"{v:10.{digits}f}" for v in (min(values), statistics.median(values), max(values)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=HERE / "out")
    parser.add_argument("--skip", nargs="*", default=[],
                        choices=["gui", "lock", "check", "backup", "search"],
                        help="leave out figures (gui: the offscreen lock; lock: seal, close, CLI exit)")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    floors = not {"check", "backup", "search"} <= set(args.skip)
    files = {size: ensure(args.dir, size, floors) for size in args.sizes}
    figures: dict[tuple[int, str], list[float]] = {}
    gui = None if "gui" in args.skip else Gui()

    def add(size: int, name: str, ms: float) -> None:
        figures.setdefault((size, name), []).append(ms)
        print(f"  {size:,} {name.strip()}: {ms:.1f} ms", file=sys.stderr, flush=True)

    for rep in range(args.reps):
        for size, (vault_path, plain) in files.items():
            if gui is not None:
                lock, after = gui.lock(vault_path)
                add(size, "lock: AppController.lock() (UI thread)", lock)
                add(size, "  then next event-loop turn (paint, GC)", after)
            if "lock" not in args.skip:
                seal, close = seal_and_close(vault_path)
                add(size, "lock: seal on the UI thread", seal)
                add(size, "lock: close on the calling thread (worker)", close)
                add(size, "CLI exit: close, nothing deleted", cli_exit(vault_path))
            if "search" not in args.skip:
                add(size, "search, first 50 (median of queries)", search(vault_path))
                add(size, "  floor: plain FTS5, same rule", search_floor(plain))
            if "check" not in args.skip:
                add(size, "check", check(vault_path))
                add(size, "  floor: PRAGMA integrity_check", check_floor(plain))
                add(size, "  floor: integrity_check + FTS5 check", check_floor_with_index(plain))
            if "backup" not in args.skip:
                target = args.dir / f"scale-{size}.backup"
                add(size, "backup", backup(vault_path, target))
                add(size, "  floor: SQLite backup API", backup_floor(plain, target.with_suffix(".plain")))
        print(f"rep {rep + 1}/{args.reps} done", file=sys.stderr, flush=True)

    print(f"{time.strftime('%Y-%m-%d %H:%M %Z')}, {args.reps} reps, interleaved")
    print(f"{'conversations':>13} {'figure (ms)':40} {'min':>10} {'median':>10} {'max':>10}")
    for (size, name), values in figures.items():
        print(f"{size:>13,} {name:40} {spread(values)}")
    print(f"{'conversations':>13} {'ratio, within each rep':40} {'min':>10} {'median':>10} {'max':>10}")
    for (size, name), floor in figures.items():
        if not name.startswith("  floor: "):
            continue
        figure = next(n for (s, n) in reversed(figures) if s == size and not n.startswith("  ")
                      and list(figures).index((s, n)) < list(figures).index((size, name)))
        ratios = [a / b for a, b in zip(figures[(size, figure)], floor, strict=True)]
        print(f"{size:>13,} {figure[:18] + ' / ' + name[9:]:40} {spread(ratios, 2)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
