"""A longer fuzz campaign for the vCard import: `python benchmarks/fuzz_vcard.py [N] [SEED]`.

Each case mutates one of the test fixtures (tests/people/data/vcard/) — flipped bytes, cuts,
duplicated, dropped or swapped lines, splices of two files, stray soft breaks, charsets and
parameters — or builds a card from a soup of vCard tokens, or (type confusion) gives properties
values and parameters of another vCard type (structured where text is expected, URIs, dates,
binary, quoted-printable, numbers, JSON, thousands of components) or another property's name,
and reads it. A case is accepted
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

from commsdesk.people.vcard import MAX_NAME_CHARS, VCardError, read_phone_export  # noqa: E402

FIXTURES = ROOT / "tests" / "people" / "data" / "vcard"
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


PROPERTIES = ["FN", "N", "TEL", "EMAIL", "ADR", "ORG", "VERSION", "NOTE", "BDAY", "PHOTO", "item1.TEL",
              "X-ANDROID-CUSTOM", "KIND", "NICKNAME", "CATEGORIES", "BEGIN", "END"]
PARAMETERS = ["VALUE=uri", "VALUE=date", "VALUE=binary", "VALUE=text", "VALUE=integer", "VALUE=boolean",
              "ENCODING=b", "ENCODING=BASE64", "ENCODING=QUOTED-PRINTABLE", "ENCODING=8bit",
              "CHARSET=utf-8", "CHARSET=windows-1251", "CHARSET=koi8-r", "CHARSET=x-unknown",
              "CHARSET=utf-16", "TYPE=CELL,VOICE,PREF", "TYPE=\"home,work\"", "LANGUAGE=ru", "PREF=1",
              "X-A=b;c", "\"quoted;param\"", "=", "TYPE=" + "x," * 300, "QUOTED-PRINTABLE", "BASE64"]


def typed_value(rng: random.Random) -> str:
    """A value of some vCard type, for any property: the parser must cope with all of them."""
    kind = rng.randrange(12)
    if kind == 0:
        return "".join(chr(rng.choice([rng.randrange(32, 127), rng.randrange(0x400, 0x450),
                                       rng.randrange(0, 0x110000)])) for _ in range(rng.randint(0, 40)))
    if kind == 1:
        return ";".join(rng.choice(["", "Иванов", "Пётр", "a,b,c", "\\;", "\\n"])
                        for _ in range(rng.choice([0, 2, 5, 7, 30, 5000])))
    if kind == 2:
        return rng.choice(["data:image/png;base64,iVBORw0KGgo=", "tel:+7-916-123-45-67", "mailto:a@b.ru",
                           "http://evil.example/", "urn:uuid:0", "geo:55.7,37.6", "file:///etc/passwd"])
    if kind == 3:
        return rng.choice(["19800101", "--0203", "T102200Z", "20261102T102200+0300", "1980-01-01",
                           "99999999", "0000-00-00"])
    if kind == 4:
        return "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123456789+/=")
                       for _ in range(rng.choice([4, 100, 20_000])))
    if kind == 5:
        encoded = "".join(f"={rng.randrange(256):02X}" for _ in range(rng.randint(0, 60)))
        return encoded + rng.choice(["", "="])
    if kind == 6:
        return rng.choice(["42", "-1", "1.5e308", "NaN", "TRUE", "false", "9" * 5000, "0x1F"])
    if kind == 7:
        return rng.choice(['{"a": [1, 2]}', "[[[[", "null", "<script>", "\u0000", "%00", "%s%n"])
    if kind == 8:
        return "x" * rng.choice([1000, 20_000, 100_000])
    if kind == 9:
        return ",".join(rng.choice(["a", "", "\\,", "Пётр"]) for _ in range(rng.choice([2, 50, 3000])))
    if kind == 10:
        return ""
    return rng.choice(["\\", "\\n" * 50, "=\r\n", "\x00", "\u202eгорп", "VCARD"])


def substitute_types(data: bytes, rng: random.Random) -> bytes:
    """Type confusion: one to five content lines get another type's value, parameters or name."""
    lines = data.decode("utf-8", "surrogateescape").split("\n")
    content = [i for i, line in enumerate(lines) if ":" in line and not line[:1].isspace()]
    for _ in range(rng.randint(1, 5)):
        if not content:
            break
        i = rng.choice(content)
        head, _sep, value = lines[i].partition(":")
        name, *params = head.split(";")
        action = rng.randrange(4)
        if action == 0:
            value = typed_value(rng)
        elif action == 1:
            params = [rng.choice(PARAMETERS) for _ in range(rng.randint(1, 4))]
            value = typed_value(rng) if rng.random() < 0.5 else value
        elif action == 2:
            name = rng.choice(PROPERTIES)
        else:
            name, value = rng.choice(PROPERTIES), typed_value(rng)
        lines[i] = ";".join([name, *params]) + ":" + value.rstrip("\r") + "\r"
    return "\n".join(lines).encode("utf-8", "surrogatepass")


def mutate(data: bytes, rng: random.Random, corpus: list[bytes]) -> bytes:
    if rng.random() < 0.35:
        return substitute_types(data, rng)
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
