"""Re-authentication: is this the passphrase of the open vault? Answered without keeping it."""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING

from commsdesk.storage import errors
from commsdesk.storage.kdf import derive_key, wipe

if TYPE_CHECKING:
    from commsdesk.storage.vault import Vault


def verify_passphrase(vault: Vault, passphrase: str) -> bool:
    """Derive a key from `passphrase` with the vault's own salt and level and compare it, in
    constant time, with the key the vault was opened with. Slow (one Argon2id run): call it off
    the UI thread. Neither the passphrase nor the derived key is kept."""
    if not vault.is_open:
        raise errors.VaultError()
    candidate = derive_key(passphrase, vault.salt)
    key = vault.key_copy()
    try:
        return vault.is_open and hmac.compare_digest(candidate, key)
    finally:
        wipe(candidate)
        wipe(key)
