"""Catalogs are complete and consistent; plurals and dates come from Babel."""

import gettext
import re
from datetime import date

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from commsdesk import i18n
from helpers import ROOT

PO = ROOT / "translations" / "ru" / "LC_MESSAGES" / "commsdesk.po"
MO = ROOT / "translations" / "ru" / "LC_MESSAGES" / "commsdesk.mo"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def catalog():
    with open(PO, "rb") as handle:
        return read_po(handle)


def test_template_is_up_to_date_with_the_sources(tmp_path):
    """Every string the code marks is in the catalog (run `make i18n` after adding strings)."""
    pot = tmp_path / "fresh.pot"
    CommandLineInterface().run(["pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"),
                                "-k", "N_", "-o", str(pot), str(ROOT / "src")])
    with open(pot, "rb") as handle:
        fresh = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    known = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog() if m.id}
    assert sorted(fresh - known) == []


def test_every_string_has_a_russian_translation():
    missing = [m.id for m in catalog() if m.id and (m.fuzzy or not all(
        m.string if isinstance(m.string, tuple) else (m.string,)))]
    assert missing == []


def test_placeholders_match_the_source():
    bad = []
    for m in catalog():
        if not m.id:
            continue
        source = m.id if isinstance(m.id, str) else m.id[0]
        want = sorted(PLACEHOLDER.findall(source))
        for text in m.string if isinstance(m.string, tuple) else (m.string,):
            if sorted(PLACEHOLDER.findall(text)) != want:
                bad.append((source, text))
    assert bad == []


def test_compiled_catalog_matches_the_po_file():
    with open(MO, "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for m in catalog():
        if m.id and isinstance(m.id, str):
            assert compiled.gettext(m.id) == m.string, m.id


@pytest.fixture
def russian():
    i18n.set_language("ru")
    yield
    i18n.set_language("en")


def test_russian_plurals(russian):
    forms = {n: i18n.ngettext("{n} conversation", "{n} conversations", n).format(n=n)
             for n in (1, 3, 5, 11, 21, 22, 25)}
    assert forms == {1: "1 разговор", 3: "3 разговора", 5: "5 разговоров", 11: "11 разговоров",
                     21: "21 разговор", 22: "22 разговора", 25: "25 разговоров"}


def test_dates_come_from_babel(russian):
    assert i18n.format_date(date(2026, 11, 24)) == "24 ноября 2026\u202fг."  # narrow no-break space
    i18n.set_language("en")
    assert i18n.format_date(date(2026, 11, 24)) == "November 24, 2026"


@pytest.mark.parametrize("env, expected", [
    ({"LANG": "ru_RU.UTF-8"}, "ru"), ({"LANG": "ru_UA.UTF-8"}, "ru"), ({"LANG": "ru_KZ"}, "ru"),
    ({"LANGUAGE": "ru:en", "LANG": "en_US.UTF-8"}, "ru"), ({"LANG": "de_DE.UTF-8"}, "ru"),
    ({"LANG": "en_GB.UTF-8"}, "en"), ({"LANG": "ka_GE.UTF-8"}, "ru"), ({"LANGUAGE": "de:en"}, "en"),
    ({"LC_ALL": "C", "LANG": "de_DE.UTF-8"}, "ru"),
])
def test_system_language(monkeypatch, env, expected):
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert i18n.system_language() == expected


def test_unknown_language_falls_back():
    assert i18n.set_language("xx") in i18n.SUPPORTED
    i18n.set_language("en")


def test_no_literal_message_hides_inside_an_f_string():
    """Babel's extractor does not look inside f-strings: `f"{_('text')}"` would never reach the
    catalog and stay English for ever. Translate outside the f-string instead."""
    import io
    import tokenize

    hidden = []
    for path in (ROOT / "src").rglob("*.py"):
        for token in tokenize.generate_tokens(io.StringIO(path.read_text("utf-8")).readline):
            if token.type == tokenize.STRING and token.string[:2].lower() in ("f'", 'f"', "rf", "fr") \
                    and re.search(r"\b(_|ngettext)\(\s*['\"]", token.string):
                hidden.append(f"{path.relative_to(ROOT)}:{token.start[0]}")
    assert hidden == []


def test_russian_agreement_follows_the_number(russian):
    """The verb and the noun agree with the number (the native editor's findings)."""
    warm = {n: i18n.ngettext("{warm} of {total} ended warmly or calmly",
                             "{warm} of {total} ended warmly or calmly", n).format(warm=n, total=30)
            for n in (1, 2, 5, 21)}
    assert warm == {1: "тепло или спокойно закончился 1 разговор из 30",
                    2: "тепло или спокойно закончились 2 разговора из 30",
                    5: "тепло или спокойно закончились 5 разговоров из 30",
                    21: "тепло или спокойно закончился 21 разговор из 30"}
    erased = {n: i18n.ngettext(
        "{n} earlier version of your notes will be erased for good, for example before a trip. "
        "The notes themselves stay.",
        "{n} earlier versions of your notes will be erased for good, for example before a trip. "
        "The notes themselves stay.", n).format(n=n).split(" —")[0] for n in (1, 3, 5)}
    assert erased == {1: "Навсегда будет стёрта 1 прежняя версия заметок",
                      3: "Навсегда будут стёрты 3 прежние версии заметок",
                      5: "Навсегда будет стёрто 5 прежних версий заметок"}
    already = [i18n.ngettext("{n} was already in the vault.", "{n} were already in the vault.", n).format(n=n)
               for n in (1, 2, 5)]
    assert already == ["Ещё 1 запись уже была в хранилище.", "Ещё 2 записи уже были в хранилище.",
                       "Ещё 5 записей уже было в хранилище."]
