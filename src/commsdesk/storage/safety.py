"""Safety operations on whole vault files: integrity check, backup, restore, passphrase change.

Every operation that produces a file writes it beside its destination under a temporary name,
fsyncs it, opens it again to verify it, and only then renames it into place. Killed at any
moment, the destination holds either the old file or the complete new one.
"""

from __future__ import annotations

import os
import secrets
import shutil
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from commsdesk.storage import connection, errors, migrations
from commsdesk.storage.kdf import LEVELS, derive_key, make_salt, wipe
from commsdesk.storage.vault import Vault, validate_new_passphrase

COUNTED_TABLES = ("contacts", "conversations", "observations", "plans", "plan_steps",
                  "reminders", "reflections", "dimensions")
SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass
class CheckReport:
    problems: list[str]
    counts: dict[str, int]

    @property
    def ok(self) -> bool:
        return not self.problems


def check_connection(conn: connection.Connection) -> CheckReport:
    problems: list[str] = []
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if rows != ["ok"]:
            problems += [f"integrity_check: {r}" for r in rows[:20]]
        problems += [f"cipher_integrity_check: {r[0]}"
                     for r in conn.execute("PRAGMA cipher_integrity_check")][:20]
        problems += [f"foreign_key_check: {r[0]} row {r[1]}"
                     for r in conn.execute("PRAGMA foreign_key_check")][:20]
        conn.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 0)")
        counts = _counts(conn)
    except sqlcipher3.Error as exc:
        raise connection.translate_error(exc) from None
    return CheckReport(problems, counts)


def _counts(conn: connection.Connection) -> dict[str, int]:
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED_TABLES}


def check(vault: Vault) -> CheckReport:
    with vault.reading() as conn:
        return check_connection(conn)


def _temp_beside(target: Path) -> Path:
    return target.with_name(f".{target.name}.tmp-{secrets.token_hex(4)}")


def _remove(path: Path) -> None:
    for suffix in ("", *SIDE_FILES):
        with suppress(OSError):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _export_copy(vault: Vault, target: Path, key: bytearray, salt: bytes) -> dict[str, int]:
    """Write the whole vault, re-encrypted under `key`/`salt`, into the new file `target`."""
    fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    literal = f"x'{bytes(key).hex()}{salt.hex()}'"
    with vault.reading() as conn:
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            conn.execute("ATTACH DATABASE ? AS copy KEY ?", (str(target), literal))
            try:
                conn.execute("SELECT sqlcipher_export('copy')").fetchall()
                version = conn.execute("PRAGMA main.user_version").fetchone()[0]
                conn.execute(f"PRAGMA copy.user_version = {int(version)}")
                conn.execute(f"PRAGMA copy.application_id = {migrations.APPLICATION_ID}")
            finally:
                conn.execute("DETACH DATABASE copy")
        except sqlcipher3.Error as exc:
            raise connection.translate_error(exc) from None
        counts = _counts(conn)
    _fsync_file(target)
    return counts


def _verify(path: Path, key: bytearray, salt: bytes, expected: dict[str, int] | None) -> None:
    conn = connection.connect(path, key, salt)
    try:
        report = check_connection(conn)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    finally:
        conn.close()
    if not report.ok or app_id != migrations.APPLICATION_ID or version > migrations.LATEST:
        raise errors.VaultDamaged()
    if expected is not None and report.counts != expected:
        raise errors.VaultDamaged()


def _copy_under(vault: Vault, destination: Path, key: bytearray, salt: bytes) -> None:
    tmp = _temp_beside(destination)
    try:
        counts = _export_copy(vault, tmp, key, salt)
        _verify(tmp, key, salt, counts)
        os.replace(tmp, destination)
        connection.fsync_dir(destination.parent)
    except OSError as exc:
        raise connection.translate_error(exc) from None
    finally:
        _remove(tmp)


def backup(vault: Vault, destination: Path, passphrase: str | None = None,
           level: int | None = None, overwrite: bool = False) -> None:
    """One encrypted file; under the vault's own passphrase unless another one is given."""
    destination = Path(destination)
    if destination.exists() and (not overwrite or destination.is_dir()):
        raise errors.VaultExists(path=destination)
    if destination.resolve() == vault.path.resolve():
        raise errors.VaultExists(path=destination)
    vault.purge_deleted()
    if passphrase is None:
        key, salt = vault.key_copy(), vault.salt
    else:
        validate_new_passphrase(passphrase)
        salt = make_salt(LEVELS[level if level is not None else vault.kdf_level.id])
        key = derive_key(passphrase, salt)
    try:
        _copy_under(vault, destination, key, salt)
    finally:
        wipe(key)


def change_passphrase(vault: Vault, new_passphrase: str, level: int | None = None) -> Vault:
    """Re-encrypt the vault under a new passphrase (and new salt). Returns the reopened vault;
    the `vault` passed in is closed. Killed midway, the file opens with the old or new one."""
    validate_new_passphrase(new_passphrase)
    kdf = LEVELS[level if level is not None else vault.kdf_level.id]
    salt = make_salt(kdf)
    key = derive_key(new_passphrase, salt)
    path = vault.path
    tmp = _temp_beside(path)
    try:
        vault.purge_deleted()
        counts = _export_copy(vault, tmp, key, salt)
        _verify(tmp, key, salt, counts)
        vault.close()
        if any(Path(f"{path}{s}").exists() for s in ("-wal", "-journal")):
            raise errors.VaultBusy()
        os.replace(tmp, path)
        connection.fsync_dir(path.parent)
    except OSError as exc:
        wipe(key)
        raise connection.translate_error(exc) from None
    except BaseException:
        wipe(key)
        raise
    finally:
        _remove(tmp)
    return Vault.open_with_key(path, key, salt)


def restore(vault_path: Path, backup_path: Path, backup_passphrase: str) -> Path | None:
    """Replace the (closed) vault with a verified backup. The current vault is kept beside it as
    `<name>.before-restore`; returns that path (None when there was no vault)."""
    vault_path, backup_path = Path(vault_path), Path(backup_path)
    backup_salt = connection.inspect_existing(backup_path)
    key = derive_key(backup_passphrase, backup_salt)
    tmp = _temp_beside(vault_path)
    safety: Path | None = None
    try:
        vault_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        shutil.copyfile(backup_path, tmp)
        os.chmod(tmp, 0o600)
        _fsync_file(tmp)
        try:
            _verify(tmp, key, backup_salt, None)
        except errors.VaultError as exc:
            raise errors.BackupInvalid(reason=exc.user_message()) from None
        if vault_path.exists():
            safety = vault_path.with_name(vault_path.name + ".before-restore")
            shutil.copyfile(vault_path, safety)
            _fsync_file(safety)
            for suffix in SIDE_FILES:
                side = Path(f"{vault_path}{suffix}")
                if side.exists():
                    os.replace(side, Path(f"{safety}{suffix}"))
        os.replace(tmp, vault_path)
        connection.fsync_dir(vault_path.parent)
    except OSError as exc:
        raise connection.translate_error(exc) from None
    finally:
        wipe(key)
        _remove(tmp)
    return safety
