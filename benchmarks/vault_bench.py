"""Vault speed on a 10k-contact / 100k-conversation vault, against plain SQLite on the same data.

    python benchmarks/vault_bench.py [--contacts N] [--conversations N] [--rounds N]

Builds the vault once under benchmarks/out/ (ignored by git) with the production KDF, makes a
plain (unencrypted) SQLite copy of it, and prints medians: open after key derivation, search
(first 50 hits), durable insert of one conversation, and the same search and insert on the copy.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

import sqlcipher3  # noqa: E402
from synthetic import build  # noqa: E402

from commsdesk.domain import Conversation  # noqa: E402
from commsdesk.storage import Vault, connection  # noqa: E402
from commsdesk.storage.kdf import derive_key  # noqa: E402

PASSPHRASE = "benchmark passphrase"
QUERIES = ["мама", "Соловьёв", "санкции цены", '"о войне"', "повест*", "военкомат OR граница",
           "кагото"]
TARGETS = {"open": 150.0, "search": 20.0, "insert": 10.0, "ratio": 1.3}


def median_ms(fn, rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def plain_copy(vault: Vault, target: Path) -> Vault:
    """The same data in an unencrypted SQLite file, opened through the same repository code."""
    if not target.exists():
        with vault.reading() as conn:
            conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(target),))
            conn.execute("SELECT sqlcipher_export('plain')").fetchall()
            conn.execute("DETACH DATABASE plain")
    conn = sqlcipher3.connect(str(target), isolation_level=None, check_same_thread=False)
    connection.harden(conn)
    return Vault(target, conn, bytearray(32), bytes(16))


def measure(vault: Vault, rounds: int) -> dict[str, float]:
    search = vault.repos.search
    for query in QUERIES:  # warm the page cache as a running app would have it
        search.run(query)
    per_query = {q: median_ms(lambda q=q: search.run(q, limit=50), rounds) for q in QUERIES}
    contact_id = vault.repos.contacts.list(limit=1)[0].id

    def insert() -> None:
        vault.repos.conversations.add(Conversation(
            contact_id, datetime(2026, 11, 24, 12, 0),
            notes="Короткая заметка о разговоре с мамой про дачу и новости."))

    return {"search": statistics.median(per_query.values()),
            "search_worst": max(per_query.values()), "insert": median_ms(insert, rounds),
            **{f"q:{q}": ms for q, ms in per_query.items()}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    path = out / f"bench-{args.contacts}-{args.conversations}.commsdesk"
    if not path.exists():
        seconds = build(path, PASSPHRASE, args.contacts, args.conversations, level=1)
        print(f"built {path.name} in {seconds:.0f} s")
    size_mb = path.stat().st_size / 1e6

    salt = connection.inspect_existing(path)
    start = time.perf_counter()
    key = derive_key(PASSPHRASE, salt)
    kdf_ms = (time.perf_counter() - start) * 1000

    def open_close() -> None:
        Vault.open_with_key(path, bytearray(key), salt)._conn.close()

    open_ms = median_ms(open_close, args.rounds)
    vault = Vault.open_with_key(path, bytearray(key), salt)
    encrypted = measure(vault, args.rounds)
    plain = plain_copy(vault, out / f"plain-{args.contacts}-{args.conversations}.sqlite")
    baseline = measure(plain, args.rounds)
    counts = (vault.repos.contacts.count(None), vault.repos.conversations.count())
    plain._conn.close()
    vault._conn.close()

    ratio_search = encrypted["search"] / baseline["search"]
    ratio_insert = encrypted["insert"] / baseline["insert"]
    rows = [
        ("vault", f"{counts[0]:,} active contacts, {counts[1]:,} conversations, {size_mb:.0f} MB"),
        ("key derivation (Argon2id, standard)", f"{kdf_ms:.0f} ms"),
        ("open after KDF", f"{open_ms:.1f} ms (target ≤ {TARGETS['open']:.0f})"),
        ("search, first 50 hits (median of queries)",
         f"{encrypted['search']:.1f} ms vs plain {baseline['search']:.1f} ms = {ratio_search:.2f}×"
         f" (target ≤ {TARGETS['search']:.0f} ms, ≤ {TARGETS['ratio']}×)"),
        ("search, slowest query", f"{encrypted['search_worst']:.1f} ms vs plain"
                                  f" {baseline['search_worst']:.1f} ms"),
        ("durable insert of one conversation",
         f"{encrypted['insert']:.2f} ms vs plain {baseline['insert']:.2f} ms = {ratio_insert:.2f}×"
         f" (target ≤ {TARGETS['insert']:.0f} ms)"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    print("per query (encrypted / plain, ms):")
    for query in QUERIES:
        print(f"  {query:<24} {encrypted['q:' + query]:7.2f} / {baseline['q:' + query]:7.2f}")
    ok = (open_ms <= TARGETS["open"] and encrypted["search"] <= TARGETS["search"]
          and ratio_search <= TARGETS["ratio"] and encrypted["insert"] <= TARGETS["insert"])
    print("all targets met" if ok else "SOME TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
