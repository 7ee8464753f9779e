"""A longer fuzz campaign for story cards than the tests': `python benchmarks/fuzz_stories.py [N] [SEED]`.

N inputs per campaign (random bytes, mutated valid cards, random JSON documents, any JSON value at any
place of a valid card (type confusion, read from bytes and as a document), random text for the
anonymizer). Reading a card may accept or reject (StoryCardInvalid); any other exception is a crash.
Accepted cards must export and read back to the same bytes; the anonymizer must keep its spans
inside the text and never overlap. Prints the counts; exits 1 when anything crashed.
"""

from __future__ import annotations

import itertools
import json
import random
import sys
import time
import traceback
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src")]

from json_values import mutate, places  # noqa: E402

from commsdesk.club.anonymize import apply, find_names, names_from_contacts  # noqa: E402
from commsdesk.club.stories import (  # noqa: E402
    StoryCard,
    StoryCardInvalid,
    card_markdown,
    export_card,
    read_card,
)
from commsdesk.club.story_file import card_from_document  # noqa: E402
from commsdesk.domain import Contact, Relationship  # noqa: E402

TODAY = date(2026, 11, 24)
SEED_CARD = export_card(StoryCard(
    title="Мама и новости", relationship=Relationship.MOTHER, story="**Через месяц.** Она спросила.",
    techniques=["technique-listening-oars"], what_worked="- вопросы", created="2026-11",
    id="3f2b8c1e-5d4a-4e7b-9c0d-2a1b3c4d5e6f"))
FIELDS = [*json.loads(SEED_CARD), "source", "extra", ""]
PIECES = ["Маша", "Маши", "Олегом", "Натальей", "Ию", "в Саратове", "и", "машина", "12 марта",
          "+7 916 123-45-67", "a@b.ru", "ул. Ленина, д. 5", "Anna's", " ", "\n", "..", "/", "\\",
          "\u0301", "\u202e", "\x00", "😀", "ё", "Ё", "-", "«", "»", "[", "](", "<script>"]
NAMES = names_from_contacts([Contact("Маша", Relationship.SIBLING), Contact("Олег Иванов"),
                             Contact("Наталья", Relationship.MOTHER, region="Саратовская область"),
                             Contact("Ия", Relationship.FRIEND), Contact("Anna", Relationship.FRIEND)],
                            "ru")


def random_bytes(rng: random.Random) -> bytes:
    return rng.randbytes(rng.randint(0, 4096))


def mutated_card(rng: random.Random) -> bytes:
    data = bytearray(SEED_CARD)
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(len(data)) if data else 0
        action = rng.choice(("flip", "insert", "delete", "cut", "repeat"))
        if action == "flip" and data:
            data[at] = rng.randrange(256)
        elif action == "insert":
            data[at:at] = rng.choice([b"[", b"{", b"\"", b"\\u", b"\xc3", b"\xff", b"NaN", b",", b"0"])
        elif action == "delete":
            del data[at:at + rng.randint(1, 20)]
        elif action == "cut":
            del data[at:]
        elif action == "repeat" and len(data) < 200_000:
            data[at:at] = data[at:at + rng.randint(1, 200)] * rng.randint(1, 50)
    return bytes(data)


def random_value(rng: random.Random, depth: int = 0):
    kind = rng.randrange(8 if depth < 4 else 5)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False, 0, -1, 1, 2, 10**30, 1.5])
    if kind in (2, 3, 4):
        return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 40)))
    if kind == 5:
        return rng.choice(["mother", "doubting", "ru", "en", "2026-11", "commsdesk-story"])
    if kind == 6:
        return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 5))]
    return {rng.choice(FIELDS): random_value(rng, depth + 1) for _ in range(rng.randint(0, 5))}


def random_document(rng: random.Random) -> bytes:
    doc = json.loads(SEED_CARD)
    for _ in range(rng.randint(1, 4)):
        field = rng.choice(FIELDS)
        if rng.random() < 0.2:
            doc.pop(field, None)
        else:
            doc[field] = random_value(rng)
    return json.dumps(doc, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")


SEED_DOCUMENT = json.loads(SEED_CARD)
SEED_PLACES = list(places(SEED_DOCUMENT))


def substituted_card(rng: random.Random) -> bytes:
    document = mutate(rng, SEED_DOCUMENT, SEED_PLACES)
    try:
        return json.dumps(document, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")
    except ValueError:  # a number with more digits than Python prints
        return b"[]"


def check_substituted(data: bytes) -> str:
    """The bytes as a file, and the same value as a document (as the export import checks cards)."""
    outcome = check_file(data)
    try:
        document = json.loads(data.decode("utf-8", "surrogatepass"))
    except (ValueError, RecursionError):
        return outcome
    try:
        card_from_document(document)
    except StoryCardInvalid as error:
        str(error)
    return outcome


def check_file(data: bytes) -> str:
    try:
        card = read_card(data, "fuzz.cdstory.json", TODAY)
    except StoryCardInvalid as error:
        str(error)
        return "rejected"
    exported = export_card(card)
    assert read_card(exported, "again", TODAY).story == card.story
    assert export_card(read_card(exported, "again", TODAY)) == exported
    card_markdown(card, card.language)
    return "accepted"


def check_text(data: bytes) -> str:
    text = data.decode("utf-8", "replace")
    rng = random.Random(data)
    text = "".join(rng.choice(PIECES) if ch == "\x01" else ch for ch in text.replace("\x02", " "))
    text += " ".join(rng.choice(PIECES) for _ in range(rng.randint(0, 60)))
    flags = find_names(text, NAMES, "ru", since=TODAY)
    assert all(0 <= f.start < f.end <= len(text) and text[f.start:f.end] == f.found for f in flags)
    assert all(a.end <= b.start for a, b in itertools.pairwise(flags))
    assert apply(text, flags, []) == text
    apply(text, flags)
    return "accepted" if flags else "rejected"


CAMPAIGNS = {"random bytes": (random_bytes, check_file), "mutated cards": (mutated_card, check_file),
             "random documents": (random_document, check_file),
             "type confusion": (substituted_card, check_substituted),
             "anonymizer text": (random_bytes, check_text)}


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else int(time.time())
    print(f"seed {seed}, {count} inputs per campaign")
    crashed = 0
    for name, (make, check) in CAMPAIGNS.items():
        rng, counts, started = random.Random(f"{seed}-{name}"), Counter(), time.perf_counter()
        for _ in range(count):
            data = make(rng)
            try:
                counts[check(data)] += 1
            except Exception:  # any other exception is what the campaign hunts for
                counts["crashed"] += 1
                if counts["crashed"] <= 3:
                    print(f"CRASH in {name} on {data[:200]!r}\n{traceback.format_exc()}")
        crashed += counts["crashed"]
        label = "flagged/clean" if check is check_text else "accepted/rejected"
        first, second = ("accepted", "rejected")
        print(f"{name:17} {label} {counts[first]:6}/{counts[second]:<6} crashed {counts['crashed']:4}"
              f"   {count / (time.perf_counter() - started):8.0f} inputs/s")
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
