"""Signing keys: the sealed key file, public key lines, fingerprints; hostile key files fail cleanly."""

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commsdesk.club.pack_errors import PublicKeyInvalid, SigningKeyInvalid, WrongKeyPassphrase
from commsdesk.club.pack_signing import (
    fingerprint,
    generate_signing_key,
    open_signing_key,
    parse_public_key,
    public_key_text,
    raw_public_key,
    seal_signing_key,
)
from commsdesk.storage.errors import VaultError
from commsdesk.storage.kdf import LEVELS

CHEAP = LEVELS[0]
PASSPHRASE = "длинная фраза-пароль"
KEY = generate_signing_key()
SEALED = seal_signing_key(KEY, PASSPHRASE, CHEAP)


def test_a_sealed_key_opens_with_its_passphrase_only():
    opened = open_signing_key(SEALED, PASSPHRASE)
    assert raw_public_key(opened) == raw_public_key(KEY)
    with pytest.raises(WrongKeyPassphrase):
        open_signing_key(SEALED, PASSPHRASE + "!")
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "ёжик в тумане")
    assert raw_public_key(open_signing_key(seal_signing_key(KEY, decomposed, CHEAP), "ёжик в тумане")) \
        == raw_public_key(KEY)  # the same Cyrillic passphrase typed on any system


def test_the_key_file_never_holds_the_private_key_in_clear():
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    seed = KEY.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    assert seed.hex() not in SEALED.decode() and seed not in SEALED
    assert PASSPHRASE.encode() not in SEALED
    assert seal_signing_key(KEY, PASSPHRASE, CHEAP) != SEALED  # fresh salt and nonce every time
    assert json.loads(SEALED)["public_key"] == raw_public_key(KEY).hex()


def test_a_key_file_whose_parts_were_swapped_is_refused():
    document = json.loads(SEALED)
    document["public_key"] = raw_public_key(generate_signing_key()).hex()
    with pytest.raises(WrongKeyPassphrase):  # the public key is bound to the ciphertext
        open_signing_key(json.dumps(document).encode(), PASSPHRASE)


@pytest.mark.parametrize("change", [
    lambda d: {**d, "format": "x"}, lambda d: {**d, "version": 2}, lambda d: {**d, "salt": "00"},
    lambda d: {**d, "nonce": "zz" * 12}, lambda d: {**d, "ciphertext": 5}, lambda d: {"format": d["format"]},
    lambda d: {**d, "salt": "0f" * 16},  # a strength level that does not exist
    lambda d: [d],
])
def test_malformed_key_files(change):
    with pytest.raises(SigningKeyInvalid):
        open_signing_key(json.dumps(change(json.loads(SEALED))).encode(), PASSPHRASE)


@pytest.mark.parametrize("data", [b"", b"\xff", b"null", b"-----BEGIN PRIVATE KEY-----\n", b" " * 5000,
                                  public_key_text(raw_public_key(KEY)).encode()])
def test_files_that_are_not_key_files(data):
    with pytest.raises(SigningKeyInvalid):
        open_signing_key(data, PASSPHRASE)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_as_a_key_file_give_a_vault_error(data):
    with pytest.raises(VaultError):
        open_signing_key(data, PASSPHRASE)


def test_public_key_lines_round_trip_and_fingerprints_are_short_and_stable():
    raw = raw_public_key(KEY)
    text = public_key_text(raw)
    assert text.startswith("commsdesk-pack-key ed25519 ") and text.endswith("\n")
    assert parse_public_key(text.encode()) == raw
    assert parse_public_key(b"  " + text.encode() + b"\r\n") == raw
    assert re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){5}", fingerprint(raw))
    assert fingerprint(raw) == fingerprint(bytes(raw)) != fingerprint(raw_public_key(generate_signing_key()))
    assert fingerprint(bytes(32)) == "MZUH-VLPY-MK6X-O3EP-YGFY-5H4O"  # part of the public contract


PREFIX = b"commsdesk-pack-key ed25519 "


@pytest.mark.parametrize("data", [b"", PREFIX, PREFIX + b"0" * 63, PREFIX + b"A" * 64, b"ssh-ed25519 AAAA",
                                  SEALED, b"\xff" * 10, PREFIX + b"0" * 64 + b" " * 5000])
def test_files_that_are_not_public_keys(data):
    with pytest.raises(PublicKeyInvalid):
        parse_public_key(data)
