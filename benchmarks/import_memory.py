"""Peak memory of importing a JSON export, measured in a child process per run:
`python benchmarks/import_memory.py [--conversations 100000] [--vault BIG.commsdesk] [--reps 3]`.

Cases: 60 MB of `{}` objects in an unknown section and in a known one, 60 MB of valid records with
the longest uids and no header (all refused), and an export with --conversations conversations
(written record by record with the vocabulary of benchmarks/synthetic.py, half of them with an
observation) imported into a new vault; with --vault, the export of that vault instead. Prints the
peak RSS (min/median/max over the repetitions) beside the promised bound, 3 × file size + 150 MB,
and the RSS of a child that loads everything but imports nothing. --parallel runs the repetitions
of a case at the same time (each child's own peak is measured all the same).
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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src")]
MB = 1024 * 1024
PASSPHRASE = "benchmark passphrase"


def child(path: Path, target: Path) -> None:
    from commsdesk.storage import Vault
    from commsdesk.transfer.json_import import ImportInvalid, import_file

    vault = Vault.create(target, PASSPHRASE, level=0, allow_testing_level=True)
    started = time.perf_counter()
    if path.name == "nothing":
        outcome = "baseline"
    else:
        try:
            summary = import_file(vault, path)
            outcome = f"accepted {sum(summary.added.values())} records"
        except ImportInvalid as refused:
            outcome = "refused: " + refused.user_message().splitlines()[1][:70]
    vault.close()
    print(f"{outcome} in {time.perf_counter() - started:.1f} s")


def measure(path: Path, folder: Path) -> tuple[float, str]:
    """Peak RSS in MB of one child importing `path` into a new vault (wait4: this child's own)."""
    target = folder / f"target-{time.monotonic_ns()}.commsdesk"
    process = subprocess.Popen([sys.executable, __file__, "--child", str(path), str(target)],
                               stdout=subprocess.PIPE, text=True)
    output = process.stdout.read().strip()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    if process.returncode:
        raise SystemExit(f"child failed on {path}: {output}")
    return usage.ru_maxrss / 1024, output


def hostile(folder: Path, section: str, size: int = 60 * 1000 * 1000) -> Path:
    path = folder / f"empty-objects-{section}.json"
    head = b'{"format": "commsdesk-export", "version": 1, "' + section.encode() + b'": ['
    with open(path, "wb") as handle:
        handle.write(head)
        handle.write(b"{}," * ((size - len(head)) // 3))
        handle.write(b"{}]}")
    return path


def uid_heavy(folder: Path, size: int = 60 * 1000 * 1000) -> Path:
    """Valid records with the longest uids allowed and no header: every uid is kept until the end
    of the file shows it is not an export."""
    path = folder / "long-uids.json"
    with open(path, "wb") as handle:
        handle.write(b'{"library_marks": [')
        written, number = 0, 0
        while written < size:
            record = (b'{"uid": "%098d", "article_id": "a", "bookmarked": false, "progress": 0,'
                      b' "note": ""},' % number)
            handle.write(record)
            written += len(record)
            number += 1
        handle.write(b'{}]}')
    return path


def synthetic_export(folder: Path, conversations: int, contacts: int = 2000, seed: int = 2022) -> Path:
    """An export as the app writes it, produced one record at a time (no vault, no whole document)."""
    import random
    from datetime import date, datetime, timedelta

    from synthetic import COMMON, sentence, vocabulary

    rng = random.Random(seed)
    words, weights = vocabulary(rng)
    stamp = "2026-11-24T18:00:00+00:00"
    path = folder / f"export-{conversations}.json"
    contact_uids = [f"c-{i:08d}" for i in range(contacts)]

    def section(handle, name: str, records) -> None:
        handle.write(f',\n "{name}": [\n'.encode())
        for number, record in enumerate(records):
            handle.write((",\n" if number else "").encode() + json.dumps(record, ensure_ascii=False).encode())
        handle.write(b"\n ]")

    def talks():
        start = datetime(2024, 1, 1, 9, 0)
        for i in range(conversations):
            when = start + timedelta(days=rng.randint(0, 900), hours=rng.randint(0, 12))
            yield {"uid": f"t-{i:08d}", "contact_uid": rng.choice(contact_uids),
                   "occurred_at": when.isoformat(timespec="minutes"), "channel": "phone",
                   "duration_minutes": rng.randint(5, 90), "topics": rng.sample(COMMON, 2),
                   "techniques": [], "notes": sentence(rng, words, weights), "temperature": "calm",
                   "ending": "warm", "self_rating": rng.randint(1, 5), "follow_up_on": None,
                   "created_at": stamp, "updated_at": stamp}

    def observations():
        for i in range(0, conversations, 2):
            yield {"uid": f"o-{i:08d}", "contact_uid": contact_uids[i % contacts],
                   "dimension_uid": "builtin:openness", "observed_on": date(2025, 1, 1).isoformat(),
                   "value": rng.randint(0, 10), "evidence": " ".join(rng.choices(words, weights, k=10)),
                   "conversation_uid": None, "created_at": stamp, "updated_at": stamp}

    people = ({"uid": uid, "display_name": f"{rng.choice(COMMON).capitalize()} {i}", "relationship": "friend",
               "region": "", "age_group": "unknown", "channels": ["phone"], "media_diet": [],
               "values_interests": " ".join(rng.choices(words, weights, k=8)), "topics_to_avoid": "",
               "safety_notes": "", "tags": [], "stay_in_touch_weeks": None, "archived": False,
               "phones": [], "address": "", "created_at": stamp, "updated_at": stamp}
              for i, uid in enumerate(contact_uids))
    with open(path, "wb") as handle:
        handle.write(b'{"format": "commsdesk-export", "version": 1, "exported_at": "%s"' % stamp.encode())
        section(handle, "contacts", people)
        section(handle, "conversations", talks())
        section(handle, "observations", observations())
        handle.write(b"\n}\n")
    print(f"synthetic export: {contacts} contacts, {conversations} conversations, "
          f"{(conversations + 1) // 2} observations")
    return path


def exported(vault_path: Path, folder: Path) -> Path:
    from commsdesk.storage import Vault
    from commsdesk.transfer.json_export import export_document

    path = folder / "big-export.json"
    vault = Vault.open(vault_path, PASSPHRASE)
    document = export_document(vault)
    vault.close()
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    sections = ", ".join(f"{len(v)} {k}" for k, v in document.items() if isinstance(v, list) and v)
    print(f"export of {vault_path.name}: {sections}")
    return path


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]), Path(sys.argv[3]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--vault", type=Path, help=f"a big vault (passphrase {PASSPHRASE!r})")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--parallel", action="store_true")
    args = parser.parse_args()
    over = False
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        cases = [("baseline (no import)", folder / "nothing"),
                 ("60 MB of {} in an unknown section", hostile(folder, "tracking")),
                 ("60 MB of {} in contacts", hostile(folder, "contacts")),
                 ("60 MB of records with 100-char uids", uid_heavy(folder))]
        if args.vault:
            cases.append(("export of the big vault", exported(args.vault, folder)))
        elif args.conversations:
            cases.append((f"export, {args.conversations} conversations",
                          synthetic_export(folder, args.conversations)))
        print(f"{'case':36} {'size MB':>8} {'bound MB':>9} {'peak RSS MB min/median/max':>28}  outcome")
        for label, path in cases:
            size = path.stat().st_size / MB if path.exists() else 0.0
            bound = 3 * size + 150
            if args.parallel:
                with ThreadPoolExecutor(args.reps) as pool:
                    runs = list(pool.map(lambda _n, p=path: measure(p, folder), range(args.reps)))
            else:
                runs = [measure(path, folder) for _ in range(args.reps)]
            peaks = sorted(peak for peak, _ in runs)
            over |= peaks[-1] > bound
            figures = f"{peaks[0]:.0f}/{statistics.median(peaks):.0f}/{peaks[-1]:.0f}"
            print(f"{label:36} {size:8.1f} {bound:9.0f} {figures:>28}  {runs[-1][1]}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
