"""What a repository is given of the open vault: its connection, typed, for a read or inside the one
transaction of a user action. `Vault` is the one implementation (its lock, nesting and key stay
there); repositories never see the vault itself, and get the other repositories they need by name."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Protocol

from commsdesk.storage.connection import Connection


class Database(Protocol):
    def reading(self) -> AbstractContextManager[Connection]:
        """The connection for reads (the reader connection on a worker thread)."""
        ...

    def transaction(self) -> AbstractContextManager[Connection]:
        """The connection inside one user action's transaction (nested calls join it)."""
        ...

    def index_pending(self) -> dict[str, set[int]] | None:
        """Inside `Vault.indexing_later()` on this thread: where records to index wait."""
        ...

    def secure_checkpoint(self) -> None:
        """Move the log into the file and truncate it, so no erased page lingers in the -wal file."""
        ...
