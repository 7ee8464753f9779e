"""Type confusion against the JSON import: `python benchmarks/fuzz_import.py [N] [SEED]`.

A real export (the demo journal plus the Club's records) gets one to three of its values, anywhere,
replaced by arbitrary JSON (lists, objects, huge numbers, NaN, null, deep nesting, strings that look
right), fields renamed or removed, then is imported as a file and as a document. Acceptance or the
import's own error (ImportInvalid, with nothing written) are the only allowed outcomes. Prints the
counts; exits 1 on any other exception.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src")]

from json_values import mutate, places  # noqa: E402

from commsdesk.demo import populate  # noqa: E402
from commsdesk.storage import Vault  # noqa: E402
from commsdesk.transfer.json_export import export_document  # noqa: E402
from commsdesk.transfer.json_import import ImportInvalid, import_document, import_file  # noqa: E402


def sample_document(folder: Path) -> dict:
    from commsdesk.club.pack_signing import generate_signing_key, raw_public_key
    from commsdesk.storage.club import PracticeEntry
    from commsdesk.storage.library_marks import Mark

    vault = Vault.create(folder / "source.commsdesk", "fuzz passphrase", level=0, allow_testing_level=True)
    populate(vault, date(2026, 11, 24))
    vault.repos.trusted_keys.add(raw_public_key(generate_signing_key()), "trainer", date(2026, 11, 2))
    vault.repos.practice.add(PracticeEntry("drill", "some-drill", datetime(2026, 11, 5, 20, 0),
                                           reply="А ты?", ticks=["asked"]))
    vault.repos.strategy_templates.add({
        "title": "Мой шаблон", "language": "ru", "stage": "doubting", "expected_months": 4,
        "techniques": ["technique-my-story"], "goal": "сомнение", "small_win": "вопрос",
        "shared_values": "семья", "topics_to_avoid": "…", "steps": [["слушать", "месяц"]]})
    vault.repos.library_marks.save(Mark("technique-repair", True, 0.5, "попробовать"))
    document = json.loads(json.dumps(export_document(vault)))
    vault.close()
    return document


def changes(vault: Vault) -> int:
    with vault.reading() as conn:
        return conn.total_changes


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else int(time.time())
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        document = sample_document(folder)
        where = list(places(document))
        sections = {k: len(v) for k, v in document.items() if isinstance(v, list)}
        print(f"seed {seed}, {count} mutated exports, {len(where)} places; records {sections}")
        target = Vault.create(folder / "target.commsdesk", "fuzz passphrase", level=0,
                              allow_testing_level=True)
        counts: Counter[str] = Counter()
        started = time.perf_counter()
        path = folder / "mutated.json"
        for number in range(count):
            mutated = mutate(rng, document, where)
            through_file = number % 2 == 0
            before = changes(target)
            try:
                if through_file:
                    try:
                        path.write_text(json.dumps(mutated, ensure_ascii=rng.random() < 0.5),
                                        encoding="utf-8", errors="surrogatepass")
                    except ValueError:  # a number too long for Python to print: not a file
                        counts["not writable"] += 1
                        continue
                    import_file(target, path)
                else:
                    import_document(target, mutated)
                counts["accepted"] += 1
            except ImportInvalid as refused:
                refused.user_message()
                if changes(target) != before:
                    counts["unexpected"] += 1
                    print("A REFUSED IMPORT WROTE TO THE VAULT")
                else:
                    counts["refused"] += 1
            except Exception:  # what the campaign hunts for
                counts["unexpected"] += 1
                if counts["unexpected"] <= 3:
                    print(f"UNEXPECTED ({'file' if through_file else 'document'}):\n"
                          f"{traceback.format_exc()}")
        target.close()
    seconds = time.perf_counter() - started
    print(f"accepted {counts['accepted']}  refused {counts['refused']}  unexpected {counts['unexpected']}"
          f"  (skipped, unprintable numbers: {counts['not writable']})  {count / seconds:.0f} inputs/s")
    return 1 if counts["unexpected"] else 0


if __name__ == "__main__":
    sys.exit(main())
