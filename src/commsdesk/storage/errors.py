"""Errors the vault raises, each with a message the user can read in their own language (the base,
`VaultError`, is `commsdesk.errors.UserError`).

Messages never contain a passphrase, a key or any text from the vault.
"""

from __future__ import annotations

from commsdesk.errors import (
    DiskFull,
    FileExists,
    FileUnreadable,
    Msg,
    UserError,
    WriteFailed,
    describe,
    os_reason,
)
from commsdesk.i18n import N_

# The base and the file errors live in commsdesk/errors.py, below every layer (files.py raises them
# too); they are named here as well so that storage code and `except VaultError` read as before.
VaultError = UserError  # the user-facing base under its older name
VaultExists = FileExists
VaultUnreadable = FileUnreadable

__all__ = ["DiskFull", "FileExists", "FileUnreadable", "Msg", "UserError", "VaultError", "VaultExists",
           "VaultUnreadable", "WriteFailed", "describe", "os_reason"]


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


class VaultBusy(VaultError):
    msgid = N_("The vault is in use by another CommsDesk window or command. Close it and try again;"
               " nothing was changed.")


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
