"""Everyday spellings of brands and services (ютуб, телега, ватсап, вк): one finds the others.

The table is data (resources/search/spellings.json); each spelling is analysed like any other
word, so inflected forms (в ютубе, по телеге) find the brand too.
"""

from __future__ import annotations

import json
from functools import cache

from commsdesk.paths import resources_dir
from commsdesk.search.analyzer import Keys, analyse


@cache
def _groups() -> dict[str, frozenset[str]]:
    """Every index term of every spelling → the terms of its whole group."""
    with open(resources_dir() / "search" / "spellings.json", encoding="utf-8") as f:
        groups = json.load(f)["groups"]
    by_term: dict[str, frozenset[str]] = {}
    for group in groups:
        terms = frozenset(t for word in group for form in (word, word.capitalize())
                          for t in analyse(form).all)
        for term in terms:
            by_term[term] = by_term.get(term, frozenset()) | terms
    return by_term


def related(keys: Keys) -> frozenset[str]:
    """The terms of every other spelling of the brand this word names (empty for other words)."""
    groups = _groups()
    found: frozenset[str] = frozenset()
    for term in keys.all:
        found |= groups.get(term, frozenset())
    return found
