"""Arbitrary JSON values for the type-confusion campaigns (fuzz_import, fuzz_stories, fuzz_packs):
lists, objects, huge numbers, NaN, null, deep nesting and strings that look almost right."""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator

LIKELY = ["", " ", "mother", "doubting", "builtin:openness", "builtin:nothing", "2026-11-02", "2026-11",
          "2026-11-02T10:00", "2026-11-02T10:00+03:00", "0001-01-01T00:00:00+14:00",
          "9999-12-31T23:59:59-14:00", "\x00", "\ud800", "\u202e", "higher", "roleplay", "0" * 64, "ZZZZ",
          "telegram", "state_tv", "partly", "better", "commsdesk-export", "commsdesk-story", "AAAA",
          "мама", "ru", "en", "technique-my-story", "sha256:" + "0" * 64, "ed25519", "a" * 5000]
NUMBERS = [0, -1, 1, 2, 5, 10, 11, 120, 2**31, 2**63, -(2**63) - 1, 10**400, 1.5, -0.0, 1e308, 5e-324,
           float("nan"), float("inf"), float("-inf"), True, False]
KEYS = ["uid", "id", "kind", "name", "title", "body", "article_id", "response", "x", ""]


def random_value(rng: random.Random, depth: int = 0):
    kind = rng.randrange(9 if depth < 3 else 5)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice(NUMBERS)
    if kind == 2:
        return rng.choice(LIKELY)
    if kind == 3:
        return "".join(chr(rng.choice([rng.randrange(32, 127), rng.randrange(0x400, 0x450),
                                       rng.randrange(0, 0x110000)])) for _ in range(rng.randint(0, 12)))
    if kind == 4:
        return rng.randint(-(2**70), 2**70)
    if kind == 5:
        nested: list = []
        for _ in range(rng.choice([2, 30, 300])):
            nested = [nested]
        return nested
    if kind in (6, 7):
        return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {rng.choice(KEYS): random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))}


def places(value, prefix: tuple = ()) -> Iterator[tuple]:
    """Every place in a document, as the keys and indices down to it."""
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from places(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from places(child, (*prefix, index))


def mutate(rng: random.Random, document, where: list[tuple], value=random_value):
    """One to three places replaced by `value(rng)` (mostly), renamed, removed or added to."""
    document = copy.deepcopy(document)
    for _ in range(rng.randint(1, 3)):
        path = rng.choice(where)
        if not path:
            return value(rng)
        parent = document
        try:
            for step in path[:-1]:
                parent = parent[step]
            action = rng.random()
            if action < 0.85:
                parent[path[-1]] = value(rng)
            elif isinstance(parent, dict):
                moved = parent.pop(path[-1])
                if action < 0.93:
                    parent[str(path[-1]) + rng.choice(["_", "s", " "])] = moved
            else:
                parent.insert(path[-1], value(rng))
        except (KeyError, IndexError, TypeError, AttributeError):
            continue  # an earlier change replaced this place already
    return document
