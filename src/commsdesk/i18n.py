"""The only place that knows the locale: gettext catalogs, Babel dates, numbers and plurals."""

from __future__ import annotations

import contextlib
import gettext as _gettext
import os
from typing import TYPE_CHECKING

from commsdesk.paths import translations_dir

if TYPE_CHECKING:
    from datetime import date, datetime, time

    from babel import Locale

DOMAIN = "commsdesk"
SUPPORTED = ("ru", "en")
DEFAULT = "ru"


class _State:
    """The active language and its catalog; one instance, changed only by set_language()."""

    lang: str = DEFAULT
    catalog: _gettext.NullTranslations = _gettext.NullTranslations()


_state = _State()


def system_language() -> str:
    """The first of Russian or English the system's locale asks for; Russian when it asks for
    neither (an emigrant's German or Georgian laptop: the app is written for Russian speakers)."""
    candidates = [os.environ.get(v, "") for v in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")]
    import locale

    with contextlib.suppress(ValueError):
        candidates.append(locale.getlocale()[0] or "")
    for raw in candidates:
        codes = [part.split(".")[0].split("@")[0].replace("-", "_").lower() for part in raw.split(":")]
        languages = [code.split("_")[0] for code in codes if code and code not in ("c", "posix")]
        if languages:  # the first variable that names a language decides
            return next((lang for lang in languages if lang in SUPPORTED), DEFAULT)
    return DEFAULT


def set_language(lang: str) -> str:
    """Activate a catalog; unknown codes fall back to the system choice. Returns the code used."""
    if lang not in SUPPORTED:
        lang = system_language()
    # Plain gettext reads the compiled catalog; Babel (slow to import) waits until a date is shown.
    catalog = _gettext.translation(DOMAIN, str(translations_dir()), [lang], fallback=True)
    _state.lang = lang
    _state.catalog = catalog
    return lang


def current_language() -> str:
    return _state.lang


def babel_locale() -> Locale:
    from babel import Locale

    return Locale.parse(current_language())


def _(message: str) -> str:
    return _state.catalog.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _state.catalog.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction; translate it later with _()."""
    return message


def format_date(value: date, style: str = "long") -> str:
    from babel import dates

    return dates.format_date(value, format=style, locale=babel_locale())


def format_datetime(value: datetime, style: str = "medium") -> str:
    from babel import dates

    return dates.format_datetime(value, format=style, locale=babel_locale())


def format_time(value: datetime | time, style: str = "short") -> str:
    from babel import dates

    return dates.format_time(value, format=style, locale=babel_locale())


def format_number(value: float) -> str:
    from babel import numbers

    return numbers.format_decimal(value, locale=babel_locale())


def format_timedelta(seconds: float) -> str:
    from datetime import timedelta

    from babel import dates

    return dates.format_timedelta(timedelta(seconds=seconds), locale=babel_locale())
