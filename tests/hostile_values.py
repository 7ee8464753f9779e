"""Hypothesis strategies for type confusion: any JSON value (lists, objects, huge numbers, NaN,
null, deep nesting, almost-right strings) to put at any place of a valid document."""

from __future__ import annotations

import copy
import json

from hypothesis import strategies as st

SCALARS = (st.none() | st.booleans() | st.integers() | st.floats()
           | st.sampled_from([2**63, -(2**63) - 1, 10**400, -(10**4000), 1e308, 5e-324])
           | st.text(max_size=30)
           | st.sampled_from(["", " ", "mother", "doubting", "builtin:openness", "2026-11-02", "2026-11",
                              "2026-11-02T10:00", "0001-01-01T00:00:00+14:00", "\x00", "\u202e", "higher",
                              "roleplay", "0" * 64, "ZZZZ", "telegram", "state_tv", "ru",
                              "technique-my-story", "commsdesk-story", "sha256:" + "0" * 64]))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)
DEEP = st.integers(1, 400).map(lambda n: json.loads("[" * n + "]" * n))
ANY_VALUE = VALUES | DEEP


def paths(value, prefix: tuple = ()):
    """Every place in a document: the keys and indices down to it."""
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from paths(child, (*prefix, index))


def substituted(document, path: tuple, value):
    """A copy of `document` with `value` at `path` (the whole document for the empty path)."""
    if not path:
        return value
    document = copy.deepcopy(document)
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return document
