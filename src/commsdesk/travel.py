"""Travel mode: before a border, move the vault into a verified backup and leave no trace of it
here (`travel_out`); after the trip, bring it back from that backup or an emergency kit
(`travel_back`).

Nothing is removed before the backup has been read back from where it was written, opened with
its own passphrase and found to hold the same records as the vault (counts and a digest of the
full export). What this computer keeps anyway is said plainly: `CANNOT_REMOVE`.
"""

from __future__ import annotations

import glob
import hashlib
import hmac
import json
import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from commsdesk import settings as settings_store
from commsdesk.i18n import N_, _, ngettext
from commsdesk.paths import APP_NAME, config_dir, data_dir, default_vault_path
from commsdesk.storage import connection, errors, safety
from commsdesk.storage.kdf import derive_key, wipe
from commsdesk.storage.vault import Vault

# Said to the user after every trip out: things this app cannot take off the computer.
CANNOT_REMOVE = (
    N_("the installed app itself: anyone who looks can see that CommsDesk is installed"),
    N_("the operating system's own records (logs, the list of recently started programs)"),
    N_("swap and hibernation files, which may hold pieces of memory from while the vault was open"),
    N_("remnants of deleted files on the disk (an SSD keeps them until it reuses the space); the"
       " vault was never written in plaintext, so they are encrypted"),
    N_("copies you made yourself: other backups, exports, emergency kits, files on USB sticks or"
       " in the cloud"),
)
SIDE_FILES = ("-wal", "-shm", "-journal")
VAULT_SUFFIX = ".commsdesk"


class BackupBesideVault(errors.VaultError):
    msgid = N_("Choose another place for the backup: a file in CommsDesk's own folder, or beside"
               " the vault, would stay on this computer. Nothing was changed.")


@dataclass
class TravelReport:
    """What a trip out did: where the backup is, what it holds, what was removed and what not."""

    backup: Path
    counts: dict[str, int]
    removed: list[Path] = field(default_factory=list)
    failed: list[Path] = field(default_factory=list)  # could not be removed (permissions…)
    kept: list[Path] = field(default_factory=list)  # other vault files, left alone on purpose


def account(report: TravelReport, removed: bool = True) -> list[str]:
    """The whole account of a trip out, in lines, for the command line and the app alike."""
    people, talks = report.counts["contacts"], report.counts["conversations"]
    lines = [_("The backup at {path} was read back and checked: it holds every record ({people},"
               " {talks}).").format(
        path=report.backup,
        people=ngettext("{n} person", "{n} people", people).format(n=people),
        talks=ngettext("{n} conversation", "{n} conversations", talks).format(n=talks))]
    if removed and report.removed:
        lines.append(_("Removed from this computer:"))
        lines += [f"  {path}" for path in report.removed]
    if report.failed:
        lines.append(_("Could not be removed (remove them yourself, or try again):"))
        lines += [f"  {path}" for path in report.failed]
    if report.kept:
        lines.append(_("Other vault files were left where they are:"))
        lines += [f"  {path}" for path in report.kept]
    lines.append(_("CommsDesk cannot remove:"))
    lines += [f"  - {_(text)}" for text in CANNOT_REMOVE]
    return lines


# -- checking the passphrase before an operation that cannot be undone ---------------------------
def confirm_passphrase(vault: Vault, passphrase: str) -> None:
    """WrongPassphrase unless `passphrase` derives this vault's key (slow: off the UI thread)."""
    given, key = derive_key(passphrase, vault.salt), vault.key_copy()
    try:
        if not hmac.compare_digest(bytes(given), bytes(key)):
            raise errors.WrongPassphrase()
    finally:
        wipe(given)
        wipe(key)


# -- out ---------------------------------------------------------------------------------------------
def travel_out(vault: Vault, destination: Path, passphrase: str | None = None, *,
               settings_file: Path | None = None) -> TravelReport:
    """Back the vault up to `destination` (under `passphrase`, or the vault's own), verify the
    backup, then close the vault and remove it and every trace of it CommsDesk left here.

    Raises (and removes nothing) when the backup cannot be written or verified, or when the
    vault is open in another process. `vault` is closed once the removal begins."""
    destination = Path(destination)
    vault_path = vault.path
    _refuse_destination(destination, vault_path)
    with _exclusive(vault):  # refused before anything is written while it is open elsewhere
        safety.backup(vault, destination, passphrase=passphrase)
        try:
            counts = verify_backup(vault, destination, passphrase)
        except BaseException:
            with suppress(OSError):  # ours, and not a backup to rely on
                destination.unlink()
            raise
        with _alone(vault):
            report = TravelReport(destination, counts)
            _remove_vault_files(vault_path, report)
    _forget_in_settings(vault_path, settings_file, report)
    _remove_caches(report)
    _remove_empty_folders(report)
    report.kept = sorted(p for p in data_dir().glob(f"*{VAULT_SUFFIX}") if p.is_file())
    return report


def _refuse_destination(destination: Path, vault_path: Path) -> None:
    """A backup beside the vault, or anywhere in the folders travel mode empties, would be found
    here or removed with them."""
    target = destination.resolve()
    if target.parent in (vault_path.resolve().parent, vault_path.parent.resolve()):
        raise BackupBesideVault()
    for folder in (data_dir(), config_dir(), *cache_dirs()):
        if folder.resolve() in target.parents:
            raise BackupBesideVault()


def verify_backup(vault: Vault, backup: Path, passphrase: str | None) -> dict[str, int]:
    """Read the backup back from its disk, open it with its passphrase and compare it with the
    vault: the same record counts and the same export. Returns the counts; VaultDamaged if not."""
    _drop_from_page_cache(backup)
    check_copy = vault.path.with_name(f".{vault.path.name}.travel-check-{secrets.token_hex(4)}")
    try:
        shutil.copyfile(backup, check_copy)
        os.chmod(check_copy, 0o600)
        salt = connection.inspect_existing(check_copy)
        key = vault.key_copy() if passphrase is None else derive_key(passphrase, salt)
        copy = Vault.open_with_key(check_copy, key, salt)
        try:
            report = safety.check(copy)
            theirs = export_digest(copy)
        finally:
            copy.close()
    except OSError as exc:
        raise connection.translate_error(exc) from None
    finally:
        for suffix in ("", *SIDE_FILES):
            with suppress(OSError):
                Path(f"{check_copy}{suffix}").unlink(missing_ok=True)
    ours = _counts(vault)  # the vault's own integrity was checked as the backup was written
    if not report.ok or report.counts != ours or theirs != export_digest(vault):
        raise errors.VaultDamaged()
    return ours


def _counts(vault: Vault) -> dict[str, int]:
    with vault.reading() as conn:
        return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in safety.COUNTED_TABLES}


def export_digest(vault: Vault) -> str:
    """SHA-256 of the full JSON export, without the moment it was made."""
    from commsdesk.transfer.json_export import export_document

    document = export_document(vault)
    document.pop("exported_at", None)
    text = json.dumps(document, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _drop_from_page_cache(path: Path) -> None:
    """So the check reads what reached the disk (the USB stick), not what is still in memory."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return
    with suppress(OSError), open(path, "rb") as handle:
        os.fsync(handle.fileno())
        advise(handle.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)


@contextmanager
def _exclusive(vault: Vault) -> Iterator[None]:
    """Hold the vault file's exclusive lock (storage.filelock) for the whole operation: VaultBusy,
    with nothing written, while another window or command has the vault open; and nobody can open
    it between our backup and the removal."""
    lock = vault.take_file_lock()
    try:
        if lock is not None:
            lock.upgrade()
    except BaseException:
        vault.return_file_lock(lock)
        raise
    vault.freeze()  # a write from another thread after the backup would vanish with the vault
    try:
        yield
    finally:
        vault.thaw()
        vault.return_file_lock(lock)


@contextmanager
def _alone(vault: Vault) -> Iterator[None]:
    """Close our vault before its files are removed. SQLite deletes the `-wal` file when the last
    connection closes; one still there means something kept it open after all."""
    path = vault.path
    vault.close()
    if Path(f"{path}-wal").exists():
        raise errors.VaultBusy()
    yield


def vault_traces(vault_path: Path) -> list[Path]:
    """The vault file and everything CommsDesk keeps beside it: its SQLite side files, copies
    kept before a restore or a migration, and temporaries of interrupted operations."""
    folder, name = vault_path.parent, glob.escape(vault_path.name)
    found = [vault_path, *(Path(f"{vault_path}{s}") for s in SIDE_FILES)]
    for pattern in (f"{name}.before-restore*", f"{name}.before-v*", f".{name}.tmp-*",
                    f".{name}.travel-check-*"):
        found += sorted(folder.glob(pattern))
    return [p for p in found if p.is_file() or p.is_symlink()]


def _remove_vault_files(vault_path: Path, report: TravelReport) -> None:
    real = vault_path.resolve()  # a link to the vault goes, and so does the vault it points to
    for path in [*vault_traces(real), *(vault_traces(vault_path) if real != vault_path else [])]:
        _unlink(path, report)
    for folder in {real.parent, vault_path.parent}:
        with suppress(OSError):
            connection.fsync_dir(folder)


def _unlink(path: Path, report: TravelReport) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        return
    except OSError:
        report.failed.append(path)
        return
    report.removed.append(path)


def _forget_in_settings(vault_path: Path, settings_file: Path | None,
                        report: TravelReport) -> None:
    """Settings that name the vault or its folder go; so does Qt's file dialog history."""
    path = settings_file or settings_store.settings_path()
    if path.exists():
        named = settings_store.load(path).vault_path
        if not named or _inside(Path(named), vault_path.parent):
            _unlink(path, report)
            _unlink(path.with_name(path.name + ".tmp"), report)
    _forget_file_dialog_history(report)


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().parent == folder.resolve() or path.resolve() == folder.resolve()
    except OSError:
        return True


def qt_dialog_settings() -> Path:
    """Where Qt's own file dialog keeps its history and last folder on Linux (an INI file shared
    by Qt programs; elsewhere Qt keeps it in the registry or a property list)."""
    return config_dir().parent / "QtProject.conf"


def _forget_file_dialog_history(report: TravelReport) -> None:
    path = qt_dialog_settings()
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return
    kept, in_dialog = [], False
    for line in lines:
        if line.startswith("["):
            in_dialog = line.strip() == "[FileDialog]"
        if not in_dialog:
            kept.append(line)
    if kept == lines:
        return
    if not any(line.strip() for line in kept):
        _unlink(path, report)
        return
    try:
        tmp = path.with_name(path.name + ".commsdesk-tmp")
        tmp.write_text("\n".join(kept) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        report.failed.append(path)
    else:
        report.removed.append(path)


def cache_dirs() -> list[Path]:
    """CommsDesk's own cache, state and log folders (Qt uses the same cache folder)."""
    return [Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))]


def _remove_caches(report: TravelReport) -> None:
    for folder in cache_dirs():
        if not folder.is_dir() or folder in (data_dir(), config_dir()):
            continue

        def failed(_function, path, _exc) -> None:
            report.failed.append(Path(path))

        shutil.rmtree(folder, onerror=failed)
        if not folder.exists():
            report.removed.append(folder)


def _remove_empty_folders(report: TravelReport) -> None:
    """CommsDesk's data and config folders, when nothing of the user's is left in them."""
    for folder in (data_dir(), config_dir()):
        with suppress(OSError):
            folder.rmdir()  # only when empty
            report.removed.append(folder)


# -- back --------------------------------------------------------------------------------------------
def travel_back(backup: Path, passphrase: str, vault_path: Path | None = None, *,
                settings_file: Path | None = None) -> Path:
    """Restore the vault from a backup (or an emergency kit, with its recovery phrase) to
    `vault_path` (default: the usual place). Refuses to replace an existing vault: use restore
    for that. Returns where the vault now is."""
    from commsdesk.recovery import normalize_recovery_phrase

    target = Path(vault_path) if vault_path is not None else default_vault_path()
    if target.exists() or target.is_symlink():
        raise errors.VaultExists(path=target)
    try:
        safety.restore(target, Path(backup), passphrase)
    except (errors.BackupInvalid, errors.WrongPassphrase):
        typed_back = normalize_recovery_phrase(passphrase)
        if typed_back == passphrase:
            raise
        safety.restore(target, Path(backup), typed_back)
    if target != default_vault_path():  # so the app offers it at start, as before the trip
        path = settings_file or settings_store.settings_path()
        prefs = settings_store.load(path)
        prefs.vault_path = str(target)
        settings_store.save(prefs, path)
    return target
