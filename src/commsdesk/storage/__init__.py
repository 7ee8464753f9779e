"""The vault: one encrypted SQLCipher file, its key, schema, repositories and safety operations."""

from commsdesk.storage.errors import VaultError
from commsdesk.storage.vault import Vault

__all__ = ["Vault", "VaultError"]
