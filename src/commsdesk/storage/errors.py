"""Errors the vault raises, each with a message the user can read in their own language.

Messages never contain a passphrase, a key or any text from the vault.
"""

from __future__ import annotations

from commsdesk.i18n import N_, _


class Msg(str):
    """A message id passed as a parameter of an error; translated when the error is shown."""


class VaultError(Exception):
    """Base class: `str(error)` is a one-line message in the active UI language."""

    msgid = N_("The vault could not be used.")

    def __init__(self, **params: object) -> None:
        super().__init__(self.msgid)
        self.params = params

    def user_message(self) -> str:
        params = {k: _(v) if isinstance(v, Msg) else v for k, v in self.params.items()}
        return _(self.msgid).format(**params)

    def __str__(self) -> str:
        return self.user_message()


def os_reason(exc: OSError) -> Msg:
    """Why the system refused a file, in the user's language (never the system's own English)."""
    if isinstance(exc, PermissionError):
        return Msg(N_("permission denied"))
    return Msg(N_("the system could not read it"))


def describe(exc: BaseException) -> str:
    """One line for the user about any failure: the vault's own message, or a calm generic one."""
    if isinstance(exc, VaultError):
        return exc.user_message()
    return _("Something went wrong ({kind}). Your vault was not changed.").format(
        kind=type(exc).__name__)


class VaultNotFound(VaultError):
    msgid = N_("No vault file at {path}.")


class VaultIsDirectory(VaultError):
    msgid = N_("{path} is a folder, not a vault file.")


class VaultNotRegular(VaultError):
    msgid = N_("{path} is not a regular file (a pipe, socket or device), so it is not a vault.")


class VaultEmpty(VaultError):
    msgid = N_("The file {path} is empty: it is not a CommsDesk vault.")


class VaultTruncated(VaultError):
    msgid = N_("The vault file {path} is damaged (it looks cut short). Restore it from a backup.")


class VaultNotEncrypted(VaultError):
    msgid = N_("The file {path} is an unencrypted database, not a CommsDesk vault.")


class WrongPassphrase(VaultError):
    msgid = N_("Wrong passphrase, or the file is not a CommsDesk vault.")


class VaultDamaged(VaultError):
    msgid = N_("The vault file is damaged and cannot be read safely. Restore it from a backup.")


class VaultTooNew(VaultError):
    msgid = N_("This vault was written by a newer version of CommsDesk. Update the app to open it.")


class VaultExists(VaultError):
    msgid = N_("A file already exists at {path}; it was left untouched.")


class VaultUnreadable(VaultError):
    msgid = N_("The file {path} cannot be read: {reason}.")


class VaultBusy(VaultError):
    msgid = N_("The vault is in use by another CommsDesk window or command. Close it and try again;"
               " nothing was changed.")


class DiskFull(VaultError):
    msgid = N_("The disk is full. Nothing was saved: free some space on it (empty the trash, move"
               " large files elsewhere) and try again.")


class WriteFailed(VaultError):
    msgid = N_("Writing to the disk failed. Nothing was saved; your vault is unchanged.")


class VaultReadOnly(VaultError):
    msgid = N_("This vault is open read-only, so nothing can be changed: {reason}")


class VaultLogUnreadable(VaultError):
    msgid = N_("This vault was not closed properly last time, and the disk it is on cannot be"
               " written to, so its latest entries cannot be read here. Copy the vault file"
               " together with the file beside it whose name ends in -wal to a writable disk and"
               " open it there.")


class ChangedButNotReopened(VaultError):
    msgid = N_("The passphrase was changed, but the vault could not be opened again right away."
               " Unlock it with the new passphrase.")


class TestingKdfRefused(VaultError):
    msgid = N_("This file is protected by a key setting meant only for automated tests, which is far"
               " too weak for real notes. CommsDesk does not open it.")


class UnknownKdfLevel(VaultError):
    msgid = N_("This file is not a CommsDesk vault, or a newer version of CommsDesk made it.")


MIN_PASSPHRASE_LENGTH = 8


class WeakPassphrase(VaultError):
    msgid = N_("The passphrase is too short: use at least {minimum} characters.")


class PassphraseMismatch(VaultError):
    msgid = N_("The two passphrases differ.")


class BackupInvalid(VaultError):
    msgid = N_("The backup could not be verified, so nothing was restored: {reason}")


class RecordNotFound(VaultError):
    msgid = N_("The record no longer exists.")


class InvalidValue(VaultError):
    msgid = N_("Invalid value for {field}: {reason}")


class AlreadyPresent(VaultError):
    msgid = N_("This is already in your vault; nothing was added.")
