"""The library's index: every article's front matter, per language, read once and cached."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from commsdesk.paths import resources_dir

LIST_KEYS = ("tags", "related", "stages")


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


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """The `key: value` block between the leading `---` lines, and the body after it."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return {}, text
    meta: dict[str, str] = {}
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return meta, "\n".join(lines[index + 1:])
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip().lower()] = value.strip()
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
    return ArticleInfo(meta["id"], meta["title"], meta.get("kind", ""), meta.get("summary", ""),
                       minutes, *(_split(meta.get(k, "")) for k in LIST_KEYS), path)


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
