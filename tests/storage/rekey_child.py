"""Child process: change the passphrase, or restore a backup, to be killed midway by the test."""

import sys
from pathlib import Path

from commsdesk.storage import Vault, errors, safety

A, B = "first passphrase one", "second passphrase two"


def current(path: Path) -> str:
    try:
        Vault.open(path, A).close()
        return A
    except errors.WrongPassphrase:
        return B


def main(mode: str, path: str, backup_a: str = "", backup_b: str = "") -> None:
    vault_path = Path(path)
    old = current(vault_path)
    new = B if old == A else A
    print("start", flush=True)
    if mode == "passwd":
        safety.change_passphrase(Vault.open(vault_path, old), new).close()
    else:
        safety.restore(vault_path, Path(backup_b if new == B else backup_a), new)
    print("done", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
