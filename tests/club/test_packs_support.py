"""Builders shared by the pack tests (this module holds no tests): folders, forged packs, keys."""

from __future__ import annotations

import copy
from pathlib import Path

from commsdesk.club.pack_format import FORMAT, FORMAT_VERSION, canonical, content_digest
from commsdesk.club.pack_signing import raw_public_key, sign_digest
from helpers import ROOT

EXAMPLE = ROOT / "resources" / "packs" / "example"
DATA = Path(__file__).parent / "data" / "packs"

MANIFEST = {"id": "test-pack", "title": "Проверочный пакет", "author": "Тренер Т.", "language": "ru",
            "version": "1.2", "description": "Для тестов."}
ARTICLE = {"id": "first", "title": "Первая статья", "kind": "technique", "tags": ["listening"],
           "summary": "Коротко.", "reading_minutes": 2, "related": [], "stages": [],
           "body": "## Шаги {#steps}\n\nСлушайте и **отражайте**."}


def article_text(body: str = "Обычный текст статьи.", **meta: str) -> str:
    fields = {"id": "first", "title": "Первая", "kind": "technique"} | meta
    head = "".join(f"{k}: {v}\n" for k, v in fields.items() if v is not None)
    return f"---\n{head}---\n\n{body}\n"


def write_source(folder: Path, files: dict[str, str] | None = None, manifest: str | None = None,
                 **fields: object) -> Path:
    """A trainer's folder: manifest.toml (fields override the defaults) and the given files."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {"a.md": article_text()} if files is None else files
    values = {"format_version": 1, "id": "test-pack", "title": "Проверка", "author": "Тренер",
              "language": "ru", "version": "1.0", "articles": list(files)} | fields
    if manifest is None:
        manifest = "".join(f"{k} = {_toml(v)}\n" for k, v in values.items() if v is not None)
    (folder / "manifest.toml").write_text(manifest, encoding="utf-8")
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _toml(value: object) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return str(value).lower() if isinstance(value, bool) else str(value)


def forge(manifest: dict | None = None, articles: list | None = None, key=None, **top: object) -> bytes:
    """A pack written without the builder's checks, but with a correct checksum (and signature)."""
    manifest = copy.deepcopy(MANIFEST if manifest is None else manifest)
    articles = copy.deepcopy([ARTICLE] if articles is None else articles)
    document = {"format": FORMAT, "format_version": FORMAT_VERSION, "manifest": manifest,
                "articles": articles, "digest": "sha256:" + content_digest(manifest, articles)}
    if key is not None:
        digest = document["digest"].removeprefix("sha256:")
        document["signature"] = {"algorithm": "ed25519", "public_key": raw_public_key(key).hex(),
                                 "value": sign_digest(key, digest)}
    document.update(top)
    return canonical(document)
