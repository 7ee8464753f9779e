"""The library's index: every article's front matter, per language, read once and cached."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from commsdesk.library.facts import NO_FACTS, Facts, FactsInvalid, facts_from_meta
from commsdesk.paths import resources_dir

LIST_KEYS = ("tags", "related", "stages")
LIST_ITEM = re.compile(r"^\s*-\s+(.*?)\s*$")


@dataclass(frozen=True)
class ArticleInfo:
    id: str
    title: str
    kind: str
    summary: str
    reading_minutes: int
    tags: tuple[str, ...]
    related: tuple[str, ...]
    stages: tuple[str, ...]
    path: Path
    facts: Facts = NO_FACTS

    @property
    def checked(self) -> date | None:
        return self.facts.checked

    @property
    def sources(self) -> tuple[str, ...]:
        return self.facts.sources


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """The `key: value` block between the leading `---` lines, and the body after it.

    A key with nothing after its colon may be followed by a list, one `- item` per line; the
    items are kept one per line in the key's value (items may contain colons).
    """
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return {}, text
    meta: dict[str, str] = {}
    list_key = None
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return meta, "\n".join(lines[index + 1:])
        item = LIST_ITEM.match(line)
        if item and list_key is not None:
            meta[list_key] = (meta[list_key] + "\n" + item.group(1)).strip("\n")
            continue
        key, sep, value = line.partition(":")
        if sep:
            key = key.strip().lower()
            meta[key] = value.strip()
            list_key = key if not value.strip() else None
    return {}, text


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


def read_article_info(path: Path) -> ArticleInfo | None:
    meta, _body = parse_front_matter(path.read_text(encoding="utf-8"))
    if not meta.get("id") or not meta.get("title"):
        return None
    try:
        minutes = int(meta.get("reading_minutes", "0"))
    except ValueError:
        minutes = 0
    try:
        facts = facts_from_meta(meta)
    except FactsInvalid:
        facts = NO_FACTS  # the text stays readable; tests/library/test_facts.py refuses such a file
    tags, related, stages = (_split(meta.get(k, "")) for k in LIST_KEYS)
    return ArticleInfo(meta["id"], meta["title"], meta.get("kind", ""), meta.get("summary", ""),
                       minutes, tags, related, stages, path, facts)


@lru_cache(maxsize=4)
def articles(language: str) -> dict[str, ArticleInfo]:
    folder = resources_dir() / "library" / language
    out = {}
    for path in sorted(folder.glob("*.md")):
        info = read_article_info(path)
        if info is not None:
            out[info.id] = info
    return out


def techniques(language: str) -> list[ArticleInfo]:
    return sorted((a for a in articles(language).values() if a.kind == "technique"),
                  key=lambda a: a.title)


def title(article_id: str, language: str) -> str:
    info = articles(language).get(article_id)
    return info.title if info else article_id
