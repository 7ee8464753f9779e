"""Hostile story card files: any bytes give a card or a clear StoryCardInvalid, never a crash; text
that looks like paths or markup stays plain text; rendering a hostile card is harmless."""

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commsdesk.club.stories import StoryCard, StoryCardInvalid, card_markdown, export_card, read_card
from commsdesk.club.story_card import FREE_TEXT, MAX_BYTES
from commsdesk.domain import Relationship
from commsdesk.library.articles import render

TODAY = date(2026, 11, 24)
VALID = export_card(StoryCard(title="Мама", relationship=Relationship.MOTHER, story="Текст истории.",
                              id="3f2b8c1e-5d4a-4e7b-9c0d-2a1b3c4d5e6f", created="2026-11"))
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=10), inner, max_size=4), max_leaves=20)


def outcome(data: bytes, name: str = "x.cdstory.json") -> str:
    try:
        read_card(data, name, TODAY)
    except StoryCardInvalid as error:
        message = str(error)
        assert message and "\n" not in message
        return "rejected"
    return "accepted"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes(data):
    outcome(data)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["format", "version", "id", "language", "title", "relationship",
                        "stage_before", "stage_after", "duration", "techniques", "story",
                        "what_worked", "what_did_not", "tip", "created", "other"]), JSON)
def test_any_json_value_in_any_field(field, value):
    doc = json.loads(VALID)
    doc[field] = value
    outcome(json.dumps(doc).encode())


@settings(max_examples=200, deadline=None)
@given(st.integers(0, len(VALID) - 1), st.integers(0, 255), st.booleans())
def test_flipped_or_cut_bytes_of_a_valid_card(position, byte, cut):
    data = VALID[:position] if cut else VALID[:position] + bytes([byte]) + VALID[position + 1:]
    outcome(data)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=500))
def test_any_text_as_a_file(text):
    outcome(text.encode("utf-8", "surrogatepass"))


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty"), (b"  \n ", "empty"), (b"\xff\xfe{\x00}\x00", "not UTF-8"),
    ("{\"format\": \"é\"}".encode("latin-1"), "not UTF-8"), (b"\xc3\x28", "not UTF-8"),
    (b"[" * 100_000, "nested too deeply"), (b"{\"a\":" * 50_000, "nested too deeply"),
    (b"{\"format\": NaN}", "not valid JSON"), (b"{\"format\": Infinity}", "not valid JSON"),
    (b"{\"version\": " + b"9" * 5000 + b"}", "not valid JSON"), (b"{,}", "not valid JSON"),
    (b"{\"title\": \"a\", \"title\": \"b\"}", "appears twice"), (b"\"just a string\"", "not a CommsDesk"),
    (b"0", "not a CommsDesk"), (b" " * (MAX_BYTES + 1), "larger than 256 KiB"),
])
def test_broken_files_get_a_clear_reason(data, reason):
    with pytest.raises(StoryCardInvalid, match=reason):
        read_card(data, "x.cdstory.json", TODAY)


def test_a_byte_order_mark_is_accepted_and_brackets_inside_text_are_not_nesting():
    assert read_card(b"\xef\xbb\xbf" + VALID, "x", TODAY).title == "Мама"
    doc = json.loads(VALID)
    doc["story"] = "[[[[{{{{" * 1000
    assert read_card(json.dumps(doc).encode(), "x", TODAY).story == doc["story"]


def test_a_huge_string_inside_the_size_limit_is_refused_by_length():
    doc = json.loads(VALID)
    doc["title"] = "x" * 200_000
    with pytest.raises(StoryCardInvalid, match="“title”: is too long"):
        read_card(json.dumps(doc).encode(), "x", TODAY)


def test_errors_never_repeat_the_files_content():
    secret = "Наталья Петровна, Саратов"
    for doc in ({**json.loads(VALID), secret: 1}, {**json.loads(VALID), "title": [secret]},
                {**json.loads(VALID), "relationship": secret}, {"format": secret}):
        with pytest.raises(StoryCardInvalid) as caught:
            read_card(json.dumps(doc).encode(), "x", TODAY)
        assert "Наталья" not in str(caught.value)


@pytest.mark.parametrize("path", ["../../../etc/passwd", "..\\..\\Windows\\win.ini", "/etc/shadow",
                                  "C:\\Users\\x\\..\\..", "%2e%2e%2f", "~/.ssh/id_rsa"])
def test_paths_in_any_text_field_stay_plain_text(path):
    doc = json.loads(VALID)
    for name in FREE_TEXT:
        doc[name] = path
    card = read_card(json.dumps(doc).encode(), "x", TODAY)
    assert all(getattr(card, name) == path for name in FREE_TEXT)
    assert export_card(card) == export_card(read_card(export_card(card), "y", TODAY))


@pytest.mark.parametrize(("name", "kept"), [
    ("../../../etc/passwd", "passwd"), ("..\\..\\evil.cdstory.json", "evil.cdstory.json"),
    ("dir/", "?"), ("", "?"), ("a\x00b\x1b[31m.json", "ab[31m.json"), ("x" * 5000, "x" * 255),
    ("\ud800.json", "?.json"),
])
def test_the_source_name_is_only_a_file_name(name, kept):
    assert read_card(VALID, name, TODAY).source.file_name == kept


HOSTILE = """<script>alert(1)</script>
<img src=x onerror=alert(2)>
[click](javascript:alert(3)) [data](data:text/html;base64,PHNjcmlwdD4=)
<iframe src="https://evil.example/"></iframe>
![tracker](https://evil.example/pixel.png)
<a href="https://example.org" onclick="steal()">link</a>
<style>body{display:none}</style>"""


def test_a_hostile_story_is_kept_as_text_and_renders_harmless():
    doc = json.loads(VALID)
    doc.update(title="<script>alert(0)</script>", story=HOSTILE, tip=HOSTILE)
    card = read_card(json.dumps(doc).encode(), "x", TODAY)
    assert card.story == HOSTILE
    html = render(card_markdown(card, "en")).lower()
    for bad in ("<script", "onerror", "onclick", "javascript:", "data:text", "<iframe", "<img",
                "<style", "pixel.png"):
        assert bad not in html, bad
    assert 'href="https://example.org"' in html
