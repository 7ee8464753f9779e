"""Key derivation: Argon2id strength levels, and salts that carry their level in the first byte.

The vault file starts with SQLCipher's 16-byte salt. The low four bits of its first byte name the
strength level below, so the parameters are recoverable from the file alone. Levels are never
changed or removed once released; a stronger level is added with a new id.
"""

from __future__ import annotations

import os
import secrets
import unicodedata
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw

from commsdesk.i18n import N_
from commsdesk.storage.errors import UnknownKdfLevel

SALT_BYTES = 16
KEY_BYTES = 32


@dataclass(frozen=True)
class KdfLevel:
    id: int
    name: str
    label: str  # translatable, shown in Settings
    time_cost: int
    memory_kib: int
    parallelism: int
    testing_only: bool = False


LEVELS: dict[int, KdfLevel] = {
    # Cheap parameters for the test suite only; a vault can never be created with them by the app.
    0: KdfLevel(0, "test", N_("Test only"), 1, 8 * 1024, 1, testing_only=True),
    # About 0.4 s on a 2-core 2024 server, 0.5-1 s on a modest laptop.
    1: KdfLevel(1, "standard", N_("Standard (about a second)"), 3, 256 * 1024, 4),
    # For fast machines and users who accept a few seconds at unlock.
    2: KdfLevel(2, "strong", N_("Strong (a few seconds)"), 4, 1024 * 1024, 4),
    # RFC 9106's second recommended option, for old machines with little memory.
    3: KdfLevel(3, "basic", N_("Basic (old computers)"), 3, 64 * 1024, 4),
}
DEFAULT_LEVEL = 1
LEVELS_BY_NAME = {level.name: level for level in LEVELS.values()}


def make_salt(level: KdfLevel) -> bytes:
    """A random salt whose first byte's low nibble is the level id (the high nibble stays random)."""
    salt = bytearray(secrets.token_bytes(SALT_BYTES))
    salt[0] = (salt[0] & 0xF0) | level.id
    return bytes(salt)


def level_of_salt(salt: bytes) -> KdfLevel:
    level = LEVELS.get(salt[0] & 0x0F)
    if level is None:
        raise UnknownKdfLevel()
    return level


def normalize_passphrase(passphrase: str) -> bytes:
    """NFC, so that the same Cyrillic passphrase typed on any system gives the same key."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def derive_key(passphrase: str, salt: bytes) -> bytearray:
    """Argon2id over the passphrase. Slow on purpose: call it off the UI thread."""
    level = level_of_salt(salt)
    secret = normalize_passphrase(passphrase)
    raw = hash_secret_raw(
        secret,
        salt,
        time_cost=level.time_cost,
        memory_cost=level.memory_kib,
        parallelism=level.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )
    return bytearray(raw)


def wipe(buffer: bytearray | None) -> None:
    """Overwrite key material we own. Python may still hold copies; this narrows the window."""
    if buffer is not None:
        for i in range(len(buffer)):
            buffer[i] = 0


TESTING_ENV = "COMMSDESK_TEST_KDF"


def testing_level_allowed() -> bool:
    """The test KDF level (one pass, 8 MiB) opens only under the test suite, which sets
    COMMSDESK_TEST_KDF=allow for itself and its child processes; the app refuses such a vault."""
    return os.environ.get(TESTING_ENV) == "allow"
