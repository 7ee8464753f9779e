"""Fuzz the pack reader: `python benchmarks/fuzz_packs.py [N] [SEED]` mutates a signed pack N times
(bytes, single values, and any JSON value at any place: type confusion), then builds N packs from a
trainer's folder whose manifest.toml has any TOML value (arrays, tables, dates, nan, deep nesting) at
any place.

Prints how many mutants were rejected (by error), accepted unsigned or accepted signed, and how
many crashed. Exits 1 if any mutant crashed the reader, was accepted with a valid signature it
should not have, or rendered active content (a script, a link, an image).
"""

from __future__ import annotations

import contextlib
import json
import random
import shutil
import sys
import tempfile
import time
import tomllib
from collections import Counter
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src")]

from json_values import mutate as substitute  # noqa: E402
from json_values import places, random_value  # noqa: E402

from commsdesk.club.pack_format import canonical, content_digest  # noqa: E402
from commsdesk.club.pack_signing import generate_signing_key, raw_public_key, sign_digest  # noqa: E402
from commsdesk.club.packs import PackStatus, build_pack, read_pack, render_article, sign_pack  # noqa: E402
from commsdesk.storage.errors import VaultError  # noqa: E402

HOSTILE = ["<script>alert(1)</script>", "![](https://evil.example/p.png)", "[x](javascript:alert(1))",
           "[x](https://evil.example/)", "<img src=x onerror=alert(1)>", "\u202e", "\x00", "{onclick=x}",
           "../../etc/passwd", "\ud800", "9" * 5000, "<!--", "[r]: https://evil.example/"]
SAFE_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "b", "i", "blockquote", "code",
             "pre", "hr", "br", "table", "thead", "tbody", "tr", "th", "td"}


class ActiveMarkup(HTMLParser):
    """Collects any tag or attribute in rendered HTML that could run, load or link anything."""

    def __init__(self, html: str):
        super().__init__()
        self.found: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in SAFE_TAGS or any(name != "id" for name, _value in attrs):
            self.found.append(tag)


def byte_mutation(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    kind = rng.randrange(6)
    if kind == 0:
        for _ in range(rng.randint(1, 8)):
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    elif kind == 1:
        out[rng.randrange(len(out))] = rng.randrange(256)
    elif kind == 2:
        at = rng.randrange(len(out) + 1)
        out[at:at] = rng.randbytes(rng.randint(1, 16))
    elif kind == 3:
        at = rng.randrange(len(out))
        del out[at:at + rng.randint(1, 64)]
    elif kind == 4:
        at = rng.randrange(len(out))
        piece = out[at:at + rng.randint(1, 256)]
        where = rng.randrange(len(out) + 1)
        out[where:where] = piece
    else:
        del out[rng.randrange(len(out)):]
    return bytes(out)


def _leaves(value: object, path: tuple = ()) -> list[tuple]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _leaves(v, (*path, k))] + [path]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _leaves(v, (*path, i))] + [path]
    return [path]


def _set(document: dict, path: tuple, value: object) -> None:
    target = document
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value


def structural_mutation(data: bytes, rng: random.Random, attacker) -> tuple[bytes, bool]:
    """Change one value of the document, then maybe fix the checksum and re-sign with another key."""
    document = json.loads(data)
    path = rng.choice([p for p in _leaves(document) if p])
    choice = rng.randrange(5)
    if rng.random() < 0.4:  # type confusion: any JSON value, anywhere (the top level too)
        document = substitute(rng, document, [(), *places(document)])
    elif choice == 0:
        _set(document, path, rng.choice(HOSTILE))
    elif choice == 1:
        _set(document, path, rng.choice([None, True, 0, -1, 10**9, 1.5, [], {}, ""]))
    elif choice == 2:
        _set(document, path, str(rng.random()))
    elif choice == 3 and isinstance(document.get("articles"), list) and document["articles"]:
        body = document["articles"][0].get("body", "")
        document["articles"][0]["body"] = body + "\n\n" + rng.choice(HOSTILE)
    else:
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        if isinstance(parent, dict):
            parent.pop(path[-1], None)
    resigned = False
    fix = rng.randrange(3)
    if fix and isinstance(document, dict) and isinstance(document.get("articles"), list):
        with contextlib.suppress(ValueError, TypeError, KeyError):
            document["digest"] = "sha256:" + content_digest(document["manifest"], document["articles"])
        if fix == 2 and "signature" in document and isinstance(document.get("digest"), str):
            digest = document["digest"].removeprefix("sha256:")
            document["signature"] = {"algorithm": "ed25519", "public_key": raw_public_key(attacker).hex(),
                                     "value": sign_digest(attacker, digest)}
            resigned = True
    try:
        return canonical(document), resigned
    except (ValueError, TypeError, RecursionError):
        try:
            return json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogatepass"), resigned
        except ValueError:  # a number with more digits than Python prints
            return b"{}", resigned


def toml_value(rng: random.Random, depth: int = 0):
    """Any JSON value, with TOML's own types (dates, times) where JSON has null, and deeper arrays."""
    value = random_value(rng, depth)
    if value is None:
        return rng.choice([date(2026, 11, 2), datetime(2026, 11, 2, 10, 0), datetime(1, 1, 1),
                           "\u0000", 0])
    if isinstance(value, list) and rng.random() < 0.05:
        nested: list = []
        for _ in range(3000):
            nested = [nested]
        return nested
    return value


def toml_text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "nan" if value != value else "inf" if value == float("inf") else \
            "-inf" if value == float("-inf") else repr(value)
    if isinstance(value, int | date | datetime):
        return value.isoformat() if not isinstance(value, int) else str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        parts, level = [], value
        while isinstance(level, list) and len(level) == 1 and isinstance(level[0], list):
            parts.append("[")
            level = level[0]
        if len(parts) > 50:  # deep nesting written without recursion
            return "".join(parts) + toml_text(level) + "]" * len(parts)
        return "[" + ", ".join(toml_text(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(k), ensure_ascii=False)} = {toml_text(v)}"
                               for k, v in value.items() if v is not None) + "}"
    return '""'


def manifest_mutation(manifest: dict, rng: random.Random) -> bytes:
    changed = substitute(rng, manifest, [p for p in places(manifest) if p], toml_value)
    lines = [f"{json.dumps(str(k), ensure_ascii=False)} = {toml_text(v)}" for k, v in changed.items()]
    if rng.random() < 0.1:  # a table header instead of a value
        lines.append(f"[{rng.choice(list(changed) or ['x'])}]\nx = 1")
    return "\n".join(lines).encode("utf-8", "surrogatepass")


def manifest_campaign(trials: int, rng: random.Random, counts: Counter) -> list[str]:
    """Build packs from the example folder with a substituted manifest: a PackError or a pack."""
    source = ROOT / "resources" / "packs" / "example"
    manifest = tomllib.loads((source / "manifest.toml").read_text(encoding="utf-8"))
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name) / "pack"
        shutil.copytree(source, folder)
        for _ in range(trials):
            text = manifest_mutation(manifest, rng)
            (folder / "manifest.toml").write_bytes(text)
            try:
                read_pack(build_pack(folder))
                counts["manifest: built"] += 1
            except VaultError as exc:
                exc.user_message()
                counts["manifest: rejected: " + type(exc).__name__] += 1
            except Exception as exc:  # the builder must never fail in any other way
                counts["crashed"] += 1
                counts["FAILED"] += 1
                if len(failures) < 10:
                    failures.append(f"manifest crash {type(exc).__name__}: {exc} on {text[:300]!r}")
    return failures


def check(mutant: bytes, original: bytes, trusted: bytes, resigned: bool, counts: Counter) -> str | None:
    """None when the reader behaved; otherwise what went wrong."""
    if mutant == original:
        counts["unchanged (not counted)"] += 1
        return None
    try:
        pack = read_pack(mutant, [trusted])
    except VaultError as exc:
        counts["rejected: " + type(exc).__name__] += 1
        return None
    except Exception as exc:  # the reader must never fail in any other way
        counts["crashed"] += 1
        return f"crash {type(exc).__name__}: {exc}"
    counts[f"accepted: {pack.status.value}" + (" (re-signed by another key)" if resigned else "")] += 1
    if pack.status is PackStatus.TRUSTED:
        return "a changed pack was accepted as signed by the trusted key"
    if pack.status is PackStatus.UNKNOWN_SIGNER and not resigned:
        return "a changed pack kept a valid signature"
    for article in pack.articles:
        if ActiveMarkup(render_article(article.body)).found:
            return "an accepted article rendered active content"
    return None


def main() -> int:
    trials = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else int(time.time())
    rng = random.Random(seed)
    key, attacker = generate_signing_key(), generate_signing_key()
    original = sign_pack(build_pack(ROOT / "resources" / "packs" / "example"), key)
    trusted = raw_public_key(key)
    assert read_pack(original, [trusted]).status is PackStatus.TRUSTED
    counts: Counter = Counter()
    failures: list[str] = []
    started = time.perf_counter()
    for _ in range(trials):
        if rng.random() < 0.6:
            mutant, resigned = byte_mutation(original, rng), False
        else:
            mutant, resigned = structural_mutation(original, rng, attacker)
        problem = check(mutant, original, trusted, resigned, counts)
        if problem:
            counts["FAILED"] += 1
            if len(failures) < 10:
                failures.append(problem)
    elapsed = time.perf_counter() - started
    print(f"{trials} mutants of a {len(original)}-byte signed pack (seed {seed}) in {elapsed:.1f} s "
          f"({trials / elapsed:,.0f}/s)")
    started = time.perf_counter()
    failures += manifest_campaign(trials, rng, counts)
    print(f"{trials} packs built from substituted manifests in {time.perf_counter() - started:.1f} s")
    for outcome, count in sorted(counts.items()):
        print(f"  {outcome:<50} {count}")
    print(f"crashed: {counts['crashed']}; wrongly accepted or unsafe: {counts['FAILED'] - counts['crashed']}")
    for problem in failures:
        print("  FAIL", problem)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
