"""The content-pack format (docs/pack-format.md): limits, canonical bytes, and the field rules.

The same rules run when a trainer builds a pack and when a user imports one, so a pack made by
hand or by a hostile tool meets exactly the checks a built one does.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable

from commsdesk.club.pack_errors import ArticleInvalid, ManifestInvalid
from commsdesk.i18n import N_
from commsdesk.library.facts import MAX_SOURCES, FactsInvalid, parse_checked, source_problem
from commsdesk.planner.stages import Stage
from commsdesk.storage.errors import Msg

FORMAT = "commsdesk-pack"
FORMAT_VERSION = 1
SIGNATURE_ALGORITHM = "ed25519"
SIGNATURE_CONTEXT = b"commsdesk-pack-signature-v1\n"

MAX_PACK_BYTES = 8 * 1024 * 1024
MAX_ARTICLES = 200
MAX_BODY_CHARS = 200_000
MAX_LINE_CHARS = 300
MAX_DESCRIPTION_CHARS = 4000
MAX_LIST_ITEMS = 16
MAX_MINUTES = 600

LANGUAGES = ("ru", "en")
KINDS = ("technique", "narrative", "scenario", "safety", "selfcare", "club")
STAGES = tuple(stage.value for stage in Stage)
TOP_KEYS = {"format", "format_version", "manifest", "articles", "digest"}
SIGNATURE_KEYS = {"algorithm", "public_key", "value"}

SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")
VERSION = re.compile(r"[0-9]{1,6}(?:\.[0-9]{1,6}){0,3}")
HEX_DIGEST = re.compile(r"[0-9a-f]{64}")
# C0/C1 controls and the bidirectional overrides that can disguise text ("Trojan source").
_LINE_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_BODY_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Markdown that would reach outside the text: raw HTML (also autolinks and comments; "a < b" is
# text to Markdown too), images,
# inline and reference links, and script addresses even where no link is formed.
_MARKDOWN_RULES = (
    (re.compile(r"<[A-Za-z!/?]"), N_("contains raw HTML; write Markdown only")),
    (re.compile(r"!\["), N_("contains an image; packs carry text only")),
    (re.compile(r"\][ \t]*[(\[]|^[ \t]*\[[^\]\n]*\]:", re.MULTILINE),
     N_("contains a link; packs may not point to other resources")),
    (re.compile(r"(?i)\b(?:java|vb)script\s*:"), N_("contains a script address")),
    (re.compile(r"\{[^{}\n]*=[^{}\n]*\}"),
     N_("contains HTML attributes; only a section id such as {#steps} is allowed")),
)

MISSING = N_("is missing")
UNKNOWN_FIELD = N_("is not a field of this format")
REPEATED = N_("repeats an entry")


def canonical(value: object) -> bytes:
    """The one byte form of a document: sorted keys, no spaces, UTF-8, one final newline."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False)
    return (text + "\n").encode("utf-8")


def content_digest(manifest: dict, articles: list) -> str:
    """SHA-256 (hex) over the canonical bytes of everything the pack says."""
    content = {"format": FORMAT, "format_version": FORMAT_VERSION, "manifest": manifest,
               "articles": articles}
    return hashlib.sha256(canonical(content)).hexdigest()


def signed_message(digest: str) -> bytes:
    return SIGNATURE_CONTEXT + bytes.fromhex(digest)


# -- field checks: each returns None when the value is fine, else the reason -------------------
def _text(value: object, limit: int, forbidden: re.Pattern, empty_ok: bool = False) -> str | None:
    if not isinstance(value, str):
        return N_("must be text")
    if not value.strip() and not empty_ok:
        return N_("must not be empty")
    if len(value) > limit:
        return N_("is too long")
    if forbidden.search(value):
        return N_("contains control or text-direction characters")
    return None


def _line(value: object) -> str | None:
    return _text(value, MAX_LINE_CHARS, _LINE_FORBIDDEN)


def _optional_line(value: object) -> str | None:
    return _text(value, MAX_LINE_CHARS * 4, _LINE_FORBIDDEN, empty_ok=True)


def _description(value: object) -> str | None:
    return _text(value, MAX_DESCRIPTION_CHARS, _BODY_FORBIDDEN, empty_ok=True)


def _slug(value: object) -> str | None:
    if not isinstance(value, str) or not SLUG.fullmatch(value):
        return N_("must be a slug: lowercase Latin letters, digits and hyphens, at most 64")
    return None


def _choice(options: tuple[str, ...], reason: str) -> Callable[[object], str | None]:
    return lambda value: None if isinstance(value, str) and value in options else reason


def _version(value: object) -> str | None:
    if not isinstance(value, str) or not VERSION.fullmatch(value):
        return N_("must be a version number such as 1.0 or 2.3.1")
    return None


def _minutes(value: object) -> str | None:
    if type(value) is not int or not 0 <= value <= MAX_MINUTES:
        return N_("must be a whole number of minutes from 0 to 600")
    return None


def _list_of(item: Callable[[object], str | None], limit: int = MAX_LIST_ITEMS
             ) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        if not isinstance(value, list):
            return N_("must be a list")
        if len(value) > limit:
            return N_("has too many entries")
        if len(set(map(str, value))) != len(value):
            return REPEATED
        return next((reason for v in value if (reason := item(v))), None)
    return check


def markdown_problem(body: object) -> str | None:
    """Why a body cannot be an article: not text, too long, or Markdown reaching outside itself."""
    reason = _text(body, MAX_BODY_CHARS, _BODY_FORBIDDEN)
    if reason or not isinstance(body, str):  # `_text` refuses what is not text
        return reason
    return next((why for rule, why in _MARKDOWN_RULES if rule.search(body)), None)


MANIFEST_FIELDS: dict[str, Callable[[object], str | None]] = {
    "id": _slug, "title": _line, "author": _line,
    "language": _choice(LANGUAGES, N_("must be ru or en")),
    "version": _version, "description": _description,
}
ARTICLE_FIELDS: dict[str, Callable[[object], str | None]] = {
    "id": _slug, "title": _line,
    "kind": _choice(KINDS, N_("must be one of technique, narrative, scenario, safety, selfcare,"
                              " club")),
    "tags": _list_of(_slug), "summary": _optional_line, "reading_minutes": _minutes,
    "related": _list_of(_slug),
    "stages": _list_of(_choice(STAGES, N_("names an unknown stage of change"))),
    "body": markdown_problem,
}


def _checked(value: object) -> str | None:
    try:
        if isinstance(value, str) and parse_checked(value) is not None:
            return None
    except FactsInvalid:
        pass
    return N_("must be a date written as YYYY-MM-DD")


def _source(value: object) -> str | None:
    if source_problem(value):
        return N_("must be plain text on one line, without links: publisher, title, date")
    return None


def _sources(value: object) -> str | None:
    if isinstance(value, list) and not value:
        return N_("must not be empty")
    if isinstance(value, list) and len(value) > MAX_SOURCES:
        return N_("has too many entries")
    return _list_of(_source, MAX_SOURCES)(value)


# Optional (dated facts, issue 11): a pack without them is byte-for-byte the same
# as before; a pack with them is refused (not misread) by an older reader.
OPTIONAL_ARTICLE_FIELDS: dict[str, Callable[[object], str | None]] = {
    "checked": _checked, "sources": _sources,
}


def _field_problem(record: object, fields: dict, optional: dict | None = None
                   ) -> tuple[str, str] | None:
    if not isinstance(record, dict):
        return "", N_("must be a table of fields")
    optional = optional or {}
    for name, check in fields.items():
        if name not in record:
            return name, MISSING
        reason = check(record[name])
        if reason:
            return name, reason
    for name, check in optional.items():
        reason = check(record[name]) if name in record else None
        if reason:
            return name, reason
    extra = sorted(set(record) - set(fields) - set(optional))
    return (str(extra[0])[:40], UNKNOWN_FIELD) if extra else None


def check_manifest(manifest: object) -> None:
    problem = _field_problem(manifest, MANIFEST_FIELDS)
    if problem:
        raise ManifestInvalid(field=problem[0], reason=Msg(problem[1]))


def check_article(article: object, label: str) -> None:
    """`label` names the article for the user: its file at build time, its place on import."""
    problem = _field_problem(article, ARTICLE_FIELDS, OPTIONAL_ARTICLE_FIELDS)
    if problem:
        raise ArticleInvalid(article=label, field=problem[0], reason=Msg(problem[1]))


def check_articles(articles: object, labels: list[str] | None = None) -> None:
    if not isinstance(articles, list) or not articles:
        raise ManifestInvalid(field="articles", reason=Msg(N_("must list at least one article")))
    if len(articles) > MAX_ARTICLES:
        raise ManifestInvalid(field="articles", reason=Msg(N_("lists more than 200 articles")))
    labels = labels or [f"#{n}" for n in range(1, len(articles) + 1)]
    for article, label in zip(articles, labels, strict=True):
        check_article(article, label)
    ids = [a["id"] for a in articles]
    for article, label in zip(articles, labels, strict=True):
        if ids.count(article["id"]) > 1:
            raise ArticleInvalid(article=label, field="id",
                                 reason=Msg(N_("is the id of another article too")))
        if [r for r in article["related"] if r not in ids or r == article["id"]]:
            raise ArticleInvalid(article=label, field="related",
                                 reason=Msg(N_("names an article that is not in this pack")))
