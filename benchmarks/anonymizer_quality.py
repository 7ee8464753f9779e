"""Recall and precision of the story-card anonymizer on its labelled sentences, and its speed:
`python benchmarks/anonymizer_quality.py [REPS]`.

The sentences are in tests/club/data/anonymizer/ (Russian, English, traps). Recall counts a marked span
as found when a flag of the same kind covers it; precision counts flags that overlap some marked span.
Goal (issue 11): recall >= 0.95 for names and places, precision >= 0.9. Timing: min/median/max over REPS
(default 5) runs over all sentences, the first run (which loads the dictionaries) reported apart.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests" / "club")]

from anonymizer_set import NAMES_AND_PLACES, load, score  # noqa: E402


def main() -> None:
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    sets = {name: load(name) for name in ("ru", "en", "traps")}
    started = time.perf_counter()
    results = {name: score(sentences) for name, sentences in sets.items()}
    first = time.perf_counter() - started
    print(f"{'set':6} {'sentences':>9} {'spans':>6} {'recall n+p':>10} {'recall all':>10} {'precision':>9}"
          f" {'flags':>6} {'false':>6}")
    for name, result in results.items():
        print(f"{name:6} {len(sets[name]):9} {sum(result.gold.values()):6}"
              f" {result.recall(NAMES_AND_PLACES):10.3f} {result.recall(tuple(result.gold)):10.3f}"
              f" {result.precision():9.3f} {result.flags:6} {result.false:6}")
    everything = score([s for sentences in sets.values() for s in sentences])
    print(f"{'all':6} {sum(map(len, sets.values())):9} {sum(everything.gold.values()):6}"
          f" {everything.recall(NAMES_AND_PLACES):10.3f} {everything.recall(tuple(everything.gold)):10.3f}"
          f" {everything.precision():9.3f} {everything.flags:6} {everything.false:6}")
    print("by kind: " + ", ".join(f"{kind} {everything.found[kind]}/{everything.gold[kind]}"
                                  for kind in sorted(everything.gold)))
    for line in everything.misses:
        print("  missed   " + line)
    for line in everything.false_alarms:
        print("  flagged  " + line)
    all_sentences = [s for sentences in sets.values() for s in sentences]
    times = []
    for _ in range(reps):
        started = time.perf_counter()
        score(all_sentences)
        times.append(time.perf_counter() - started)
    per = [t / len(all_sentences) * 1000 for t in times]
    print(f"first run (loads pymorphy3): {first:.2f} s")
    print(f"per sentence over {reps} runs: min {min(per):.2f} ms, median {statistics.median(per):.2f} ms,"
          f" max {max(per):.2f} ms")


if __name__ == "__main__":
    main()
