"""Which bundled articles need their facts looked at again: never or long ago checked, or making
claims without sources. Used by `scripts/library_facts.py` and the library's tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from commsdesk.library.articles import read
from commsdesk.library.catalog import articles
from commsdesk.library.facts import STALE_AFTER_MONTHS, claims, is_stale

LANGUAGES = ("ru", "en")


@dataclass(frozen=True)
class Finding:
    language: str
    article_id: str
    problem: str  # "stale" or "unsourced"
    detail: str

    def __str__(self) -> str:
        return f"{self.language}/{self.article_id}: {self.detail}"


def stale(today: date, months: int = STALE_AFTER_MONTHS) -> list[Finding]:
    out = []
    for language in LANGUAGES:
        for article_id, info in sorted(articles(language).items()):
            if is_stale(info.checked, today, months):
                when = info.checked.isoformat() if info.checked else "never"
                out.append(Finding(language, article_id, "stale", (
                    f"facts checked {when}, more than {months} months before {today.isoformat()}")))
    return out


def unsourced() -> list[Finding]:
    out = []
    for language in LANGUAGES:
        for article_id, info in sorted(articles(language).items()):
            found = claims(read(info).body)
            if found and not info.sources:
                out.append(Finding(language, article_id, "unsourced", (
                    f"{len(found)} claims without sources, e.g. {', '.join(found[:3])}")))
    return out
