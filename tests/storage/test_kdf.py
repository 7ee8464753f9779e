"""Key derivation parameters, salts that carry their level, passphrase normalisation."""

import unicodedata

import pytest
from argon2.low_level import Type

from commsdesk.storage import kdf
from commsdesk.storage.errors import UnknownKdfLevel
from commsdesk.storage.vault import Vault


def test_production_default_is_argon2id_with_rfc9106_strength():
    level = kdf.LEVELS[kdf.DEFAULT_LEVEL]
    assert not level.testing_only
    assert level.memory_kib >= 64 * 1024  # RFC 9106: at least 64 MiB
    assert level.time_cost >= 3 and level.parallelism >= 1
    assert kdf.KEY_BYTES == 32 and kdf.SALT_BYTES == 16
    # Every level a user can choose is at least RFC 9106's second recommended option.
    for level in kdf.LEVELS.values():
        if not level.testing_only:
            assert level.memory_kib >= 64 * 1024 and level.time_cost >= 3


def test_derive_key_uses_argon2id(monkeypatch):
    seen = {}

    def spy(secret, salt, **params):
        seen.update(params)
        return b"k" * 32

    monkeypatch.setattr(kdf, "hash_secret_raw", spy)
    salt = kdf.make_salt(kdf.LEVELS[kdf.DEFAULT_LEVEL])
    kdf.derive_key("пароль", salt)
    assert seen["type"] is Type.ID
    assert seen["memory_cost"] == kdf.LEVELS[kdf.DEFAULT_LEVEL].memory_kib


def test_salt_carries_level_and_stays_random():
    for level in kdf.LEVELS.values():
        salts = {kdf.make_salt(level) for _ in range(50)}
        assert len(salts) == 50
        assert all(kdf.level_of_salt(s) is level for s in salts)
        assert len({s[0] >> 4 for s in salts}) > 1  # the high nibble is random


def test_unknown_level_is_a_clear_error():
    with pytest.raises(UnknownKdfLevel):
        kdf.level_of_salt(bytes([0x0F]) + bytes(15))


def test_passphrase_is_unicode_normalised():
    composed = "йод"
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    salt = kdf.make_salt(kdf.LEVELS[0])
    assert kdf.derive_key(composed, salt) == kdf.derive_key(decomposed, salt)


def test_testing_level_cannot_be_chosen_by_accident(vault_path):
    with pytest.raises(ValueError):
        Vault.create(vault_path, "correct horse battery", level=0)
    assert not vault_path.exists()


def test_wipe_overwrites_key_material():
    key = bytearray(b"secret-key-material")
    kdf.wipe(key)
    assert key == bytearray(len(key))
