"""The one base of the errors a user may see, and the file and disk errors shared by every layer.

Each error's `str()` is a one-line message in the active UI language; messages never contain a
passphrase, a key or any text from the vault. The vault's own errors are in `storage/errors.py`
(`VaultError` there is this module's `UserError` under its older name).
"""

from __future__ import annotations

from commsdesk.i18n import N_, _


class Msg(str):
    """A message id passed as a parameter of an error; translated when the error is shown."""


class UserError(Exception):
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
    """One line for the user about any failure: the error's own message, or a calm generic one."""
    if isinstance(exc, UserError):
        return exc.user_message()
    return _("Something went wrong ({kind}). Your vault was not changed.").format(
        kind=type(exc).__name__)


class FileExists(UserError):
    msgid = N_("A file already exists at {path}; it was left untouched.")


class FileUnreadable(UserError):
    msgid = N_("The file {path} cannot be read: {reason}.")


class DiskFull(UserError):
    msgid = N_("The disk is full. Nothing was saved: free some space on it (empty the trash, move"
               " large files elsewhere) and try again.")


class WriteFailed(UserError):
    msgid = N_("Writing to the disk failed. Nothing was saved; your vault is unchanged.")
