"""The kinds of records a use case can change: announced after an operation so that the
screens showing them refresh themselves."""

from __future__ import annotations

from enum import StrEnum


class Change(StrEnum):
    CONTACTS = "contacts"
    CONVERSATIONS = "conversations"
    OBSERVATIONS = "observations"
    DRAFTS = "drafts"
    HISTORY = "history"  # earlier versions of notes
    STAGES = "stages"
    PLANS = "plans"
    PREP_SHEETS = "prep_sheets"
    TEMPLATES = "templates"
    DISMISSALS = "dismissals"
    STORIES = "stories"
    PACKS = "packs"
    TRUSTED_KEYS = "trusted_keys"
    PRACTICE = "practice"
    LIBRARY_MARKS = "library_marks"


EVERYTHING: frozenset[Change] = frozenset(Change)
