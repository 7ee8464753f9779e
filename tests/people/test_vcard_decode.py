"""The small steps around vobject: bytes to text, lines, escapes, charsets, clean text, card fields."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from commsdesk.people.vcard import MAX_PHONE_CHARS, MAX_VALUES, SkipReason, read_phone_export
from commsdesk.people.vcard import decode as dec


def card(body: str, version: str = "3.0") -> bytes:
    return f"BEGIN:VCARD\r\nVERSION:{version}\r\n{body}END:VCARD\r\n".encode()


def only(body: str, version: str = "3.0"):
    (contact,) = read_phone_export(card(body, version)).contacts
    return contact


# -- bytes to text --------------------------------------------------------------------------

def test_utf8_is_read_as_it_is():
    assert dec.decode_file("BEGIN:VCARD\nFN:Юля\n".encode()) == "BEGIN:VCARD\nFN:Юля\n"


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_boms_and_utf16_without_one(codec):
    assert dec.decode_file("BEGIN:VCARD\r\nFN:Юля\r\n".encode(codec)) == "BEGIN:VCARD\r\nFN:Юля\r\n"


def test_lines_that_are_not_utf8_are_read_in_their_charset_or_windows_1251():
    data = ("FN:Юля\r\n".encode() + "FN;CHARSET=KOI8-R:Пётр\r\n".encode("koi8-r")
            + "FN:Анна\r\n".encode("cp1251"))
    assert dec.decode_file(data) == "FN:Юля\r\nFN;CHARSET=KOI8-R:Пётр\r\nFN:Анна\r\n"


def test_a_file_with_very_many_bad_lines_is_read_in_one_charset():
    data = "FN;CHARSET=KOI8-R:Пётр\n".encode("koi8-r") * (dec.MAX_LINES_DECODED_ONE_BY_ONE + 1)
    text = dec.decode_file(data)
    assert text.count("Пётр") == dec.MAX_LINES_DECODED_ONE_BY_ONE + 1


# -- lines ----------------------------------------------------------------------------------

def test_soft_line_breaks_join_only_quoted_printable_lines():
    lines = ["FN;ENCODING=QUOTED-PRINTABLE:=D0=AE=", "=D0=BB=D1=8F", "NOTE:ends with =", "TEL:1"]
    assert dec.join_soft_breaks(lines) == ["FN;ENCODING=QUOTED-PRINTABLE:=D0=AE=D0=BB=D1=8F",
                                           "NOTE:ends with =", "TEL:1"]


def test_a_blank_line_ends_a_soft_broken_value():
    lines = ["FN;QUOTED-PRINTABLE:=D0=AE=D0=BB=D1=8F=", "", "TEL:1"]
    assert dec.join_soft_breaks(lines) == ["FN;QUOTED-PRINTABLE:=D0=AE=D0=BB=D1=8F", "", "TEL:1"]


def test_content_lines_unfold_and_pick_the_wanted_properties():
    body = "item1.TEL;type=CELL:+7 900\n 000\nNOTE:x\nPHOTO;ENCODING=b:AAAA\n AAAA\nfn:Anna\n"
    wanted = dec.wanted_lines(["TEL", "FN", "N"])
    assert list(dec.content_lines(body, wanted)) == [("TEL", "item1.TEL;type=CELL:+7 900000"),
                                                      ("FN", "fn:Anna")]


def test_the_precheck_refuses_what_would_make_vobject_backtrack():
    # (how long this takes is measured by benchmarks/fuzz_vcard.py, not asserted here)
    for line in ("FN" + ";a=b" * 5000 + "x", "FN" + ";a=b" * 5000 + '"x:y', "FN;" + 'a="' * 5000):
        assert dec.split_line(line) is None


def test_split_line_keeps_the_value_when_a_parameter_is_odd():
    params, value = dec.split_line("TEL;X-CUSTOM(CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,=D0=94):+7 1")
    assert (params, value) == ([], "+7 1")
    assert dec.split_line("TEL; TYPE=CELL;X-Дача;PREF:+7 2") == ([["PREF"]], "+7 2")
    assert dec.split_line('TEL;TYPE="a;b";X-Дача:+7 3') is None  # quotes and an odd one: refused


# -- values ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("params", "value", "text"), [
    ([["ENCODING", "QUOTED-PRINTABLE"], ["CHARSET", "UTF-8"]], "=D0=AE=D0=BB=D1=8F", "Юля"),
    ([["QUOTED-PRINTABLE"]], "=D0=AE=D0=BB=D1=8F", "Юля"),
    ([["encoding", "quoted-printable"], ["charset", "windows-1251"]], "=DE=EB=FF", "Юля"),
    ([["ENCODING", "QUOTED-PRINTABLE"]], "=DE=EB=FF", "Юля"),  # not UTF-8: windows-1251
    ([["ENCODING", "B"], ["CHARSET", "UTF-8"]], "0K7Qu9GP", "Юля"),
    ([["BASE64"]], "0K7Qu9GP", "Юля"),
    ([["ENCODING", "BASE64"]], "!!!", ""),
    ([["ENCODING", "8BIT"]], "Юля", "Юля"),
    ([["TYPE", "CELL"]], "Юля", "Юля"),
])
def test_decode_value(params, value, text):
    assert dec.decode_value(params, value) == text


@pytest.mark.parametrize(("raw", "text"), [
    ("Doe\\, John", "Doe, John"), ("Doe, John", "Doe, John"), ("a\\;b", "a;b"), ("a\\nb\\Nc", "a\nb\nc"),
    ("C:\\\\new", "C:\\new"), ("https\\://example.org", "https://example.org"), ("a\\xb", "a\\xb"),
    ("trailing\\", "trailing"), ("even\\\\", "even\\"), ('say \\"hi\\"', 'say "hi"'),
])
def test_unescape(raw, text):
    assert dec.unescape(raw) == text


@pytest.mark.parametrize(("raw", "text"), [
    ("C:\\new", "C:\\new"), ("Doe\\, John", "Doe\\, John"), ("a\\;b", "a;b"), ("a\\\\;b", "a\\;b"),
    ("trailing\\", "trailing\\"),
])
def test_unescape_in_vcard_21_knows_only_the_semicolon(raw, text):
    assert dec.unescape(raw, legacy=True) == text


def test_vcard_21_backslashes_are_text():
    assert only("FN:C:\\new\\folder\r\n", "2.1").name == "C:\\new\\folder"
    assert only("N:Doe\\;Jr;John;;;\r\n", "2.1").name == "John Doe;Jr"


@pytest.mark.parametrize(("raw", "count", "parts"), [
    ("Doe;John;;;", 5, ["Doe", "John", "", "", ""]),
    ("Doe\\;Jr;John", 5, ["Doe;Jr", "John"]),
    ("a\\\\;b", 5, ["a\\", "b"]),
    (";;ул. Ленина\\, 5;Москва;;101000;Россия;extra;more", 7,
     ["", "", "ул. Ленина, 5", "Москва", "", "101000", "Россия"]),
    ("only", 5, ["only"]),
    ("end\\", 5, ["end"]),
    ("", 5, [""]),
])
def test_split_components(raw, count, parts):
    assert dec.split_components(raw, count) == parts


def test_known_charsets_only():
    assert dec.known_charset("Windows-1251") == "cp1251"
    assert dec.known_charset('"utf8"') == "utf-8"
    odd = ("zlib", "rot13", "punycode", "nonsense", "", None)
    assert [dec.known_charset(name) for name in odd] == [None] * len(odd)


# -- clean text -----------------------------------------------------------------------------

def test_clean_removes_every_invisible_format_character_but_the_joiners():
    kept_format = {"\u200c", "\u200d"}
    for point in range(sys.maxunicode + 1):
        char = chr(point)
        category = unicodedata.category(char)
        if category in ("Cf", "Cc", "Cs") and char not in kept_format:
            assert dec.clean(f"a{char}b", 10) in ("ab", "a b"), hex(point)


def test_clean_keeps_the_joiners_and_normalises():
    assert dec.clean("\U0001f468\u200d\U0001f469", 10) == "\U0001f468\u200d\U0001f469"
    assert dec.clean("Йо\u0308", 10) == "Йӧ"  # NFC
    assert dec.clean(" \u00a0Анна\u2028Мария\u3000 ", 20) == "Анна Мария"


# -- fields of a card -----------------------------------------------------------------------

def test_name_falls_back_from_fn_to_n_to_organisation():
    assert only("FN:\r\nN:Доу;Джон;Иванович;Д-р;мл.\r\n").name == "Д-р Джон Иванович Доу мл."
    assert only("FN: \r\nN:;;;;\r\nORG:Acme\\, Inc.;Sales\r\n").name == "Acme, Inc., Sales"
    assert only("FN:First\r\nFN:Second\r\n").name == "First"


def test_an_icloud_group_is_skipped():
    data = card("FN:Family\r\nX-ADDRESSBOOKSERVER-KIND:group\r\n") + card("FN:Anna\r\n")
    result = read_phone_export(data)
    assert [s.reason for s in result.skipped] == [SkipReason.GROUP]


def test_phones_are_deduplicated_capped_and_cut():
    body = "FN:Anna\r\nTEL:+7 900\r\nTEL;CELL:+7 900\r\nTEL:tel:+7 900\r\n"
    assert only(body).phones == ("+7 900",)
    many = "FN:Anna\r\n" + "".join(f"TEL:+7 900 {n:03}\r\n" for n in range(100))
    assert len(only(many).phones) == MAX_VALUES
    assert only("FN:Anna\r\nTEL:" + "1" * 500 + "\r\n").phones == ("1" * MAX_PHONE_CHARS,)


def test_emails_lose_a_mailto_and_addresses_their_empty_parts():
    contact = only("FN:Anna\r\nEMAIL:mailto:anna@example.org\r\nADR:;;;;;;\r\nADR:;;1 Main St;;;;\r\n")
    assert contact.emails == ("anna@example.org",)
    assert contact.addresses == ("1 Main St",)


def test_quoted_printable_address_with_line_breaks_is_one_line():
    body = ("FN:Anna\r\nADR;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:"
            ";;=D1=83=D0=BB. 1=0D=0A=D0=BA=D0=B2. 2;;;;\r\n")
    assert only(body, "2.1").addresses == ("ул. 1 кв. 2",)
