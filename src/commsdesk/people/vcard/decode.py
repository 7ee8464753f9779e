"""Text helpers for the vCard import: bytes to text, one content line to a clean value.

vobject parses each content line (group, name, parameters, value: `vobject.base.parseLine`).
Everything around it is here, because vobject falls short on real phone exports and on
hostile files (measured with vobject 0.9.9):

- the file's bytes: a BOM, UTF-16, folds that split a UTF-8 character, lines in windows-1251;
- vobject's line reader (`getLogicalLines`) takes quadratic time on a long folded value with
  quoted-printable support on (a 6 MB folded line: 17 s) and about 0.4 s a megabyte without
  it; soft line breaks are joined and folds undone here, each in one linear pass;
- vobject's content-line regular expression backtracks exponentially when a line with many
  parameters does not match (25 `;a=b` without a colon take 20 s), so a line reaches it only
  after a linear, possessive pre-check has shown that it matches; parameters it would refuse
  (Samsung's `X-CUSTOM(…)` labels) are dropped first so that the value is not lost;
- vobject decodes quoted-printable only for an upper-case `QUOTED-PRINTABLE`, fails on an
  unknown CHARSET or a byte that is not in it, and reads `encoding=quoted-printable` as base64;
  here the value is decoded leniently with `binascii` and a short list of known charsets;
- vobject's text unescaping keeps only what precedes the first unescaped comma ("FN:Doe, John"
  reads "Doe"), spells a final backslash as "\\eof" and walks every character in Python (about
  0.2 s a megabyte); here one regular expression undoes the escapes and commas stay text.
"""

from __future__ import annotations

import binascii
import codecs
import re
import unicodedata
from collections.abc import Iterable, Iterator
from itertools import islice

# Charsets a phone or an address book is known to write; anything else is read as UTF-8 or
# windows-1251. A whitelist keeps bytes-to-bytes codecs (zlib, uu) and slow ones out.
KNOWN_CHARSETS = frozenset({
    "utf-8", "utf-16", "utf-16-le", "utf-16-be", "ascii", "cp1251", "koi8-r", "koi8-u",
    "iso8859-5", "cp866", "mac-cyrillic", "iso8859-1", "iso8859-2", "iso8859-15", "cp1250",
    "cp1252", "cp1253", "cp1254", "cp1257", "iso8859-7", "iso8859-9", "shift_jis", "cp932",
    "euc_jp", "gb2312", "gbk", "gb18030", "big5", "euc_kr",
})
FALLBACK_CHARSET = "cp1251"  # old Russian phones; every byte but 0x98 means a letter

# Beyond this many lines that are not UTF-8, the file is read in one charset, not line by line.
MAX_LINES_DECODED_ONE_BY_ONE = 50_000
# The most characters of one value that are decoded at all; the field limits cut later.
MAX_RAW_VALUE = 16_384

_FOLD = re.compile(r"\n[ \t]")
_SOFT_BREAK = re.compile(r"=[ \t]*\n")
_BYTE_FOLD = re.compile(rb"(?:\r\n|\r|\n)[ \t]")
_BAD_LINE = re.compile("^[^\n]*[\udc80-\udcff][^\n]*$", re.MULTILINE)
_BYTE_CHARSET = re.compile(rb";[ \t]*CHARSET[ \t]*=[ \t]*\"?([A-Za-z0-9_.:-]{1,40})", re.IGNORECASE)

# Possessive throughout, so it runs in linear time whatever the line; a line it accepts is one
# that vobject's own expression matches on its first, greedy attempt.
_NAME = r"[A-Za-z0-9_-]++"
_PARAM_VALUE = r'(?:"[^"]*+"|[^";:,]*+)'
_SAFE_HEAD = re.compile(
    rf"(?:{_NAME}\.)?+({_NAME})(?:;{_NAME}(?:={_PARAM_VALUE}(?:,{_PARAM_VALUE})*+)?+)*+:")

_GOOD_PARAM = re.compile(r"[A-Za-z0-9_-]++(?:=[^\";:,]*+(?:,[^\";:,]*+)*+)?+")

# vCard text escapes as vCard 3.0 and 4.0 write them; Google also escapes the colon.
_ESCAPES = {"n": "\n", "N": "\n", "\\": "\\", ";": ";", ",": ",", ":": ":", '"': '"'}
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)
_COMPONENT = re.compile(r"(?:[^\\;]++|\\.)*+", re.DOTALL)
_LEGACY_COMPONENT = re.compile(r"(?:[^\\;]++|\\;|\\)*+")

# Control characters that separate words become spaces; the others, every invisible format
# character (Unicode category Cf: direction overrides, zero-width space, BOM, soft hyphen, tags)
# except the joiners ZWNJ and ZWJ, and lone surrogates are removed. A test checks the list
# against unicodedata.
_SPACING_CONTROLS = re.compile("[\t\n\v\f\r\x1c-\x1f\x85\u2028\u2029]")
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f"
    "\u0890\u0891\u08e2\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f\ud800-\udfff]")
_JOINERS = {"\u200d", "\u034f"}


def decode_file(data: bytes) -> str:
    """The file's text: BOMs honoured, UTF-8 preferred, otherwise line by line with a charset."""
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    head = data[:4096]
    if b"B\x00E\x00G\x00I\x00N" in head:  # UTF-16 without a BOM: NULs fall on one side
        big_endian = head[0::2].count(0) > head[1::2].count(0)
        return data.decode("utf-16-be" if big_endian else "utf-16-le", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # A fold may fall inside a multi-byte character; unfolded, the line may be UTF-8 after all.
    unfolded = _BYTE_FOLD.sub(b"", data)
    text = unfolded.decode("utf-8", errors="surrogateescape")
    # Only the lines that are not UTF-8 (their bad bytes are now lone surrogates) are decoded
    # again, each in its CHARSET or windows-1251; one regular-expression pass finds them. A file
    # with very many such lines is one old phone's export: it is read in one charset, at once.
    bad_lines = islice(_BAD_LINE.finditer(text), MAX_LINES_DECODED_ONE_BY_ONE + 1)
    if sum(1 for _line in bad_lines) > MAX_LINES_DECODED_ONE_BY_ONE:
        return unfolded.decode(_file_charset(unfolded), errors="replace")
    return _BAD_LINE.sub(lambda line: _decode_line(line.group().encode("utf-8", "surrogateescape")),
                         text)


def _file_charset(data: bytes) -> str:
    for found in _BYTE_CHARSET.finditer(data):
        charset = known_charset(found.group(1).decode("ascii"))
        if charset and charset != "utf-8":
            return charset
    return FALLBACK_CHARSET


def _decode_line(line: bytes) -> str:
    found = _BYTE_CHARSET.search(line.split(b":", 1)[0])
    charset = known_charset(found.group(1).decode("ascii")) if found else None
    if charset:
        try:
            return line.decode(charset)
        except UnicodeDecodeError:
            pass
    return line.decode(FALLBACK_CHARSET, errors="replace")


def known_charset(name: str | None) -> str | None:
    """The codec for a CHARSET parameter, or None when it is not one phones use."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip('"')).name
    except (LookupError, ValueError):
        return None
    return codec if codec in KNOWN_CHARSETS else None


def is_quoted_printable(line: str) -> bool:
    """True when the parameters (before the first colon) say QUOTED-PRINTABLE, in any case."""
    colon = line.find(":")
    head = line if colon < 0 else line[:colon]
    return "QUOTED-PRINTABLE" in head.upper()


def join_soft_breaks(lines: list[str]) -> list[str]:
    """Physical lines with vCard 2.1 quoted-printable soft line breaks (a final '=') joined.

    The continuation starts at the margin, which is not folding; a blank line ends the value
    (Android writes one after a soft break that falls on the value's last byte).
    """
    out: list[str] = []
    index, count = 0, len(lines)
    while index < count:
        line = lines[index]
        index += 1
        stripped = line.rstrip(" \t")
        if stripped.endswith("=") and is_quoted_printable(stripped):
            parts = [stripped[:-1]]
            while index < count and lines[index].strip():
                follow = lines[index].rstrip(" \t")
                index += 1
                if not follow.endswith("="):
                    parts.append(follow)
                    break
                parts.append(follow[:-1])
            line = "".join(parts)
        out.append(line)
    return out


def content_lines(body: str, names: re.Pattern[str]) -> Iterator[tuple[str, str]]:
    """(property, content line) for each line of a card (LF line ends) whose property `names`
    matches, in order: soft line breaks joined, folds undone, every other line passed over
    by the regular-expression engine without a Python step."""
    if _SOFT_BREAK.search(body):
        body = "\n".join(join_soft_breaks(body.split("\n")))
    for found in names.finditer(_FOLD.sub("", body)):
        yield found.group(1).upper(), found.group()


def wanted_lines(names: Iterable[str]) -> re.Pattern[str]:
    """The expression `content_lines` takes: lines of these properties, any group."""
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"^(?:[A-Za-z0-9_-]++\.)?+({alternatives})(?=[;:])[^\n]*+",
                      re.MULTILINE | re.IGNORECASE)


def split_line(line: str) -> tuple[list[list[str]], str] | None:
    """Parameters and raw value of a content line, by vobject; None when it cannot be read.

    Parameters vobject would refuse (Samsung's `X-CUSTOM(CHARSET=UTF-8,…)` labels, a label in
    Cyrillic, a space after the semicolon) are dropped first, so the value is not lost with them.
    """
    from vobject.base import VObjectError, parseLine

    if _SAFE_HEAD.match(line) is None:
        line = _without_odd_parameters(line)
        if not line or _SAFE_HEAD.match(line) is None:
            return None
    try:
        _name, params, value, _group = parseLine(line)
    except VObjectError:
        return None
    return params, value


def _without_odd_parameters(line: str) -> str:
    colon = line.find(":")
    if colon < 0 or '"' in line[:colon]:
        return ""
    name, *params = line[:colon].split(";")
    return ";".join([name, *(p for p in params if _GOOD_PARAM.fullmatch(p))]) + line[colon:]


def decode_value(params: list[list[str]], value: str) -> str:
    """The value as text: quoted-printable or base64 undone, bytes read in their charset.

    Backslash escapes stay; `unescape` and `split_components` undo them.
    """
    encoding, charset = "", None
    for param in params:
        key = param[0].upper()
        if len(param) == 1:
            if key in ("QUOTED-PRINTABLE", "BASE64", "B"):
                encoding = key
        elif key == "ENCODING":
            encoding = param[1].upper()
        elif key == "CHARSET":
            charset = param[1]
    value = value[:MAX_RAW_VALUE]
    if encoding == "QUOTED-PRINTABLE":
        raw = binascii.a2b_qp(value.encode("utf-8"))
    elif encoding in ("B", "BASE64"):
        try:
            raw = binascii.a2b_base64(value.encode("utf-8"))
        except (binascii.Error, ValueError):
            return ""
    else:
        return value
    return decode_bytes(raw, charset)


def decode_bytes(raw: bytes, charset: str | None) -> str:
    """Bytes in the declared charset when it fits, else UTF-8, else windows-1251.

    A multi-byte character cut off at the very end (a value cut at the size limit) is dropped.
    """
    for codec in (known_charset(charset), "utf-8"):
        if not codec:
            continue
        try:
            return raw.decode(codec)
        except UnicodeDecodeError as error:
            if error.reason == "unexpected end of data":
                try:
                    return raw[:error.start].decode(codec)
                except UnicodeDecodeError:
                    pass
    return raw.decode(FALLBACK_CHARSET, errors="replace")


def unescape(value: str, legacy: bool = False) -> str:
    """Backslash escapes undone: \\n \\N as a line break; \\, \\; \\: \\" \\\\ as the character.

    Commas stay text; another escape stays as written; a lone final backslash goes. In vCard
    2.1 (`legacy`) only \\; is an escape: Android writes a backslash as it is.
    """
    value = value[:MAX_RAW_VALUE]
    if "\\" not in value:
        return value
    if legacy:
        return value.replace("\\;", ";")
    return _ESCAPED.sub(_unescaped, value[:-1] if _odd_tail(value) else value)


def _unescaped(match: re.Match[str]) -> str:
    return _ESCAPES.get(match.group(1), match.group())


def _odd_tail(value: str) -> bool:
    return (len(value) - len(value.rstrip("\\"))) % 2 == 1


def split_components(value: str, count: int, legacy: bool = False) -> list[str]:
    """The first `count` parts of a structured value (N, ADR, ORG), split on unescaped ';' and
    each unescaped; the rest of the value is not looked at."""
    value = value[:MAX_RAW_VALUE]
    component = _LEGACY_COMPONENT if legacy else _COMPONENT
    parts: list[str] = []
    position = 0
    while len(parts) < count:
        part = component.match(value, position)
        if part is None:  # the component pattern matches the empty text too: never None
            break
        parts.append(unescape(part.group(), legacy))
        position = part.end()
        if value[position:position + 1] != ";":
            break
        position += 1
    return parts


def clean(text: str, limit: int) -> str:
    """One line of plain text: NFC, no control or invisible format characters, single spaces,
    at most `limit` characters, never cutting a letter from its accent or an emoji in two."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", _SPACING_CONTROLS.sub(" ", text))
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    end = limit
    while end > 0 and (_continues(text[end]) or text[end - 1] in _JOINERS):
        end -= 1
    return text[:end].rstrip()


def _continues(char: str) -> bool:
    """True for a character that belongs to the one before it (accents, variation selectors)."""
    return (unicodedata.category(char) in ("Mn", "Mc", "Me") or char in _JOINERS
            or "\ufe00" <= char <= "\ufe0f" or "\U000e0100" <= char <= "\U000e01ef"
            or "\U0001f3fb" <= char <= "\U0001f3ff")
