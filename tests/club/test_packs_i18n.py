"""Every pack string has a Russian translation in translations/pending/packs.po, placeholders intact."""

import gettext
import io
import re

from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from commsdesk import i18n
from commsdesk.club import pack_errors
from commsdesk.storage.errors import Msg
from helpers import ROOT

FRAGMENT = ROOT / "translations" / "pending" / "packs.po"
MAIN = ROOT / "translations" / "ru" / "LC_MESSAGES" / "commsdesk.po"
SOURCES = sorted((ROOT / "src" / "commsdesk" / "club").glob("pack*.py"))
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def catalog(path):
    with open(path, "rb") as handle:
        return read_po(handle, locale="ru")


def test_every_string_of_the_pack_modules_is_translated():
    ours = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog(FRAGMENT) if m.id}
    known = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog(MAIN) if m.id}
    marked = {text if isinstance(text, str) else text[0]
              for path in SOURCES
              for _line, text, _comments, _context in extract_from_file(
                  "python", str(path), keywords={"_": None, "N_": None, "ngettext": (1, 2)})}
    assert sorted(marked - ours - known) == []
    assert sorted(ours - marked) == []  # no stale entries


def test_translations_are_complete_with_the_same_placeholders():
    for message in catalog(FRAGMENT):
        if not message.id:
            continue
        sources = [message.id] if isinstance(message.id, str) else list(message.id)
        texts = [message.string] if isinstance(message.string, str) else list(message.string)
        assert all(texts) and len(texts) == (1 if isinstance(message.id, str) else 3), message.id
        for text in texts:
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(sources[-1])), text


def test_every_pack_error_reads_in_russian():
    buffer = io.BytesIO()
    write_mo(buffer, catalog(FRAGMENT))
    buffer.seek(0)
    russian = gettext.GNUTranslations(buffer)
    saved = dict(i18n._state)
    i18n._state["catalog"] = russian
    try:
        error = pack_errors.ArticleInvalid(article="a.md", field="body",
                                           reason=Msg("contains raw HTML; write Markdown only"))
        assert str(error) == "Статья «a.md», поле «body»: содержит HTML; пишите только на Markdown."
        for cls in vars(pack_errors).values():
            if isinstance(cls, type) and issubclass(cls, pack_errors.PackError):
                params = {name: "x" for name in re.findall(r"\{(\w+)\}", cls.msgid)}
                assert re.search("[а-я]", cls(**params).user_message()), cls
    finally:
        i18n._state.update(saved)
