"""Contacts from a phone's vCard export (.vcf): Android 2.1, iPhone 3.0, Google 3.0, vCard 4.0.

Only what the import offers is read: a display name, phone numbers, e-mail addresses and
postal addresses. Photos, notes, birthdays, social profiles and every other property are
never decoded. Nothing here writes anywhere; `selected_fields` says what a contact would
contribute given the user's choices, and the caller maps that into the vault.

Every failure is a `VCardError` (a `commsdesk.errors.UserError`) with a message the user can read; for any
bytes, `read_phone_export` returns a result or raises one of those, nothing else.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from pathlib import Path

from commsdesk.errors import UserError
from commsdesk.i18n import N_, _
from commsdesk.people.vcard import decode as dec

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_CARDS = 20_000
MAX_LINE_BYTES = 2 * 1024 * 1024  # a photo saved on one unfolded line fits; a runaway line does not
MAX_NAME_CHARS = 200
MAX_PHONE_CHARS = 64
MAX_EMAIL_CHARS = 254
MAX_ADDRESS_CHARS = 300
MAX_VALUES = 20  # phones, e-mails or addresses kept per contact

_MARKER = re.compile(r"^\ufeff?(BEGIN|END)[ \t]*:[ \t]*VCARD[ \t]*$", re.MULTILINE | re.IGNORECASE)
_LONG_LINE = re.compile(rb"(?:^|(?<=\r))[^\r\n]{%d}" % (MAX_LINE_BYTES + 1), re.MULTILINE)
_URI_PREFIX = re.compile(r"^(?:tel|mailto):", re.IGNORECASE)
# The properties read, and how many of each are decoded at most (a card of 100,000 TEL lines
# costs a glance at each name, not a decode).
_WANTED = {"VERSION": 1, "FN": 4, "N": 4, "ORG": 4, "TEL": 2 * MAX_VALUES, "EMAIL": 2 * MAX_VALUES,
           "ADR": 2 * MAX_VALUES, "KIND": 4, "X-ADDRESSBOOKSERVER-KIND": 4}
_WANTED_LINE = dec.wanted_lines(_WANTED)


class VCardError(UserError):
    msgid = N_("The contacts file could not be read. Nothing was imported.")


class NotAVCard(VCardError):
    msgid = N_("This is not a contacts file from a phone (vCard, .vcf), or it is empty. "
               "Nothing was imported.")


class VCardTooLarge(VCardError):
    msgid = N_("The contacts file is larger than {limit} MB. Nothing was imported.")


class TooManyCards(VCardError):
    msgid = N_("The file holds more than {limit} contacts, more than CommsDesk imports at once. "
               "Nothing was imported.")


class LineTooLong(VCardError):
    msgid = N_("The file has a line longer than {limit} MB: it is damaged or not a contacts "
               "file. Nothing was imported.")


class NoReadableContacts(VCardError):
    msgid = N_("No contact in this file could be read (without a name: {no_name}, damaged: "
               "{unreadable}, groups: {groups}). Nothing was imported.")


class VCardFileUnreadable(VCardError):
    msgid = N_("The file {path} cannot be opened. Nothing was imported.")


class SkipReason(enum.Enum):
    NO_NAME = "no_name"  # no FN, no N, no organisation: a number is never used as a name
    UNREADABLE = "unreadable"  # cut short (BEGIN without END) or damaged beyond reading
    GROUP = "group"  # a contact group (vCard 4.0 KIND:group, iCloud groups), not a person

    @property
    def label(self) -> str:
        return _(_REASON_LABELS[self])


_REASON_LABELS = {SkipReason.NO_NAME: N_("without a name"),
                  SkipReason.UNREADABLE: N_("damaged or cut short"),
                  SkipReason.GROUP: N_("groups (not people)")}


@dataclass(frozen=True)
class PhoneContact:
    index: int  # the card's position in the file, from 0, skipped cards counted
    name: str
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()


@dataclass(frozen=True)
class SkippedCard:
    index: int
    reason: SkipReason


@dataclass(frozen=True)
class PhoneExport:
    contacts: tuple[PhoneContact, ...]
    skipped: tuple[SkippedCard, ...] = ()

    @property
    def cards(self) -> int:
        return len(self.contacts) + len(self.skipped)

    def skipped_count(self, reason: SkipReason) -> int:
        return sum(1 for card in self.skipped if card.reason is reason)

    def skipped_summary(self) -> str:
        """One line for the screen about the skipped cards, '' when none was skipped."""
        if not self.skipped:
            return ""
        parts = ", ".join(f"{reason.label}: {self.skipped_count(reason)}"
                          for reason in SkipReason if self.skipped_count(reason))
        return _("Cards not imported — {reasons}.").format(reasons=parts)


def read_phone_export(data: bytes) -> PhoneExport:
    """Every readable contact in a .vcf file's bytes, and the cards skipped and why."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"read_phone_export takes bytes, not {type(data).__name__}")
    try:
        export = _read(bytes(data))
    except VCardError:
        raise
    except Exception:  # vobject or a codec failed in a way nobody foresaw
        # `from None`: the chained message could quote the file's text into a log.
        raise VCardError() from None
    if not export.contacts:
        raise NoReadableContacts(no_name=export.skipped_count(SkipReason.NO_NAME),
                                 unreadable=export.skipped_count(SkipReason.UNREADABLE),
                                 groups=export.skipped_count(SkipReason.GROUP))
    return export


def parse_vcards(data: bytes) -> list[PhoneContact]:
    """The readable contacts of a .vcf file's bytes, in file order."""
    return list(read_phone_export(data).contacts)


def read_phone_export_file(path: Path | str) -> PhoneExport:
    """`read_phone_export` on a file, reading no more than the size limit allows."""
    path = Path(path)
    try:
        if not path.is_file():
            raise VCardFileUnreadable(path=str(path))
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError:
        raise VCardFileUnreadable(path=str(path)) from None
    return read_phone_export(data)


def selected_fields(contact: PhoneContact, include_phones: bool = False,
                    include_addresses: bool = False, include_emails: bool = False) -> dict:
    """What the contact contributes: always the name; the rest only when the user ticked it
    and the card has some. Every extra field is a risk if the laptop is seized."""
    fields: dict[str, object] = {"name": contact.name}
    if include_phones and contact.phones:
        fields["phones"] = contact.phones
    if include_emails and contact.emails:
        fields["emails"] = contact.emails
    if include_addresses and contact.addresses:
        fields["addresses"] = contact.addresses
    return fields


def _read(data: bytes) -> PhoneExport:
    if len(data) > MAX_FILE_BYTES:
        raise VCardTooLarge(limit=MAX_FILE_BYTES // (1024 * 1024))
    if not data.strip():
        raise NotAVCard()
    if _LONG_LINE.search(data):
        raise LineTooLong(limit=MAX_LINE_BYTES // (1024 * 1024))
    cards = _split_cards(dec.decode_file(data))
    if not cards:
        raise NotAVCard()
    contacts: list[PhoneContact] = []
    skipped: list[SkippedCard] = []
    for index, (body, complete) in enumerate(cards):
        result: PhoneContact | SkipReason = SkipReason.UNREADABLE
        if complete:
            try:
                result = _read_card(index, body)
            except Exception:  # one damaged card must not cost the others
                result = SkipReason.UNREADABLE
        if isinstance(result, PhoneContact):
            contacts.append(result)
        else:
            skipped.append(SkippedCard(index, result))
    return PhoneExport(tuple(contacts), tuple(skipped))


def _split_cards(text: str) -> list[tuple[str, bool]]:
    """(the text between BEGIN:VCARD and END:VCARD, whether END came). A BEGIN inside an open
    card starts a new card and leaves the open one cut short; text outside cards is ignored."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    cards: list[tuple[str, bool]] = []
    start: int | None = None
    for marker in _MARKER.finditer(text):
        if marker.group(1).upper() == "BEGIN":
            if start is not None:
                cards.append((text[start:marker.start()], False))
            if len(cards) >= MAX_CARDS:
                raise TooManyCards(limit=MAX_CARDS)
            start = marker.end()
        elif start is not None:
            cards.append((text[start:marker.start()], True))
            start = None
    if start is not None:
        cards.append((text[start:], False))
    return cards


def _read_card(index: int, body: str) -> PhoneContact | SkipReason:
    found: dict[str, list[str]] = {name: [] for name in _WANTED}
    # PHOTO, NOTE, X-… lines are never decoded, nor more values than are kept.
    for name, line in dec.content_lines(body, _WANTED_LINE):
        if len(found[name]) < _WANTED[name]:
            parsed = dec.split_line(line)
            if parsed is not None:
                found[name].append(dec.decode_value(*parsed))
    legacy = any(version.strip().startswith("2") for version in found["VERSION"])
    kinds = found["KIND"] + found["X-ADDRESSBOOKSERVER-KIND"]
    if any(dec.clean(dec.unescape(kind, legacy), 20).lower() == "group" for kind in kinds):
        return SkipReason.GROUP
    name = _display_name(found, legacy)
    if not name:
        return SkipReason.NO_NAME
    phones = _values([dec.unescape(v, legacy) for v in found["TEL"]], MAX_PHONE_CHARS)
    emails = _values([dec.unescape(v, legacy) for v in found["EMAIL"]], MAX_EMAIL_CHARS)
    addresses = _values([_address(v, legacy) for v in found["ADR"]], MAX_ADDRESS_CHARS)
    return PhoneContact(index, name, phones, emails, addresses)


def _display_name(found: dict[str, list[str]], legacy: bool) -> str:
    for value in found["FN"]:
        name = dec.clean(dec.unescape(value, legacy), MAX_NAME_CHARS)
        if name:
            return name
    for value in found["N"]:
        parts = [dec.clean(part, MAX_NAME_CHARS) for part in dec.split_components(value, 5, legacy)]
        parts += [""] * (5 - len(parts))
        family, given, additional, prefix, suffix = parts
        name = dec.clean(" ".join((prefix, given, additional, family, suffix)), MAX_NAME_CHARS)
        if name:
            return name
    for value in found["ORG"]:
        units = (dec.clean(part, MAX_NAME_CHARS) for part in dec.split_components(value, 4, legacy))
        name = dec.clean(", ".join(unit for unit in units if unit), MAX_NAME_CHARS)
        if name:
            return name
    return ""


def _address(value: str, legacy: bool) -> str:
    """ADR's parts (box, extended, street, city, region, code, country) on one line."""
    parts = (dec.clean(part, MAX_ADDRESS_CHARS) for part in dec.split_components(value, 7, legacy))
    return ", ".join(part for part in parts if part)


def _values(texts: list[str], limit: int) -> tuple[str, ...]:
    """Clean, distinct, at most MAX_VALUES; a tel: or mailto: prefix (vCard 4.0) dropped."""
    out: list[str] = []
    for text in texts:
        text = dec.clean(_URI_PREFIX.sub("", text.strip()), limit)
        if text and text not in out:
            out.append(text)
        if len(out) >= MAX_VALUES:
            break
    return tuple(out)
