"""Hostile .vcf files: each gives a result or a clear VCardError, quickly, and writes nothing."""

from __future__ import annotations

import base64
import logging
import os
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commsdesk.people import vcard
from commsdesk.people.vcard import (
    MAX_CARDS,
    MAX_FILE_BYTES,
    MAX_NAME_CHARS,
    MAX_VALUES,
    LineTooLong,
    NoReadableContacts,
    NotAVCard,
    SkipReason,
    TooManyCards,
    VCardError,
    VCardTooLarge,
    read_phone_export,
)
from commsdesk.people.vcard import decode as vcard_decode
from commsdesk.storage.errors import VaultError

DATA = Path(__file__).parent / "data" / "vcard"


def card(body: bytes, version: bytes = b"3.0") -> bytes:
    return b"BEGIN:VCARD\r\nVERSION:" + version + b"\r\n" + body + b"END:VCARD\r\n"


def outcome(data: bytes, _budget: float = 2.0):
    """The export or the VCardError. (`_budget` documents the time the case should take on the
    2-core machine; benchmarks/fuzz_vcard.py measures it: unit tests assert no times.)"""
    try:
        return read_phone_export(data)
    except VCardError as error:
        return error


def names(data: bytes) -> list[str]:
    return [c.name for c in read_phone_export(data).contacts]


# -- not a contacts file --------------------------------------------------------------------

@pytest.mark.parametrize("data", [
    b"", b"   \r\n\t \n", b"\x00" * 4096, random.Random(1).randbytes(200_000),
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + random.Random(2).randbytes(60_000) + b"\xff\xd9",
    b"\x89PNG\r\n\x1a\n" + random.Random(3).randbytes(5000), b"PK\x03\x04" + random.Random(4).randbytes(5000),
    b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "Мама: +7 916 000-00-00\n".encode(),
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", b"  BEGIN:VCARD\r\nFN:Indented\r\n  END:VCARD",
], ids=["empty", "blank", "nuls", "random", "jpeg", "png", "zip", "pdf", "text", "calendar", "indented"])
def test_not_a_vcard(data):
    assert isinstance(outcome(data), NotAVCard)


def test_the_bytes_of_the_iphone_photo_are_not_a_vcard():
    raw = (DATA / "iphone_30.vcf").read_bytes()
    start = raw.index(b"PHOTO;ENCODING=b;TYPE=JPEG:") + len(b"PHOTO;ENCODING=b;TYPE=JPEG:")
    photo = base64.b64decode(raw[start:raw.index(b"\r\nX-IMAGETYPE")].replace(b"\r\n ", b""))
    assert photo.startswith(b"\xff\xd8") and isinstance(outcome(photo), NotAVCard)


# -- limits ---------------------------------------------------------------------------------

def test_a_30_mib_file_is_too_large():
    error = outcome(card(b"FN:" + b"a" * (30 * 1024 * 1024) + b"\r\n"))
    assert isinstance(error, VCardTooLarge) and "20 MB" in str(error)


def test_25000_tiny_cards_are_too_many():
    error = outcome(card(b"FN:x\r\n") * 25_000)
    assert isinstance(error, TooManyCards) and str(MAX_CARDS) in str(error)


def test_the_most_cards_allowed_read_in_time():
    result = outcome(card("FN:Анна Петрова\r\nTEL;TYPE=CELL:+7 900 000-00-00\r\n".encode()) * MAX_CARDS, 10)
    assert len(result.contacts) == MAX_CARDS and result.contacts[-1].index == MAX_CARDS - 1


def test_an_extremely_long_line_is_refused():
    assert isinstance(outcome(card(b"FN:Anna\r\nNOTE:" + b"x" * 5_000_000 + b"\r\n")), LineTooLong)
    old_mac = b"BEGIN:VCARD\rFN:Anna\rNOTE:" + b"x" * 3_000_000 + b"\rEND:VCARD\r"
    assert isinstance(outcome(old_mac), LineTooLong)


def test_a_long_folded_name_is_cut_at_the_limit():
    long_name = "Ё" * 100_000
    folded = "\r\n ".join(long_name[i:i + 37] for i in range(0, len(long_name), 37))
    result = outcome(card(f"FN:{folded}\r\n".encode()))
    assert result.contacts[0].name == "Ё" * MAX_NAME_CHARS


@pytest.mark.parametrize("body", [
    b"a\n", b"\n", b"TEL:1\n", b"FN;a=b;a=b;a=b;a=b;a=b;a=b:\n", b"N;QUOTED-PRINTABLE:=\n", b"\xe0\n",
    b"\xe0\nFN:x\n", b"ADR:" + b";" * 500 + b"\n",
], ids=["short", "blank", "phones", "params", "soft-breaks", "cp1251", "mixed", "semicolons"])
def test_twenty_mib_of_lines_in_one_card_reads_in_time(body):
    data = card(b"FN:Anna\r\n" + body * ((MAX_FILE_BYTES - 100) // len(body)))
    result = outcome(data, 12)
    assert result.contacts[0].name in ("Anna", "x")
    assert len(result.contacts[0].phones) <= MAX_VALUES


# -- damaged cards --------------------------------------------------------------------------

def test_begin_without_end():
    error = outcome(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna")
    assert isinstance(error, NoReadableContacts) and error.params["unreadable"] == 1
    result = outcome(card(b"FN:Boris\r\n") + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna")
    assert [c.name for c in result.contacts] == ["Boris"]
    assert [(s.index, s.reason) for s in result.skipped] == [(1, SkipReason.UNREADABLE)]


def test_nested_begin_leaves_the_outer_card_cut_short():
    result = outcome(b"BEGIN:VCARD\r\nFN:Outer\r\nBEGIN:VCARD\r\nFN:Inner\r\nEND:VCARD\r\n")
    assert [(c.index, c.name) for c in result.contacts] == [(1, "Inner")]
    assert [(s.index, s.reason) for s in result.skipped] == [(0, SkipReason.UNREADABLE)]


def test_end_without_begin_and_text_between_cards_are_ignored():
    data = b"END:VCARD\r\njunk\r\n" + card(b"FN:Anna\r\n") + b"more junk\r\n\r\n" + card(b"FN:Boris\r\n")
    assert names(data) == ["Anna", "Boris"]


def test_only_a_photo():
    photo = base64.b64encode(random.Random(5).randbytes(30_000))
    folded = b"\r\n ".join(photo[i:i + 74] for i in range(0, len(photo), 74))
    error = outcome(card(b"PHOTO;ENCODING=b;TYPE=JPEG:" + folded + b"\r\n"))
    assert isinstance(error, NoReadableContacts) and error.params["no_name"] == 1


def test_a_photo_that_is_not_base64_costs_nothing():
    assert names(card(b"FN:Anna\r\nPHOTO;ENCODING=b;TYPE=JPEG:!!not base64!!\r\n")) == ["Anna"]


def test_lines_vobject_cannot_parse_are_passed_over():
    assert names(card(b"FN:Anna\r\nthis line has no colon\r\n:no name\r\nTEL; TYPE=CELL:1\r\n")) == ["Anna"]


# -- broken encodings -----------------------------------------------------------------------

@pytest.mark.parametrize(("value", "name"), [
    (b"=ZZ=D0=9F=D1=91=D1=82=D1=80", "=ZZПётр"),
    (b"=D0=9F=D1=91=D1=82=D1=80=", "Пётр"),  # soft break, then the end of the card
    (b"=D0=9F=D1=91=D1=82=D1=80=D", "Пётр=D"),
    (b"=D0=9F=D1=91=D1=82=D1=80=D0", "Пётр"),  # half a letter at the end is dropped
    (b"=d0=9f=d1=91=d1=82=d1=80", "Пётр"),
])
def test_broken_quoted_printable(value, name):
    assert names(card(b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:" + value + b"\r\n", b"2.1")) == [name]


def test_lower_case_quoted_printable_is_still_quoted_printable():
    # vobject alone would read this parameter as base64 and return bytes.
    data = card(b"FN;charset=utf-8;encoding=quoted-printable:=D0=AE=D0=BB=D1=8F\r\n", b"2.1")
    assert names(data) == ["Юля"]


@pytest.mark.parametrize("charset", [b"KOI9", b"zlib", b"base64", b"rot13", b"punycode", b"idna",
                                     b"utf-32", b"", b'"utf-8"'])
def test_unknown_or_odd_charsets_never_crash(charset):
    data = card(b"FN;CHARSET=" + charset + b";ENCODING=QUOTED-PRINTABLE:=D0=AE=D0=BB=D1=8F\r\n", b"2.1")
    assert names(data) == ["Юля"]


def test_an_unbalanced_quote_loses_the_line_not_the_file():
    data = card(b'FN;CHARSET=";ENCODING=QUOTED-PRINTABLE:=D0=AE\r\nFN:Julia\r\n', b"2.1")
    assert names(data) == ["Julia"]


def test_invalid_utf8_falls_back_without_crashing():
    assert names(card(b"FN:\xc3\x28Anna \xff\xfe\r\n")) == ["Г(Anna яю"]
    assert names(card("FN:Анна\r\n".encode() + b"NOTE:\xff\r\n")) == ["Анна"]


def test_nul_bytes_and_control_characters_are_removed():
    data = card(b"FN:An\x00na\x07 \x1b[31mRed\x1b[0m\r\nTEL:+7\x00 900\r\n")
    contact = read_phone_export(data).contacts[0]
    assert contact.name == "Anna [31mRed[0m"  # the escape characters go, their text stays text
    assert contact.phones == ("+7 900",)


def test_invisible_and_direction_changing_characters_are_removed():
    data = card("FN:\u202eAnna\u200b Maria\ufeff\u2066\r\nN:;;;;\r\n".encode())
    assert names(data) == ["Anna Maria"]


def test_whitespace_is_normalised():
    assert names(card(b"FN:  Anna\\n\\n  Maria\t Petrova \r\n")) == ["Anna Maria Petrova"]


# -- text that looks like something else stays text ----------------------------------------

@pytest.mark.parametrize("name", ["../../etc/passwd", "..\\..\\Windows\\System32", "/etc/shadow",
                                  "<script>alert(1)</script>", "<b>Анна</b> &amp; Co",
                                  "'; DROP TABLE contacts; --", "{name} {0} %s", "=cmd|' /C calc'!A0"])
def test_names_that_look_like_paths_markup_or_code_stay_plain_names(name):
    escaped = name.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    assert names(card(f"FN:{escaped}\r\n".encode())) == [name]


# -- vobject's weak spots -------------------------------------------------------------------

def test_many_parameters_without_a_colon_do_not_hang_the_parser():
    # vobject's line expression backtracks exponentially here (25 parameters: 20 s).
    body = b"FN" + b";a=b" * 60 + b"x\r\nN" + b";a=b" * 60 + b'"x:Doe;Jane\r\nFN:Jane Doe\r\n'
    assert names(card(body)) == ["Jane Doe"]


def test_unescaped_commas_keep_the_whole_name():
    # vobject keeps only "Doe" of "FN:Doe, John".
    assert names(card(b"FN:Doe, John\r\n", b"2.1")) == ["Doe, John"]


def test_trailing_backslash_is_dropped_not_spelled_out():
    assert names(card(b"FN:Anna\\\r\n")) == ["Anna"]


def test_an_exception_inside_vobject_skips_only_that_card(monkeypatch):
    import vobject.base

    real = vobject.base.parseLine

    def flaky(line, *args):
        if "Boom" in line:
            raise RuntimeError("unforeseen")
        return real(line, *args)

    monkeypatch.setattr(vobject.base, "parseLine", flaky)
    result = read_phone_export(card(b"FN:Boom\r\n") + card(b"FN:Anna\r\n"))
    assert [c.name for c in result.contacts] == ["Anna"]
    assert [(s.index, s.reason) for s in result.skipped] == [(0, SkipReason.UNREADABLE)]


def test_an_unforeseen_failure_anywhere_is_a_clear_error(monkeypatch):
    def broken(data):
        raise MemoryError

    monkeypatch.setattr(vcard_decode, "decode_file", broken)
    with pytest.raises(VCardError) as caught:
        read_phone_export(card(b"FN:Anna\r\n"))
    assert type(caught.value) is VCardError and caught.value.__cause__ is None
    assert caught.value.__suppress_context__


# -- truncation keeps characters whole ------------------------------------------------------

def test_truncation_never_splits_a_letter_from_its_accent():
    name = "е\u0301" * 150  # no precomposed form: two code points each
    result = names(card(f"FN:{name}\r\n".encode()))[0]
    assert result == "е\u0301" * 100


def test_truncation_never_splits_an_emoji_sequence():
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # man ZWJ woman ZWJ girl
    for pad in range(0, 6):
        text = "a" * (MAX_NAME_CHARS - pad) + family + "\U0001f44d\U0001f3fd"
        cut = names(card(f"FN:{text}\r\n".encode()))[0]
        assert len(cut) <= MAX_NAME_CHARS
        tail = cut[MAX_NAME_CHARS - pad:]
        assert tail in ("", family), (pad, tail)


# -- nothing leaves the function ------------------------------------------------------------

def test_nothing_is_logged_or_written(private_dirs, caplog, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    caplog.set_level(logging.DEBUG)
    hostile = [b"", os.urandom(5000), card(b"FN" + b";a=b" * 40 + b"x\r\n"),
               card(b"FN;ENCODING=QUOTED-PRINTABLE;CHARSET=zlib:=ZZ\r\n"), b"BEGIN:VCARD\r\nFN:cut"]
    for path in sorted(DATA.glob("*.vcf")):
        hostile.append(path.read_bytes())
    for data in hostile:
        outcome(data)
    assert caplog.records == []
    assert list(tmp_path.iterdir()) == []
    assert all(list(folder.iterdir()) == [] for folder in private_dirs.values())


# -- generated inputs -----------------------------------------------------------------------

def assert_clean(result) -> None:
    if isinstance(result, VaultError):
        assert str(result)
        return
    for contact in result.contacts:
        assert contact.name and len(contact.name) <= MAX_NAME_CHARS
        for text in (contact.name, *contact.phones, *contact.emails, *contact.addresses):
            assert text == " ".join(text.split())
            assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in text)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=4096))
def test_any_bytes(data):
    assert_clean(outcome(data))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2048))
def test_any_bytes_inside_a_card(body):
    assert_clean(outcome(card(body)))
    assert_clean(outcome(card(b"FN:x\r\n" + body, b"2.1")))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=2048))
def test_any_text_inside_a_card(body):
    for encoding in ("utf-8", "utf-16", "cp1251"):
        assert_clean(outcome(card(body.encode(encoding, errors="replace"))))


_TOKENS = st.sampled_from([
    "BEGIN:VCARD", "END:VCARD", "VERSION:2.1", "VERSION:4.0", "FN", "N", "TEL", "ADR", "ORG", "EMAIL",
    "item1.", "PHOTO", "KIND:group", ";", ":", ",", "=", "\\", '"', "\r\n", "\n", "\r", " ", "\t",
    ";CHARSET=UTF-8", ";CHARSET=windows-1251", ";ENCODING=QUOTED-PRINTABLE", ";QUOTED-PRINTABLE",
    ";ENCODING=b", ";ENCODING=BASE64", ";TYPE=CELL", ";CELL", "=D0=9F", "=0D=0A", "=\r\n", "=ZZ",
    "Анна", "John", "\\n", "\\;", "\\,", "\x00", "\ufeff", "\u202e", "e\u0301", "+7 900 000-00-00",
])


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TOKENS, max_size=120))
def test_token_soup(tokens):
    text = "".join(tokens)
    assert_clean(outcome(text.encode("utf-8")))
    assert_clean(outcome(("BEGIN:VCARD\r\n" + text + "\r\nEND:VCARD\r\n").encode("utf-8")))


_NAMES = st.text(st.characters(categories=("L", "M", "N", "P", "S", "Zs")), min_size=1, max_size=300)


def android_qp(text: str, charset: str = "utf-8") -> str:
    out, count = [], 0
    for byte in text.encode(charset):
        out.append(f"={byte:02X}")
        count += 3
        if count >= 67:
            out.append("=\r\n")
            count = 0
    return "".join(out)


def expected(name: str) -> str:
    return vcard_decode.clean(name, MAX_NAME_CHARS)


@settings(max_examples=200, deadline=None)
@given(_NAMES)
def test_android_quoted_printable_names_round_trip(name):
    # Android 2.1 escapes only ';' before encoding; a backslash is written as it is.
    value = android_qp(name.replace(";", "\\;"))
    data = card(f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{value}\r\nTEL;CELL:1\r\n".encode(), b"2.1")
    result = outcome(data)
    if expected(name):
        assert [c.name for c in result.contacts] == [expected(name)]
    else:
        assert isinstance(result, NoReadableContacts)


@settings(max_examples=200, deadline=None)
@given(_NAMES)
def test_escaped_30_names_round_trip(name):
    escaped = name.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    line = f"FN:{escaped}".encode()
    folded = b"\r\n ".join(line[i:i + 60] for i in range(0, len(line), 60))  # may split a letter
    result = outcome(card(folded + b"\r\n"))
    if expected(name):
        assert [c.name for c in result.contacts] == [expected(name)]
    else:
        assert isinstance(result, NoReadableContacts)


def test_decode_file_counts_each_line_once_for_mixed_files():
    lines = [f"FN;CHARSET=windows-1251:{n}".encode("cp1251") for n in ("Пётр", "Анна")]
    data = card(lines[0] + b"\r\n") + card("FN:Юля\r\n".encode()) + card(lines[1] + b"\r\n")
    assert names(data) == ["Пётр", "Юля", "Анна"]


def test_limits_are_module_constants():
    assert vcard.MAX_FILE_BYTES == 20 * 1024 * 1024 and vcard.MAX_CARDS == 20_000
    assert vcard.MAX_LINE_BYTES >= 1024 * 1024 and vcard.MAX_NAME_CHARS == 200


def test_text_instead_of_bytes_is_a_programming_error():
    with pytest.raises(TypeError):
        read_phone_export("BEGIN:VCARD")  # type: ignore[arg-type]
    assert [c.name for c in read_phone_export(bytearray(card(b"FN:Anna\r\n"))).contacts] == ["Anna"]
    assert [c.name for c in read_phone_export(memoryview(card(b"FN:Anna\r\n"))).contacts] == ["Anna"]
