"""Type confusion in the Club's files: any JSON (or TOML, or vCard) value at any place of a valid story
card, pack, pack manifest or phone export gives a result or the reader's own error, never a crash."""

import contextlib
import json
import shutil
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_packs_support import EXAMPLE

from commsdesk.club.pack_errors import ManifestSyntax
from commsdesk.club.pack_format import content_digest
from commsdesk.club.packs import build_pack, read_pack
from commsdesk.club.stories import StoryCard, StoryCardInvalid, export_card, read_card
from commsdesk.club.story_file import card_from_document
from commsdesk.domain import Relationship
from commsdesk.people.vcard import VCardError, read_phone_export
from commsdesk.storage.errors import VaultError
from helpers import ROOT
from hostile_values import ANY_VALUE, paths, substituted

CARD = json.loads(export_card(StoryCard(
    title="Мама", relationship=Relationship.MOTHER, story="Текст истории.", techniques=["technique-my-story"],
    id="3f2b8c1e-5d4a-4e7b-9c0d-2a1b3c4d5e6f", created="2026-11")))
PACK = json.loads(build_pack(EXAMPLE))
VCARDS = sorted((ROOT / "tests" / "people" / "data" / "vcard").glob("*.vcf"))


def as_json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


@settings(max_examples=300, deadline=None, database=None)
@given(place=st.sampled_from(list(paths(CARD))), value=ANY_VALUE)
def test_story_cards(place, value):
    document = substituted(CARD, place, value)
    for read in (lambda: read_card(as_json(document), "x.cdstory.json", date(2026, 11, 24)),
                 lambda: card_from_document(document)):
        try:
            read()
        except StoryCardInvalid as refused:
            assert "\n" not in refused.user_message()


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(place=st.sampled_from(list(paths(PACK))), value=ANY_VALUE, fix_digest=st.booleans())
def test_packs(place, value, fix_digest):
    document = substituted(PACK, place, value)
    if fix_digest and isinstance(document, dict):  # so the checks behind the checksum are reached too
        with contextlib.suppress(KeyError, TypeError, ValueError):
            document["digest"] = "sha256:" + content_digest(document["manifest"], document["articles"])
    try:
        read_pack(as_json(document))
    except VaultError as refused:
        assert refused.user_message()


def toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        names = {float("inf"): "inf", float("-inf"): "-inf"}
        return "nan" if value != value else names.get(value, repr(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k, ensure_ascii=False)} = {toml(v)}" for k, v in value.items()
                               if v is not None) + "}"
    return toml(datetime(2026, 11, 2, 10, 0))  # TOML has no null: a date-time in its place


MANIFEST = {"format_version": 1, "id": "example-first-talks", "title": "Первые разговоры", "author": "Клуб",
            "language": "ru", "version": "1.0", "description": "Пример.",
            "articles": ["01-after-a-pause.md", "02-questions-not-arguments.md"]}


@settings(max_examples=200, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(place=st.sampled_from([p for p in paths(MANIFEST) if p]), value=ANY_VALUE)
def test_pack_manifests(tmp_path, place, value):
    folder = tmp_path / "pack"
    if not folder.exists():
        shutil.copytree(EXAMPLE, folder)
    manifest = substituted(MANIFEST, place, value)
    text = "\n".join(f"{json.dumps(k, ensure_ascii=False)} = {toml(v)}" for k, v in manifest.items())
    (folder / "manifest.toml").write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        read_pack(build_pack(folder))
    except VaultError as refused:
        assert refused.user_message()


@pytest.mark.parametrize("nested", ["[" * 2000 + "]" * 2000, "{a = " * 2000 + "1" + "}" * 2000])
def test_a_manifest_nested_thousands_deep_is_a_syntax_error(tmp_path, nested):
    folder = tmp_path / "pack"
    shutil.copytree(EXAMPLE, folder)
    text = (EXAMPLE / "manifest.toml").read_text(encoding="utf-8").replace('version = "1.0"',
                                                                           f"version = {nested}")
    (folder / "manifest.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ManifestSyntax) as caught:
        build_pack(folder)
    assert "line 7" in caught.value.user_message()


VCARD_VALUES = st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(["", "Иванов", "Пётр", "a,b", "\\;", "\\n"]), max_size=40).map(";".join),
    st.sampled_from(["data:image/png;base64,iVBORw0KGgo=", "tel:+7-916-123-45-67", "mailto:a@b.ru",
                     "19800101", "--0203", "20261102T102200+0300", "=D0=9F=D1=80=", "=ZZ", "NaN", "9" * 5000,
                     '{"a": [1]}', "x" * 20_000, ";" * 3000, "," * 3000, "", "\\", "VCARD"]))
VCARD_PARAMS = st.lists(st.sampled_from([
    "VALUE=uri", "VALUE=date", "VALUE=binary", "ENCODING=b", "ENCODING=BASE64", "ENCODING=QUOTED-PRINTABLE",
    "CHARSET=utf-8", "CHARSET=windows-1251", "CHARSET=x-unknown", "CHARSET=utf-16", "TYPE=CELL,VOICE",
    '"quoted;param"', "=", "QUOTED-PRINTABLE", "TYPE=" + "x," * 300]), max_size=4)
VCARD_NAMES = st.sampled_from(["FN", "N", "TEL", "EMAIL", "ADR", "ORG", "VERSION", "PHOTO", "item1.TEL",
                               "BEGIN", "END", "KIND"])


@settings(max_examples=300, deadline=None, database=None)
@given(fixture=st.sampled_from(VCARDS), data=st.data())
def test_vcards(fixture, data):
    lines = fixture.read_bytes().decode("utf-8", "surrogateescape").split("\n")
    content = [i for i, line in enumerate(lines) if ":" in line and not line[:1].isspace()]
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.sampled_from(content))
        head, _sep, value = lines[i].partition(":")
        name, *params = head.split(";")
        if data.draw(st.booleans()):
            name = data.draw(VCARD_NAMES)
        if data.draw(st.booleans()):
            params = data.draw(VCARD_PARAMS)
        value = data.draw(VCARD_VALUES)
        lines[i] = ";".join([name, *params]) + ":" + value + "\r"
    try:
        result = read_phone_export("\n".join(lines).encode("utf-8", "surrogatepass"))
    except VCardError as refused:
        assert refused.user_message()
        return
    for contact in result.contacts:
        assert contact.name and all(ord(c) >= 32 for c in contact.name)

