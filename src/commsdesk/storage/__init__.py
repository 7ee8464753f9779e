"""The vault: one encrypted SQLCipher file, its key, schema, repositories and safety operations."""

from commsdesk.storage.errors import VaultError

__all__ = ["Vault", "VaultError"]


def __getattr__(name: str):
    # Lazy, so that start-up (and `storage.errors`) does not load SQLCipher and Argon2.
    if name == "Vault":
        from commsdesk.storage.vault import Vault

        return Vault
    raise AttributeError(name)
