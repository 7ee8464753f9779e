"""The Russian demo vault is Russian throughout: what its invented user typed has no English in it
(brand names people write in Latin letters aside)."""

from __future__ import annotations

import re
from datetime import date

from commsdesk.demo import populate
from commsdesk.transfer.json_export import export_document

# What a Russian speaker writes in Latin letters anyway.
BRANDS = {"VPN", "Telegram", "WhatsApp", "Instagram", "IT", "Readovka", "Z"}
# The export's fields that hold what the user typed (codes, ids and built-in names are not).
TYPED = {"display_name", "region", "values_interests", "topics_to_avoid", "safety_notes", "tags", "name",
         "notes", "topics", "evidence", "note", "goal", "title", "hint", "hard", "helped", "body", "text",
         "summary", "opening", "question", "response", "what_changed", "next_time", "what_went_well"}


def typed_texts(value, key: str = ""):
    if isinstance(value, dict):
        for name, inner in value.items():
            yield from typed_texts(inner, name)
    elif isinstance(value, list):
        for inner in value:
            yield from typed_texts(inner, key)
    elif isinstance(value, str) and key in TYPED:
        yield value


def test_the_demo_has_no_english_user_text(vault):
    populate(vault, date(2026, 12, 4))
    document = export_document(vault)
    document.pop("dimensions")  # built-in dimensions are stored by key and shown translated
    english = sorted({text for text in typed_texts(document)
                      if set(re.findall(r"[A-Za-z]+", text)) - BRANDS})
    assert english == []
    names = [c.display_name for c in vault.repos.contacts.list()]
    assert "Марина (бывш. тимлид)" in names
