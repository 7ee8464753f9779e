"""The anonymizer's labelled sentences (tests/club/data/anonymizer/) and how they are scored; shared by
tests/club/test_anonymize_labelled.py and benchmarks/anonymizer_quality.py."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from commsdesk.club.anonymize import find_names

DATA = Path(__file__).parent / "data" / "anonymizer"
MARK = re.compile(r"\[(?P<kind>[a-z_]+):(?P<text>[^\]]+)\]")
# A gold span is found by a flag of a kind that names the same thing.
SAME = {"name": {"name"}, "place": {"place", "region"}}
NAMES_AND_PLACES = ("name", "place")


@dataclass(frozen=True)
class Sentence:
    text: str
    spans: tuple[tuple[int, int, str], ...]  # start, end, kind
    language: str


def load(name: str) -> list[Sentence]:
    """Sentences of one file, the marks removed and remembered as spans."""
    language = "en" if name == "en" else "ru"
    out = []
    for line in (DATA / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, spans, last = [], [], 0
        for m in MARK.finditer(line):
            text.append(line[last:m.start()])
            start = sum(len(part) for part in text)
            text.append(m["text"])
            spans.append((start, start + len(m["text"]), m["kind"]))
            last = m.end()
        text.append(line[last:])
        if name == "traps":
            language = "en" if line.isascii() else "ru"
        out.append(Sentence("".join(text), tuple(spans), language))
    return out


@dataclass
class Score:
    found: Counter = field(default_factory=Counter)  # gold spans found, by kind
    gold: Counter = field(default_factory=Counter)  # gold spans, by kind
    flags: int = 0
    false: int = 0  # flags that overlap no gold span
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    def recall(self, kinds=NAMES_AND_PLACES) -> float:
        gold = sum(self.gold[k] for k in kinds)
        return sum(self.found[k] for k in kinds) / gold if gold else 1.0

    def precision(self) -> float:
        return (self.flags - self.false) / self.flags if self.flags else 1.0


def score(sentences: list[Sentence]) -> Score:
    result = Score()
    for sentence in sentences:
        flags = find_names(sentence.text, [], sentence.language)
        result.flags += len(flags)
        for start, end, kind in sentence.spans:
            result.gold[kind] += 1
            kinds = SAME.get(kind, {kind})
            if any(f.kind in kinds and f.start <= start and f.end >= end for f in flags):
                result.found[kind] += 1
            else:
                result.misses.append(f"{kind}: {sentence.text[start:end]!r} in {sentence.text!r}")
        for f in flags:
            if not any(f.start < end and start < f.end for start, end, _kind in sentence.spans):
                result.false += 1
                result.false_alarms.append(f"{f.kind}: {f.found!r} in {sentence.text!r}")
    return result
