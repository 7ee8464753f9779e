"""A pack changed in any byte is rejected; any bytes at all give a clear error, never a crash."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_packs_support import ARTICLE, MANIFEST, forge

from commsdesk.club.pack_errors import PackDamaged, PackError, PackTampered, PackTooLarge, PackTooNew
from commsdesk.club.pack_format import MAX_PACK_BYTES, canonical
from commsdesk.club.pack_signing import generate_signing_key, raw_public_key
from commsdesk.club.packs import PackStatus, read_pack
from commsdesk.storage.errors import VaultError

KEY = generate_signing_key()
SMALL = {"id": "p", "title": "П", "author": "А", "language": "ru", "version": "1",
         "description": ""}
SMALL_ARTICLE = {**ARTICLE, "body": "Текст.", "tags": [], "summary": ""}


@pytest.mark.parametrize("signed", [False, True], ids=["unsigned", "signed"])
def test_changing_any_single_byte_is_detected(signed):
    data = forge(SMALL, [SMALL_ARTICLE], key=KEY if signed else None)
    read_pack(data)
    for position in range(len(data)):
        for flip in (0x01, 0x20, 0x80):
            changed = bytearray(data)
            changed[position] ^= flip
            with pytest.raises(PackError):
                read_pack(bytes(changed))


def test_cutting_or_extending_the_file_is_detected():
    data = forge(key=KEY)
    for end in range(len(data)):
        with pytest.raises(PackError):
            read_pack(data[:end])
    for extra in (b"\n", b" ", b"{}", b"\x00"):
        with pytest.raises(PackDamaged):
            read_pack(data + extra)


def test_a_changed_article_with_the_old_signature_is_tampered():
    document = json.loads(forge(key=KEY))
    document["articles"][0]["body"] += " Добавлено."
    with pytest.raises(PackTampered, match="checksum"):
        read_pack(canonical(document))
    resealed = json.loads(forge(articles=document["articles"]))
    resealed["signature"] = document["signature"]
    with pytest.raises(PackTampered, match="signature"):
        read_pack(canonical(resealed))


def test_removing_the_signature_leaves_an_unsigned_pack_that_needs_confirmation():
    document = json.loads(forge(key=KEY))
    del document["signature"]
    pack = read_pack(canonical(document), [raw_public_key(KEY)])
    assert pack.status is PackStatus.UNSIGNED and pack.needs_confirmation


@pytest.mark.parametrize("edit", [
    lambda d: json.dumps(d, ensure_ascii=False, indent=1).encode(),             # pretty-printed
    lambda d: json.dumps(d, ensure_ascii=True, sort_keys=True, separators=(",", ":")).encode() + b"\n",
    lambda d: canonical(d)[:-1],                                                  # no final newline
    lambda d: b"\xef\xbb\xbf" + canonical(d),                                     # byte-order mark
    lambda d: canonical(d).replace(b'"format":', b'"format":"x","format":', 1),  # duplicate key
])
def test_a_pack_not_in_canonical_form_is_refused(edit):
    with pytest.raises(PackDamaged):
        read_pack(edit(json.loads(forge(key=KEY))))


@pytest.mark.parametrize("data, error", [
    (b"", PackDamaged), (b"\xff\xfe", PackDamaged), (b"[]\n", PackDamaged), (b"null\n", PackDamaged),
    (b'{"format":"commsdesk-pack"}\n', PackDamaged),
    (b'{"format":"commsdesk-pack","format_version":2}\n', PackTooNew),
    (b'{"format":"commsdesk-pack","format_version":1.0}\n', PackDamaged),
    (b'{"format":"commsdesk-pack","format_version":true}\n', PackDamaged),
    (b'{"format":"commsdesk-pack","format_version":NaN}\n', PackDamaged),
    (b"[" * 100_000 + b"]" * 100_000, PackDamaged),
    (b'{"a":' + b"9" * 10_000 + b"}", PackDamaged),
    (b'{"format":"commsdesk-pack","format_version":1,"x":"\\ud800"}\n', PackDamaged),
    (b"PK\x03\x04" + bytes(100), PackDamaged),
], ids=["empty", "utf16", "list", "null", "bare", "newer", "float-version", "bool-version", "nan",
        "deep", "huge-number", "surrogate", "zip"])
def test_broken_files_give_clear_errors(data, error):
    with pytest.raises(error) as caught:
        read_pack(data)
    assert str(caught.value) and "\\" not in str(caught.value)


def test_a_file_over_the_limit_is_refused_before_it_is_parsed():
    with pytest.raises(PackTooLarge, match="8 MB"):
        read_pack(b" " * (MAX_PACK_BYTES + 1))


def test_a_malformed_signature_block_is_damaged():
    document = json.loads(forge(key=KEY))
    for bad in ({}, None, "x", {**document["signature"], "algorithm": "rsa"},
                {**document["signature"], "value": document["signature"]["value"].upper()},
                {**document["signature"], "public_key": "00" * 31}, {**document["signature"], "extra": 1}):
        with pytest.raises(PackDamaged):
            read_pack(canonical({**document, "signature": bad}))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_vault_error_or_a_pack(data):
    try:
        read_pack(data)
    except VaultError as exc:
        assert exc.user_message()


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                 max_size=4), max_leaves=20)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(manifest=JSON, articles=JSON, extra=st.dictionaries(st.sampled_from(
    ["signature", "digest", "more"]), JSON, max_size=2))
def test_any_well_formed_document_gives_a_vault_error_or_a_valid_pack(manifest, articles, extra):
    try:
        data = forge(manifest, articles, **extra)
    except ValueError:  # a lone surrogate cannot be written as UTF-8 at all
        return
    try:
        pack = read_pack(data)
    except VaultError as exc:
        assert exc.user_message()
    else:
        assert pack.articles


@settings(max_examples=200, deadline=None)
@given(position=st.integers(min_value=0), value=st.integers(min_value=0, max_value=255))
def test_a_signed_pack_with_one_byte_replaced_is_never_accepted(position, value):
    data = bytearray(forge(MANIFEST, key=KEY))
    position %= len(data)
    if data[position] == value:
        return
    data[position] = value
    with pytest.raises(PackError):
        read_pack(bytes(data), [raw_public_key(KEY)])
