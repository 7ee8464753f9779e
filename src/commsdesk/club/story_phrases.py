"""Phrases a story card is written with, in the card's own language (which may differ from the UI's):
relationship roles, generalised regions, relative times and spans ("через три месяца", "за год")."""

from __future__ import annotations

import gettext as _gettext
from datetime import date

from commsdesk.domain import Relationship
from commsdesk.i18n import DOMAIN, SUPPORTED
from commsdesk.paths import translations_dir
from commsdesk.progress.stats import DAYS_PER_MONTH

_CATALOGS: dict[str, _gettext.NullTranslations] = {}


def catalog(language: str) -> _gettext.NullTranslations:
    """The compiled catalog of `language` (English text for an unknown one), read once."""
    if language not in _CATALOGS:
        languages = [language] if language in SUPPORTED else ["en"]
        _CATALOGS[language] = _gettext.translation(DOMAIN, str(translations_dir()), languages,
                                                   fallback=True)
    return _CATALOGS[language]


class Phrases:
    """`_` and `ngettext` bound to one language's catalog (Babel extracts the calls below)."""

    def __init__(self, language: str):
        self.language = language if language in SUPPORTED else "en"
        self._catalog = catalog(language)

    def _(self, message: str) -> str:
        return self._catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalog.ngettext(singular, plural, n)

    def number(self, n: int) -> str:
        """1–12 as words ("три"), larger numbers as digits formatted by Babel."""
        # Translators: twelve words separated by spaces, in the form that goes with "месяц" and "год".
        words = self._("one two three four five six seven eight nine ten eleven twelve").split()
        if 1 <= n <= 12 and len(words) == 12:
            return words[n - 1]
        from babel import numbers

        return numbers.format_decimal(n, locale=self.language)

    def role(self, relationship: Relationship) -> str:
        """What a name becomes in a story: "моя мама", "a friend"."""
        roles = {
            Relationship.MOTHER: self._("my mother"),
            Relationship.FATHER: self._("my father"),
            Relationship.SIBLING: self._("my brother or sister"),
            Relationship.PARTNERS_PARENT: self._("my partner's parent"),
            Relationship.GRANDPARENT: self._("my grandparent"),
            Relationship.OTHER_RELATIVE: self._("a relative"),
            Relationship.FRIEND: self._("a friend"),
            Relationship.FORMER_COWORKER: self._("a former co-worker"),
            Relationship.NEIGHBOUR: self._("a neighbour"),
            Relationship.OTHER: self._("someone I know"),
        }
        return roles.get(relationship, roles[Relationship.OTHER])

    def region(self, preposition: str = "") -> str:
        """A region made general; `preposition` is "in" or "from" when the text had one."""
        if preposition == "in":
            return self._("in a region of Russia")
        if preposition == "from":
            return self._("from a region of Russia")
        return self._("a region of Russia")

    def placeholder(self, kind: str) -> str:
        """What an exact detail becomes: a phone number, an e-mail, an address, a date."""
        return {
            "phone": self._("[phone number]"),
            "email": self._("[e-mail]"),
            "address": self._("[address]"),
            "handle": self._("[messenger account]"),
            "military_unit": self._("a military unit"),
            "hospital": self._("a hospital"),
            "plate": self._("[car number]"),
        }.get(kind, self._("one day"))

    def person(self, gender: str = "") -> str:
        """A person the vault does not know: "одна знакомая", "someone I know"."""
        if gender == "femn":
            return self._("a woman I know")
        if gender == "masc":
            return self._("a man I know")
        return self._("someone I know")

    def town(self) -> str:
        """A place the vault does not know: "один из городов", "a town"."""
        return self._("a town")


def _months(start: date, end: date) -> int:
    return round((end - start).days / DAYS_PER_MONTH)


def relative_time(start: date, when: date, language: str) -> str:
    """When something happened, counted from the start: "в первый месяц", "after three months"."""
    p = Phrases(language)
    days = (when - start).days
    if days < 0:
        return p._("before the first conversation")
    if days < 7:
        return p._("in the first days")
    if days < 30:
        return p._("in the first month")
    months = _months(start, when)
    if months <= 1:
        return p._("after a month")
    if months < 12:
        return p.ngettext("after {n} month", "after {n} months", months).format(n=p.number(months))
    if months < 15:
        return p._("after a year")
    if months < 21:
        return p._("after a year and a half")
    years = round(months / 12)
    return p.ngettext("after {n} year", "after {n} years", years).format(n=p.number(years))


def span_phrase(start: date, end: date, language: str) -> str:
    """How long a journey took: "за четыре месяца", "over a year and a half"."""
    p = Phrases(language)
    days = (end - start).days
    if days < 7:
        return p._("within a few days")
    if days < 45:
        return p._("over a month")
    months = _months(start, end)
    if months < 12:
        return p.ngettext("over {n} month", "over {n} months", months).format(n=p.number(months))
    if months < 15:
        return p._("over a year")
    if months < 21:
        return p._("over a year and a half")
    years = round(months / 12)
    return p.ngettext("over {n} year", "over {n} years", years).format(n=p.number(years))


def month_label(month: str, language: str) -> str:
    """ "2026-11" as the reader says it: "ноябрь 2026", "November 2026"."""
    from babel import dates

    year, number = (int(part) for part in month.split("-"))
    return dates.format_date(date(year, number, 1), "LLLL yyyy", locale=Phrases(language).language)
