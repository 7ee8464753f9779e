"""Content packs: build one from a trainer's folder, sign it, and read one safely on import.

`read_pack` is the only door for a pack into the app: it checks size, form, checksum, signature
and every field, and says whether a trusted key, an unknown key or nobody signed it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from commsdesk.club.pack_errors import PackDamaged, PackTampered, PackTooLarge, PackTooNew
from commsdesk.club.pack_format import (
    FORMAT,
    FORMAT_VERSION,
    MAX_PACK_BYTES,
    SIGNATURE_ALGORITHM,
    SIGNATURE_KEYS,
    SLUG,
    TOP_KEYS,
    canonical,
    check_articles,
    check_manifest,
    content_digest,
)
from commsdesk.club.pack_signing import fingerprint, raw_public_key, sign_digest, signature_valid
from commsdesk.club.pack_source import read_source
from commsdesk.files import read_limited
from commsdesk.i18n import N_
from commsdesk.library.facts import NO_FACTS, Facts, parse_checked
from commsdesk.storage.errors import Msg

PACK_SUFFIX = ".cdpack"


class PackStatus(StrEnum):
    TRUSTED = "trusted"
    UNKNOWN_SIGNER = "unknown_signer"
    UNSIGNED = "unsigned"

    @property
    def label(self) -> str:
        """A msgid: translate with _() when shown."""
        return STATUS_LABELS[self]

    @property
    def warning(self) -> str:
        """A msgid (empty for a trusted signer): what the user should weigh before importing."""
        return STATUS_WARNINGS[self]


STATUS_LABELS = {
    PackStatus.TRUSTED: N_("Signed by a key you trust"),
    PackStatus.UNKNOWN_SIGNER: N_("Signed by an unknown key"),
    PackStatus.UNSIGNED: N_("Not signed"),
}
STATUS_WARNINGS = {
    PackStatus.TRUSTED: "",
    PackStatus.UNKNOWN_SIGNER: N_("The pack is intact, but you have not marked its key as trusted."
                                  " Compare the fingerprint with the one the author gave you in"
                                  " person or over a channel you trust before importing."),
    PackStatus.UNSIGNED: N_("Nobody signed this pack: anyone could have written or changed it."
                            " Import it only if you know where it came from."),
}


@dataclass(frozen=True)
class PackArticle:
    id: str
    title: str
    kind: str
    tags: tuple[str, ...]
    summary: str
    reading_minutes: int
    related: tuple[str, ...]
    stages: tuple[str, ...]
    body: str  # Markdown; show it through render_article
    facts: Facts = NO_FACTS  # when its facts were checked and their sources, if the author said


@dataclass(frozen=True)
class Pack:
    id: str
    title: str
    author: str
    language: str
    version: str
    description: str
    articles: tuple[PackArticle, ...]
    digest: str  # "sha256:<hex>" over the contents: the same for a signed and an unsigned copy
    status: PackStatus
    signer_key: bytes | None  # the raw Ed25519 public key, when signed

    @property
    def signer_fingerprint(self) -> str | None:
        return fingerprint(self.signer_key) if self.signer_key else None

    @property
    def needs_confirmation(self) -> bool:
        """Import only after the user explicitly agreed: unsigned, or signed by an unknown key."""
        return self.status is not PackStatus.TRUSTED


def build_pack(source_dir: Path) -> bytes:
    """The unsigned pack for a trainer's folder; the same folder always gives the same bytes."""
    manifest, articles, _names = read_source(source_dir)
    document = {"format": FORMAT, "format_version": FORMAT_VERSION, "manifest": manifest,
                "articles": articles, "digest": "sha256:" + content_digest(manifest, articles)}
    data = canonical(document)
    read_pack(data)  # what a trainer builds is exactly what the app will accept
    return data


def sign_pack(data: bytes, key: Ed25519PrivateKey) -> bytes:
    """The same pack with this key's signature, replacing any earlier one. Refuses a damaged pack."""
    document, _signer = _checked_document(data)
    public = raw_public_key(key)
    digest = document["digest"].removeprefix("sha256:")
    document["signature"] = {"algorithm": SIGNATURE_ALGORITHM, "public_key": public.hex(),
                             "value": sign_digest(key, digest)}
    return canonical(document)


def read_pack(data: bytes, trusted: Iterable[bytes] = ()) -> Pack:
    """The pack in `data`, fully checked; raises a PackError subclass for anything wrong with it.

    `trusted` holds the raw public keys the user has marked as trusted.
    """
    document, signer = _checked_document(data)
    manifest = document["manifest"]
    if signer is None:
        status = PackStatus.UNSIGNED
    else:
        status = PackStatus.TRUSTED if signer in {bytes(k) for k in trusted} \
            else PackStatus.UNKNOWN_SIGNER
    articles = tuple(PackArticle(
        a["id"], a["title"], a["kind"], tuple(a["tags"]), a["summary"], a["reading_minutes"],
        tuple(a["related"]), tuple(a["stages"]), a["body"],
        Facts(parse_checked(a.get("checked")), tuple(a.get("sources", ()))))
        for a in document["articles"])
    return Pack(manifest["id"], manifest["title"], manifest["author"], manifest["language"],
                manifest["version"], manifest["description"], articles, document["digest"],
                status, signer)


def read_pack_file(path: Path) -> bytes:
    """A pack file's bytes, refusing to read more than the format allows."""
    data = read_limited(path, MAX_PACK_BYTES)
    if len(data) > MAX_PACK_BYTES:
        raise PackTooLarge(limit=MAX_PACK_BYTES // (1024 * 1024))
    return data


def render_article(body: str) -> str:
    """Safe HTML for a pack article: the library's renderer, minus links (packs point nowhere)."""
    import markdown
    import nh3

    from commsdesk.library.articles import ALLOWED_ATTRIBUTES, ALLOWED_TAGS

    html = markdown.markdown(body, extensions=["attr_list", "sane_lists", "tables"])
    return nh3.clean(html, tags=ALLOWED_TAGS - {"a"},
                     attributes={k: v for k, v in ALLOWED_ATTRIBUTES.items() if k != "a"},
                     url_schemes=set(), link_rel=None)


# -- the checks, in the order that gives the truest message -------------------------------------
def _checked_document(data: bytes) -> tuple[dict, bytes | None]:
    document = _parse(data)
    signer = _verify_integrity(document)
    check_manifest(document["manifest"])
    check_articles(document["articles"], _labels(document["articles"]))
    return document, signer


def _damaged(reason: str) -> PackDamaged:
    return PackDamaged(reason=Msg(reason))


def _parse(data: bytes) -> dict:
    if len(data) > MAX_PACK_BYTES:
        raise PackTooLarge(limit=MAX_PACK_BYTES // (1024 * 1024))
    try:
        document = json.loads(bytes(data).decode("utf-8"), parse_constant=_refuse_constant)
    except UnicodeDecodeError:
        raise _damaged(N_("it is not UTF-8 text")) from None
    except (ValueError, RecursionError):
        raise _damaged(N_("it is not a pack document")) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _damaged(N_("it is not a CommsDesk pack"))
    version = document.get("format_version")
    if type(version) is int and version > FORMAT_VERSION:
        raise PackTooNew()
    if type(version) is not int or version != FORMAT_VERSION:
        raise _damaged(N_("its format version is not valid"))
    try:
        same = canonical(document) == data
    except (ValueError, RecursionError):  # UnicodeEncodeError (lone surrogates) is a ValueError
        same = False
    if not same:
        raise _damaged(N_("it was altered: its bytes are not in the form CommsDesk writes"))
    if set(document) - {"signature"} != TOP_KEYS:
        raise _damaged(N_("a part of the pack is missing or unknown"))
    return document


def _refuse_constant(name: str) -> None:
    raise ValueError(name)


def _verify_integrity(document: dict) -> bytes | None:
    """The signer's public key (None when unsigned), once the checksum and signature match."""
    digest = document["digest"]
    if not isinstance(digest, str) or not digest.startswith("sha256:"):
        raise _damaged(N_("its checksum is missing"))
    if digest != "sha256:" + content_digest(document["manifest"], document["articles"]):
        raise PackTampered(check=Msg(N_("checksum")))
    if "signature" not in document:
        return None
    signature = document["signature"]
    if not isinstance(signature, dict) or set(signature) != SIGNATURE_KEYS \
            or signature["algorithm"] != SIGNATURE_ALGORITHM \
            or not _is_hex(signature["public_key"], 32) or not _is_hex(signature["value"], 64):
        raise _damaged(N_("its signature block is malformed"))
    public = bytes.fromhex(signature["public_key"])
    if not signature_valid(public, digest.removeprefix("sha256:"), bytes.fromhex(signature["value"])):
        raise PackTampered(check=Msg(N_("signature")))
    return public


def _is_hex(value: object, size: int) -> bool:
    return isinstance(value, str) and len(value) == 2 * size \
        and all(c in "0123456789abcdef" for c in value)


def _labels(articles: object) -> list[str] | None:
    if not isinstance(articles, list):
        return None
    return [a["id"] if isinstance(a, dict) and isinstance(a.get("id"), str)
            and SLUG.fullmatch(a["id"]) else f"#{n}" for n, a in enumerate(articles, start=1)]
