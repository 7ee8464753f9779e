"""Fuzz the pack reader: `python benchmarks/fuzz_packs.py [N] [SEED]` mutates a signed pack N times.

Prints how many mutants were rejected (by error), accepted unsigned or accepted signed, and how
many crashed. Exits 1 if any mutant crashed the reader, was accepted with a valid signature it
should not have, or rendered active content (a script, a link, an image).
"""

from __future__ import annotations

import contextlib
import json
import random
import sys
import time
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src")]

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
    if choice == 0:
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
    if fix and isinstance(document.get("articles"), list):
        with contextlib.suppress(ValueError, TypeError, KeyError):
            document["digest"] = "sha256:" + content_digest(document["manifest"], document["articles"])
        if fix == 2 and "signature" in document:
            digest = document["digest"].removeprefix("sha256:")
            document["signature"] = {"algorithm": "ed25519", "public_key": raw_public_key(attacker).hex(),
                                     "value": sign_digest(attacker, digest)}
            resigned = True
    try:
        return canonical(document), resigned
    except ValueError:
        return json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogatepass"), resigned


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
    for outcome, count in sorted(counts.items()):
        print(f"  {outcome:<50} {count}")
    print(f"crashed: {counts['crashed']}; wrongly accepted or unsafe: {counts['FAILED'] - counts['crashed']}")
    for problem in failures:
        print("  FAIL", problem)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
