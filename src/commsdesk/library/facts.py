"""When an article's facts were checked and where they come from: the `checked` and `sources`
front-matter keys, their rules, the block shown under the text, and the finders the tests and
`scripts/library_facts.py` use to spot claims without sources and checks grown old."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date

from commsdesk.i18n import _, format_date

MAX_SOURCES = 32
MAX_SOURCE_CHARS = 600
STALE_AFTER_MONTHS = 6
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_LINK = re.compile(r"(?i)https?://|www\.|\]\(|[<>]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# What reads as a checkable claim: a year, an article of a code, a law or decree, a count with a
# unit. Ages ("47 лет"), durations ("90 минут") and scales ("от 1 до 10") are not claims.
CLAIM_PATTERNS = (
    re.compile(r"(?<![\d.,])(?:1[89]|20)\d{2}(?![\d.,]\d)"),
    re.compile(r"(?i)(?:стать\w*|ст\.|article|art\.)\s*\d+(?:\.\d+)*"),
    re.compile(r"(?<![\d.])\d{1,3}\.\d{1,2}(?:\.\d{1,2})?(?= (?:УК|КоАП|of the))"),
    re.compile(r"(?i)\bУК\b|КоАП|уголовн\w+ кодекс|criminal code|code of administrative"
               r"|федеральн\w+ закон|\bзакон\w* о\b|\bуказ(?:а|у|ом|е|ы|ов|ам|ами|ах)?\b|\bdecree\b"
               r"|\bfederal law\b"),
    re.compile(r"(?i)\d[\d\s\u00a0,.]*\s*(?:%|процент\w*|тысяч\w*|тыс\.|млн|миллион\w*|млрд"
               r"|миллиард\w*|трлн|триллион\w*|per ?cent|thousand|million|billion|trillion)"),
)


FICTION_SECTIONS = {"persona", "example"}
_SECTION = re.compile(r"^##\s+.*\{#([a-z0-9-]+)\}\s*$", re.MULTILINE)


class FactsInvalid(ValueError):
    """A `checked` or `sources` value that breaks the format; the message names the problem."""


@dataclass(frozen=True)
class Facts:
    checked: date | None = None
    sources: tuple[str, ...] = ()


NO_FACTS = Facts()


def source_problem(text: object) -> str | None:
    """Why `text` cannot be one source line (None when it can): plain text, one line, no links."""
    if not isinstance(text, str):
        return "must be text"
    if not text.strip():
        return "must not be empty"
    if len(text) > MAX_SOURCE_CHARS:
        return "is too long"
    if _CONTROL.search(text):
        return "contains control or text-direction characters"
    if _LINK.search(text):
        return "contains a link or markup; name the publisher, title and date instead"
    return None


def parse_checked(value: str | None) -> date | None:
    """`YYYY-MM-DD`, a real day; None when absent. A day after today is allowed here (the reader's
    clock may be wrong); the bundled library's tests refuse it."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if not _DATE.fullmatch(value):
        raise FactsInvalid("checked must be a date written as YYYY-MM-DD")
    try:
        day = date.fromisoformat(value)
    except ValueError as error:
        raise FactsInvalid("checked is not a real date") from error
    return day


def parse_sources(items: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    sources = tuple(item.strip() for item in items)
    if len(sources) > MAX_SOURCES:
        raise FactsInvalid(f"sources lists more than {MAX_SOURCES} entries")
    for source in sources:
        reason = source_problem(source)
        if reason:
            raise FactsInvalid(f"a source {reason}")
    if len(set(sources)) != len(sources):
        raise FactsInvalid("sources repeats an entry")
    return sources


def facts_from_meta(meta: dict[str, str]) -> Facts:
    """The facts of a parsed front matter (`parse_front_matter` keeps list items one per line)."""
    raw = meta.get("sources", "")
    return Facts(parse_checked(meta.get("checked")),
                 parse_sources([line for line in raw.splitlines() if line.strip()]))


def claims(body: str) -> list[str]:
    """The pieces of `body` that read as checkable facts, in order of appearance.

    In fiction (a role-play persona, an example dialogue) a year is part of the story ("left in
    autumn 2022"), so there only laws, articles of a code and counts are taken as claims.
    """
    found = []
    for start, end, section in _sections(body):
        for index, pattern in enumerate(CLAIM_PATTERNS):
            if index == 0 and section in FICTION_SECTIONS:
                continue
            found += [(m.start(), m.group(0).strip()) for m in pattern.finditer(body, start, end)]
    return [text for _start, text in sorted(found)]


def _sections(body: str) -> list[tuple[int, int, str]]:
    """(start, end, section id) for the text before the first heading and under each `##` one."""
    marks = [(m.start(), m.group(1)) for m in _SECTION.finditer(body)]
    bounds = [(0, ""), *marks]
    ends = [m[0] for m in marks] + [len(body)]
    return [(start, end, section) for (start, section), end in zip(bounds, ends, strict=True)]


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    for candidate in range(day.day, 0, -1):
        try:
            return date(year, month + 1, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def is_stale(checked: date | None, today: date, months: int = STALE_AFTER_MONTHS) -> bool:
    """Never checked, or checked more than `months` calendar months before `today`."""
    return checked is None or checked < months_before(today, months)


def facts_html(facts: Facts) -> str:
    """The block shown at the end of an article: the check date and the sources, as plain text."""
    if facts.checked is None and not facts.sources:
        return ""
    parts = ["<hr />"]
    if facts.checked is not None:
        parts.append("<p><em>{}</em></p>".format(html.escape(
            _("Checked: {date}").format(date=format_date(facts.checked, "long")))))
    if facts.sources:
        parts.append("<h3 id=\"sources\">{}</h3>".format(html.escape(_("Sources"))))
        parts.append("<ul>{}</ul>".format("".join(
            f"<li>{html.escape(source)}</li>" for source in facts.sources)))
    return "".join(parts)
