"""Errors about content packs and signing keys, each a one-line message in the user's language.

A pack is untrusted input: every way it can be wrong ends in one of these, never in a crash.
"""

from __future__ import annotations

from commsdesk.errors import UserError
from commsdesk.i18n import N_


class PackError(UserError):
    msgid = N_("The content pack cannot be used.")


# -- reading a pack file -------------------------------------------------------------------
class PackTooLarge(PackError):
    msgid = N_("The pack is larger than {limit} MB, the most CommsDesk accepts. It was not read.")


class PackDamaged(PackError):
    msgid = N_("This file is damaged or is not a CommsDesk content pack: {reason}.")


class PackTooNew(PackError):
    msgid = N_("This pack was made by a newer version of CommsDesk. Update the app to import it.")


class PackTampered(PackError):
    msgid = N_("The pack was changed after it was built or signed (its {check} does not match)."
               " It was rejected; ask the author for a fresh copy.")


class ManifestInvalid(PackError):
    msgid = N_("The pack's manifest, field “{field}”: {reason}.")


class ArticleInvalid(PackError):
    msgid = N_("Article “{article}”, field “{field}”: {reason}.")


# -- building a pack from a trainer's folder -----------------------------------------------
class SourceNotFolder(PackError):
    msgid = N_("{path} is not a folder with a manifest.toml.")


class ManifestSyntax(PackError):
    msgid = N_("manifest.toml is not valid TOML (line {line}).")


class SourceFileMissing(PackError):
    msgid = N_("The manifest lists {name}, but there is no such file in the pack folder.")


class SourceFileUnsafe(PackError):
    msgid = N_("The manifest lists “{name}”: only plain .md file names inside the pack folder may be"
               " listed (no folders, links, “..” or other kinds of files).")


class SourceFileUnlisted(PackError):
    msgid = N_("{name} is in the pack folder but not in the manifest's article list; add it or"
               " move it out.")


class SourceFileListedTwice(PackError):
    msgid = N_("The manifest lists {name} twice.")


class SourceFileTooLarge(PackError):
    msgid = N_("{name} is larger than {limit} KB, the most a pack file may hold.")


class SourceNotText(PackError):
    msgid = N_("{name} is not UTF-8 text.")


# -- signing keys --------------------------------------------------------------------------
class SigningKeyInvalid(PackError):
    msgid = N_("This is not a CommsDesk signing key (a .key file made by “commsdesk pack keygen”).")


class PublicKeyInvalid(PackError):
    msgid = N_("This is not a CommsDesk public key (a .pub file made by “commsdesk pack keygen”).")


class WrongKeyPassphrase(PackError):
    msgid = N_("Wrong passphrase for the signing key, or the key file is damaged.")
