"""A longer fuzz campaign for the vCard import: `python benchmarks/fuzz_vcard.py [N] [SEED]`.

Each case mutates one of the test fixtures (tests/club/data/vcard/) — flipped bytes, cuts,
duplicated, dropped or swapped lines, splices of two files, stray soft breaks, charsets and
parameters — or builds a card from a soup of vCard tokens, and reads it. A case is accepted
(contacts came back), rejected (a VCardError with a message) or crashed (anything else).
Crashing inputs are saved to a temporary folder for replay. Exits non-zero on any crash or
on a case slower than the budget.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from commsdesk.club.vcard import MAX_NAME_CHARS, VCardError, read_phone_export  # noqa: E402

FIXTURES = ROOT / "tests" / "club" / "data" / "vcard"
BUDGET_SECONDS = 10.0
TOKENS = [
    b"BEGIN:VCARD", b"END:VCARD", b"VERSION:2.1", b"VERSION:3.0", b"VERSION:4.0", b"FN", b"N", b"TEL",
    b"ADR", b"ORG", b"EMAIL", b"KIND:group", b"item1.", b"PHOTO;ENCODING=b;TYPE=JPEG:", b";", b":", b",",
    b"=", b"\\", b'"', b"\r\n", b"\n", b"\r", b" ", b"\t", b";CHARSET=UTF-8", b";CHARSET=windows-1251",
    b";CHARSET=zlib", b";ENCODING=QUOTED-PRINTABLE", b";encoding=quoted-printable", b";QUOTED-PRINTABLE",
    b";ENCODING=BASE64", b";TYPE=CELL", b";X-CUSTOM(CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,=D0=94)",
    b"=D0=9F", b"=0D=0A", b"=\r\n", b"=ZZ", b"\xd0", b"\x9f", b"\xff", b"\x00", b"\xef\xbb\xbf",
    "Анна".encode(), "Пётр".encode("cp1251"), b"\\n", b"\\;", b"\\,", b";a=b" * 30, b"x" * 500,
]


def mutate(data: bytes, rng: random.Random, corpus: list[bytes]) -> bytes:
    kind = rng.randrange(11)
    if kind == 0 and data:  # flip bytes
        buf = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
        return bytes(buf)
    if kind == 1:  # cut short, or cut the head off
        cut = rng.randrange(len(data) + 1)
        return data[:cut] if rng.random() < 0.7 else data[cut:]
    lines = data.split(b"\n")
    if kind == 2:  # duplicate lines
        for _ in range(rng.randint(1, 10)):
            i = rng.randrange(len(lines))
            lines[i:i] = [lines[i]] * rng.randint(1, 50)
    elif kind == 3 and len(lines) > 1:  # drop lines
        for _ in range(rng.randint(1, min(10, len(lines) - 1))):
            del lines[rng.randrange(len(lines))]
    elif kind == 4 and len(lines) > 1:  # swap lines
        for _ in range(rng.randint(1, 10)):
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
    elif kind == 5:  # splice with another fixture
        other = rng.choice(corpus)
        return data[:rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1):]
    elif kind == 6:  # stray soft breaks and folds
        for _ in range(rng.randint(1, 10)):
            i = rng.randrange(len(lines))
            lines[i] = lines[i].rstrip(b"\r") + rng.choice([b"=", b"=\r", b" ", b"\\"])
            if rng.random() < 0.5:
                lines.insert(i + 1, rng.choice([b"", b" ", b"\t=D0", b"END:VCARD"]))
    elif kind == 7:  # insert tokens
        for _ in range(rng.randint(1, 15)):
            i = rng.randrange(len(lines))
            pos = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:pos] + rng.choice(TOKENS) + lines[i][pos:]
    elif kind == 8:  # re-encode or change case
        text = data.decode("utf-8", errors="replace")
        choice = rng.randrange(4)
        if choice == 0:
            return text.upper().encode("utf-8")
        if choice == 1:
            return text.lower().encode("utf-8")
        if choice == 2:
            return text.encode("utf-16")
        return text.encode("cp1251", errors="replace")
    elif kind == 9:  # line endings
        return data.replace(b"\r\n", rng.choice([b"\n", b"\r", b"\r\r\n", b"\n\n"]))
    else:  # a token soup
        return b"".join(rng.choice(TOKENS) for _ in range(rng.randint(0, 400)))
    return b"\n".join(lines)


_saved: list[Path] = []


def keep(data: bytes, name: str) -> Path:
    """Save a failing input for replay, in one temporary folder made on the first failure."""
    if not _saved:
        _saved.append(Path(tempfile.mkdtemp(prefix="fuzz-vcard-")))
    path = _saved[0] / name
    path.write_bytes(data)
    return path


def check(result) -> None:
    for contact in result.contacts:
        assert contact.name and len(contact.name) <= MAX_NAME_CHARS, contact
        for text in (contact.name, *contact.phones, *contact.emails, *contact.addresses):
            assert text == " ".join(text.split()), contact
            assert not any(ord(c) < 32 for c in text), contact


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else int(time.time())
    rng = random.Random(seed)
    corpus = [path.read_bytes() for path in sorted(FIXTURES.glob("*.vcf"))]
    counts = {"accepted": 0, "rejected": 0, "crashed": 0}
    slowest, slowest_kind = 0.0, ""
    too_slow = 0
    started = time.perf_counter()
    for number in range(1, count + 1):
        data = rng.choice(corpus)
        for _ in range(rng.randint(1, 3)):
            data = mutate(data, rng, corpus)
        begin = time.perf_counter()
        try:
            result = read_phone_export(data)
            check(result)
            counts["accepted"] += 1
            outcome = "accepted"
        except VCardError as error:
            assert str(error)
            counts["rejected"] += 1
            outcome = type(error).__name__
        except Exception:  # that is what a crash is (or a contact that is not clean text)
            counts["crashed"] += 1
            outcome = "crashed"
            saved = keep(data, f"crash-{number}.vcf")
            print(f"case {number}: crashed, input saved to {saved}")
            traceback.print_exc()
        spent = time.perf_counter() - begin
        if spent > slowest:
            slowest, slowest_kind = spent, f"case {number}, {len(data)} bytes, {outcome}"
        if spent > BUDGET_SECONDS:
            too_slow += 1
            saved = keep(data, f"slow-{number}.vcf")
            print(f"case {number}: {spent:.1f} s, over the {BUDGET_SECONDS:.0f} s budget; saved to {saved}")
        if number % 1000 == 0:
            print(f"{number} cases: {counts}", flush=True)
    print(f"seed {seed}: {count} cases in {time.perf_counter() - started:.0f} s — "
          f"accepted {counts['accepted']}, rejected {counts['rejected']}, crashed {counts['crashed']}; "
          f"slowest {slowest * 1000:.0f} ms ({slowest_kind})")
    return 1 if counts["crashed"] or too_slow else 0


if __name__ == "__main__":
    sys.exit(main())
