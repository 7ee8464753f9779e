"""Exact details that identify without any name: phone numbers, e-mail addresses, dates, street addresses,
messenger handles, military unit numbers, numbered schools and hospitals, car plates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from commsdesk.club.story_phrases import Phrases, relative_time

_RU_MONTHS = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр",
              "ноябр", "декабр")
_EN_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_RU_MONTH = (r"(?P<rumonth>января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября"
             r"|ноября|декабря)")
_EN_MONTH = (r"(?P<enmonth>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
             r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_YEAR = r"(?:,?\s+(?P<year>\d{4})(?:\s*(?:года|г\.))?)?"
_ORD = r"(?:st|nd|rd|th|-?го|-?е)?"
DATES = [
    re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\d)"),
    re.compile(r"(?<![\d.])(?P<day>\d{1,2})[./](?P<month>\d{1,2})[./](?P<year>\d{4}|\d{2})(?![\d.]\d)"),
    re.compile(rf"(?<!\d)(?P<day>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?:{_RU_MONTH}|{_EN_MONTH}){_YEAR}(?!\w)",
               re.IGNORECASE),
    re.compile(rf"(?<!\w){_EN_MONTH}\s+(?P<day>\d{{1,2}}){_ORD}{_YEAR}(?!\w)", re.IGNORECASE),
]
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w+])(?:\+\s?)?(?:\(\d{1,4}\)[\s.-]?)?\d(?:[\s.()-]{0,2}\d){5,15}(?!\w)")
_MONEY = re.compile(r"\d{1,3}(?:[ \u00a0]\d{3})+")
_RU_STREET = (r"(?:ул\.|улица|пр-т|просп\.|проспект|пер\.|переулок|б-р|бульвар|ш\.|шоссе|наб\."
              r"|набережная|пл\.|площадь|мкр\.?|микрорайон|проезд)")
ADDRESSES = [
    re.compile(rf"(?<!\w){_RU_STREET}\s*[^\W\d_][\w-]*(?:\s+[^\W\d_][\w-]*)?"
               r"(?:,?\s*(?:д\.|дом)?\s*\d+[а-яa-z]?(?!\w))?(?:,?\s*(?:корп\.|к\.|стр\.)\s*\d+)?"
               r"(?:,?\s*(?:кв\.|квартира)\s*\d+)?", re.IGNORECASE),
    re.compile(r"(?<!\w)\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|Avenue|Road|Lane|Boulevard|Drive"
               r"|Square|(?:St|Ave|Rd|Ln|Blvd|Dr|Sq)\b\.?)(?!\w)"),
]

HANDLE = re.compile(r"(?<![\w@.])(?:@|(?:https?://)?t\.me/)[A-Za-z][A-Za-z0-9_]{2,31}(?![\w@])")
MILITARY_UNIT = re.compile(r"(?<!\w)(?:в/ч|в\.ч\.|вч|войсков\w*\s+част\w*|воинск\w*\s+част\w*"
                           r"|military\s+unit)\s*(?:№\s*|no\.?\s*|#\s*)?\d{4,5}(?!\d)", re.IGNORECASE)
_INSTITUTION = (r"школ\w*|гимнази\w*|лице[йяюеи]\w*|больниц\w*|горбольниц\w*|поликлиник\w*|роддом\w*"
                r"|детск\w+\s+сад\w*|садик\w*|колони\w*|school|hospital|clinic")
_NUMBER = r"(?:№|N|No\.?|#|номер)\s*\d{1,4}(?!\d)"
INSTITUTIONS = [
    # "школа № 5", "в больнице №3", "School No. 5", "гимназия 1543"
    re.compile(rf"(?<!\w)(?P<noun>{_INSTITUTION})\s*(?:{_NUMBER}|\d{{1,4}}(?=\s*(?:[,;:!?)»]|\.(?!\d)|$)))",
               re.IGNORECASE),
    # "57-я школа", "в 57-й школе", "в пятой школе" stays (no number to hide)
    re.compile(rf"(?<![\w-])\d{{1,4}}-?(?:ая|ой|ую|ей|я|й|ю|е)\s+(?P<noun>{_INSTITUTION})(?!\w)",
               re.IGNORECASE),
    # "ГКБ № 67", "ЦРБ №2"
    re.compile(rf"(?<!\w)(?P<abbr>ГКБ|ДКБ|ЦРБ|ГБ|ОКБ|РКБ|МСЧ)\s*(?:{_NUMBER}|\d{{1,4}}(?!\d))"),
]
_PLATE_LETTER = "АВЕКМНОРСТУХABEKMHOPCTYX"
PLATES = [
    re.compile(rf"(?<!\w)[{_PLATE_LETTER}]\s?\d{{3}}\s?[{_PLATE_LETTER}]{{2}}\s?\d{{2,3}}(?:\s?RUS)?(?!\w)",
               re.IGNORECASE),
    re.compile(r"(?<!\w)[A-Z]{2}\d{2}\s?[A-Z]{3}(?!\w)"),  # a British plate: AB12 CDE
]


@dataclass(frozen=True)
class Detail:
    start: int
    end: int
    kind: str  # "date", "email", "phone", "address", "handle", "military_unit", "institution", "plate"
    replacement: str
    noun: str = ""  # an institution as written ("школе"), kept in its own case


def find_details(text: str, language: str, since: date | None = None) -> list[Detail]:
    """Every exact detail in `text`, overlapping ones included (the caller keeps the longest).
    Dates become relative to `since` when it is known and the date can be read."""
    phrases = Phrases(language)
    found = []
    for pattern in DATES:
        for m in pattern.finditer(text):
            found.append(Detail(m.start(), m.end(), "date", _date_phrase(m, phrases, since)))
    for m in EMAIL.finditer(text):
        found.append(Detail(m.start(), m.end(), "email", phrases.placeholder("email")))
    for m in PHONE.finditer(text):
        digits = sum(ch.isdigit() for ch in m.group())
        if 7 <= digits <= 15 and not _MONEY.fullmatch(m.group()):
            found.append(Detail(m.start(), m.end(), "phone", phrases.placeholder("phone")))
    for pattern in ADDRESSES:
        for m in pattern.finditer(text):
            found.append(Detail(m.start(), m.end(), "address", phrases.placeholder("address")))
    for m in HANDLE.finditer(text):
        found.append(Detail(m.start(), m.end(), "handle", phrases.placeholder("handle")))
    for m in MILITARY_UNIT.finditer(text):
        found.append(Detail(m.start(), m.end(), "military_unit", phrases.placeholder("military_unit")))
    for pattern in INSTITUTIONS:
        for m in pattern.finditer(text):
            noun = (m.groupdict().get("noun") or "").lower()
            found.append(Detail(m.start(), m.end(), "institution", noun or phrases.placeholder("hospital"),
                                noun))
    for pattern in PLATES:
        for m in pattern.finditer(text):
            if sum(ch.isdigit() for ch in m.group()) >= 5 or pattern is PLATES[1]:
                found.append(Detail(m.start(), m.end(), "plate", phrases.placeholder("plate")))
    return found


def _date_phrase(match: re.Match, phrases: Phrases, since: date | None) -> str:
    when = _read_date(match, since, phrases.language) if since else None
    if when is None or since is None:
        return phrases.placeholder("date")
    return relative_time(since, when, phrases.language)


def _read_date(match: re.Match, since: date, language: str) -> date | None:
    groups = match.groupdict()
    try:
        day = int(groups["day"])
        month = _month_number(groups)
        if language == "en" and "/" in match.group():
            day, month = month, day  # 03/12/2024 is March 12 to an English reader
        year = groups.get("year")
        if year is None:
            guess = date(since.year, month, day)
            return guess if guess >= since else date(since.year + 1, month, day)
        number = int(year)
        return date(number + 2000 if number < 100 else number, month, day)
    except (ValueError, TypeError):
        return None


def _month_number(groups: dict) -> int:
    if groups.get("month"):
        return int(groups["month"])
    if groups.get("rumonth"):
        name = groups["rumonth"].casefold()
        return next(i for i, stem in enumerate(_RU_MONTHS, 1) if name.startswith(stem)
                    and (stem != "ма" or name == "мая"))
    name = groups["enmonth"].casefold()
    return next(i for i, stem in enumerate(_EN_MONTHS, 1) if name.startswith(stem))
