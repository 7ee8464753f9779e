"""The vCard import's messages have Russian translations waiting in translations/pending/vcard.po."""

import re

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from helpers import ROOT

PENDING = ROOT / "translations" / "pending" / "vcard.po"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def test_every_vcard_message_has_a_russian_translation_with_the_same_placeholders(tmp_path):
    pot = tmp_path / "vcard.pot"
    sources = sorted(str(p) for p in (ROOT / "src" / "commsdesk" / "club").glob("vcard*.py"))
    CommandLineInterface().run(["pybabel", "-q", "extract", "-k", "N_", "-o", str(pot), *sources])
    with open(pot, "rb") as handle:
        wanted = {m.id for m in read_po(handle) if m.id}
    with open(PENDING, "rb") as handle:
        pending = {m.id: m.string for m in read_po(handle) if m.id and not m.fuzzy}
    assert wanted and sorted(wanted - set(pending)) == []
    for msgid in wanted:
        assert pending[msgid].strip(), msgid
        assert sorted(PLACEHOLDER.findall(pending[msgid])) == sorted(PLACEHOLDER.findall(msgid)), msgid
