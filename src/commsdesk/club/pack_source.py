"""A trainer's pack folder: manifest.toml plus Markdown articles, read without following links.

Only the files the manifest lists are read, each by a plain name inside the folder.
"""

from __future__ import annotations

import math
import os
import re
import stat
import tomllib
from pathlib import Path

from commsdesk.club import pack_errors as errors
from commsdesk.club.pack_format import (
    ARTICLE_FIELDS,
    FORMAT_VERSION,
    MANIFEST_FIELDS,
    MAX_ARTICLES,
    OPTIONAL_ARTICLE_FIELDS,
    UNKNOWN_FIELD,
    check_articles,
    check_manifest,
)
from commsdesk.i18n import N_
from commsdesk.library.catalog import parse_front_matter
from commsdesk.storage.errors import Msg

MANIFEST_NAME = "manifest.toml"
MAX_MANIFEST_BYTES = 64 * 1024
MAX_ARTICLE_FILE_BYTES = 1024 * 1024
ARTICLE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*\.md")
LIST_KEYS = ("tags", "related", "stages")
WORDS_PER_MINUTE = 180


def read_source(folder: Path) -> tuple[dict, list[dict], list[str]]:
    """The manifest, the articles in list order, and their file names (to name them in errors)."""
    manifest, names = _read_manifest(folder)
    listed: set[str] = set()
    articles = []
    for name in names:
        if not isinstance(name, str) or len(name) > 120 or not ARTICLE_NAME.fullmatch(name):
            raise errors.SourceFileUnsafe(name=str(name)[:120])
        if name.casefold() in listed:
            raise errors.SourceFileListedTwice(name=name)
        listed.add(name.casefold())
        articles.append(_read_article(folder, name))
    _refuse_unlisted(folder, listed)
    check_articles(articles, labels=list(names))
    return manifest, articles, list(names)


def _read_manifest(folder: Path) -> tuple[dict, list]:
    if not folder.is_dir() or not (folder / MANIFEST_NAME).exists():
        raise errors.SourceNotFolder(path=folder)
    text = _read_text(folder, MANIFEST_NAME, MAX_MANIFEST_BYTES)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise errors.ManifestSyntax(line=line.group(1) if line else "?") from None
    except RecursionError:  # arrays or tables nested hundreds deep: the line with the most openings
        lines = text.splitlines() or [""]
        deepest = max(range(len(lines)), key=lambda i: lines[i].count("[") + lines[i].count("{"))
        raise errors.ManifestSyntax(line=str(deepest + 1)) from None
    version = data.pop("format_version", None)
    if type(version) is not int or version != FORMAT_VERSION:
        reason = N_("must be 1, the format this version of CommsDesk writes")
        raise errors.ManifestInvalid(field="format_version", reason=Msg(reason))
    names = data.pop("articles", None)
    if not isinstance(names, list) or not names:
        raise errors.ManifestInvalid(field="articles",
                                     reason=Msg(N_("must list at least one article")))
    if len(names) > MAX_ARTICLES:  # before reading any of them
        raise errors.ManifestInvalid(field="articles", reason=Msg(N_("lists more than 200 articles")))
    data.setdefault("description", "")
    extra = sorted(set(data) - set(MANIFEST_FIELDS))
    if extra:
        raise errors.ManifestInvalid(field=extra[0][:40], reason=Msg(UNKNOWN_FIELD))
    check_manifest(data)
    return data, names


def _read_article(folder: Path, name: str) -> dict:
    text = _read_text(folder, name, MAX_ARTICLE_FILE_BYTES)
    meta, body = parse_front_matter(text)
    if not meta:
        raise errors.ArticleInvalid(article=name, field="---", reason=Msg(
            N_("the file must start with a front-matter block between two --- lines")))
    extra = sorted(set(meta) - (set(ARTICLE_FIELDS) - {"body"}) - set(OPTIONAL_ARTICLE_FIELDS))
    if extra:
        raise errors.ArticleInvalid(article=name, field=extra[0][:40], reason=Msg(UNKNOWN_FIELD))
    article: dict[str, object] = {k: meta[k] for k in ("id", "title", "kind") if k in meta}
    article["summary"] = meta.get("summary", "")
    for key in LIST_KEYS:
        article[key] = [v.strip() for v in meta.get(key, "").split(",") if v.strip()]
    body = body.strip()
    minutes = meta.get("reading_minutes")
    if minutes is None:
        article["reading_minutes"] = max(1, math.ceil(len(body.split()) / WORDS_PER_MINUTE))
    else:
        article["reading_minutes"] = int(minutes) if re.fullmatch(r"[0-9]{1,4}", minutes) else minutes
    if "checked" in meta:
        article["checked"] = meta["checked"]
    if "sources" in meta:
        article["sources"] = [line for line in meta["sources"].splitlines() if line.strip()]
    article["body"] = body
    return article


def _read_text(folder: Path, name: str, limit: int) -> str:
    """A regular file directly inside the folder, never through a symbolic link, as UTF-8 text."""
    path = folder / name
    try:
        if stat.S_ISLNK(os.lstat(path).st_mode):
            raise errors.SourceFileUnsafe(name=name)
        if not stat.S_ISREG(os.lstat(path).st_mode):  # a FIFO or socket: refused, never waited on
            raise errors.SourceFileUnsafe(name=name)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
                     | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise errors.SourceFileMissing(name=name) from None
    except OSError:
        raise errors.SourceFileUnsafe(name=name) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise errors.SourceFileUnsafe(name=name)
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise errors.SourceFileTooLarge(name=name, limit=limit // 1024)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise errors.SourceNotText(name=name) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def _refuse_unlisted(folder: Path, listed: set[str]) -> None:
    """Every Markdown file in the folder must be listed, so no article is left out by mistake."""
    with os.scandir(folder) as entries:
        names = sorted(e.name for e in entries)
    for name in names:
        if name.lower().endswith(".md") and not name.startswith(".") \
                and name.casefold() not in listed:
            raise errors.SourceFileUnlisted(name=name)
