"""Recovery phrases for the emergency kit: random, easy to write down, language-neutral.

25 characters of Crockford's base32 (no I, L, O, U) in five groups: 125 bits from `secrets`.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS, GROUP_SIZE = 5, 5


def new_recovery_phrase() -> str:
    chars = [secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_SIZE)]
    return "-".join("".join(chars[i:i + GROUP_SIZE]) for i in range(0, len(chars), GROUP_SIZE))


def normalize_recovery_phrase(text: str) -> str:
    """What the user typed back, read leniently: case, spaces, O→0 and I/L→1 as Crockford says."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1")
    if len(cleaned) != GROUPS * GROUP_SIZE or any(ch not in ALPHABET for ch in cleaned):
        return text
    return "-".join(cleaned[i:i + GROUP_SIZE] for i in range(0, len(cleaned), GROUP_SIZE))
