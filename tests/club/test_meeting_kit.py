"""Issue 6: the club meeting kit: 90-minute agendas, roles, ground rules, and a safe printable page."""

from __future__ import annotations

import copy
import re

import pytest

from commsdesk.club import meetings
from commsdesk.club.meetings import (
    PART_LABELS,
    REQUIRED_PARTS,
    agenda,
    agenda_html,
    agendas,
    clock,
    ground_rules,
    roles,
)
from commsdesk.library.catalog import articles

LANGUAGES = ("ru", "en")
HOSTILE = '<script>alert("x")</script><img src="http://evil.example/x.png"> & "quotes"'


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_agenda_lasts_ninety_minutes_and_has_the_five_parts_in_order(lang):
    found = agendas(lang)
    assert len(found) >= 3
    for a in found:
        assert a.total_minutes == 90, a.id
        parts = [s.part for s in a.segments]
        assert [p for p in parts if p in REQUIRED_PARTS] == list(REQUIRED_PARTS), (a.id, parts)
        assert set(parts) <= set(PART_LABELS), a.id
        assert all(s.minutes > 0 for s in a.segments)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_segments_say_what_happens_and_who_leads(lang):
    role_ids = {r.id for r in roles(lang)}
    for a in agendas(lang):
        assert a.title and a.purpose
        for s in a.segments:
            assert s.title.strip() and len(s.what) > 20 and s.tips, (a.id, s.part)
            assert s.lead in role_ids, (a.id, s.part, s.lead)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_roles_and_ground_rules_cover_the_club_and_its_safety(lang):
    by_id = {r.id: r for r in roles(lang)}
    assert {"facilitator", "timekeeper", "observer"} <= set(by_id)
    assert all(r.title and r.summary and len(r.duties) >= 3 for r in by_id.values())
    rules = {g.id for g in ground_rules(lang)}
    assert {"confidentiality", "no-real-names", "no-recording", "phones-away", "voluntary"} <= rules
    assert all(g.title and g.text for g in ground_rules(lang))


def test_russian_and_english_are_in_parity():
    ru, en = agendas("ru"), agendas("en")
    assert [a.id for a in ru] == [a.id for a in en]
    for a, b in zip(ru, en, strict=True):
        assert a.title != b.title
        assert [(s.part, s.minutes, s.lead, s.articles, len(s.tips)) for s in a.segments] == \
               [(s.part, s.minutes, s.lead, s.articles, len(s.tips)) for s in b.segments]
        text = " ".join([a.title, a.purpose] + [s.title + s.what + "".join(s.tips) for s in a.segments])
        assert len(re.findall(r"[а-яё]", text.lower())) > len(text) * 0.5, a.id
    assert [(r.id, len(r.duties)) for r in roles("ru")] == [(r.id, len(r.duties)) for r in roles("en")]
    assert [g.id for g in ground_rules("ru")] == [g.id for g in ground_rules("en")]
    assert roles("ru")[0].title != roles("en")[0].title


@pytest.mark.parametrize("lang", LANGUAGES)
def test_technique_and_role_play_link_to_library_articles_that_exist(lang):
    library = articles(lang)
    for a in agendas(lang):
        for s in a.segments:
            assert all(i in library for i in s.articles), (a.id, s.articles)
            kinds = {library[i].kind for i in s.articles}
            if s.part == "technique":
                assert "technique" in kinds, a.id
            if s.part == "roleplay":
                assert kinds == {"roleplay"}, a.id


def test_start_times_and_lookup():
    first = agenda("first-meeting", "en")
    assert first is not None and agenda("no-such-meeting", "en") is None
    assert first.start_minutes()[:3] == [0, 15, 30]
    assert [clock(m) for m in (0, 10, 65, 90)] == ["0:00", "0:10", "1:05", "1:30"]
    assert agendas("de")[0].title == agendas("en")[0].title  # unknown languages fall back to English


@pytest.mark.parametrize("lang", LANGUAGES)
def test_printable_page_is_self_contained(lang):
    for a in agendas(lang):
        page = agenda_html(a, lang)
        assert page.startswith("<!DOCTYPE html>") and f'lang="{lang}"' in page
        assert not re.search(r"https?:|src=|url\(|<(script|img|link|iframe|object)", page, re.I)
        assert a.title in page and "90" in page
        starts = re.findall(r"<tr><td>(\d:\d\d)</td>", page)
        assert starts == [clock(m) for m in a.start_minutes()] and starts[0] == "0:00"
        assert all(r.title in page for r in roles(lang))
        assert all(g.title in page for g in ground_rules(lang))


def test_printable_page_escapes_hostile_text(monkeypatch):
    kit = copy.deepcopy(meetings._kit())
    target = kit["agendas"][0]
    target["en"]["title"] = HOSTILE
    target["segments"][0]["en"]["what"] = HOSTILE
    target["segments"][0]["en"]["tips"] = [HOSTILE]
    kit["roles"][0]["en"]["duties"] = [HOSTILE]
    kit["ground_rules"][0]["en"]["text"] = HOSTILE
    monkeypatch.setattr(meetings, "_kit", lambda: kit)
    hostile = agendas("en")[0]
    assert hostile.title == HOSTILE
    page = agenda_html(hostile, "en")
    assert "<script" not in page and "<img" not in page and 'src="' not in page
    assert page.count("&lt;script&gt;") == 6  # <title>, <h1>, what happens, tip, duty, rule
    assert "&amp; &quot;quotes&quot;" in page


def test_labels_of_the_page_are_translated(monkeypatch):
    monkeypatch.setattr(meetings, "_", lambda message: f"[{message}]")
    page = agenda_html(agendas("ru")[0], "ru")
    for label in ("Start", "Leads", "Roles", "Ground rules", "Total time: 90 min", "Check-in"):
        assert f"[{label}]" in page


def test_the_page_prints_to_pdf(qapp, tmp_path):
    from pypdf import PdfReader
    from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument

    document = QTextDocument()
    document.setHtml(agenda_html(agenda("usual-meeting", "en"), "en"))
    path = tmp_path / "agenda.pdf"
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    document.print_(writer)
    del writer  # closes the file
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    assert "A usual meeting" in " ".join(text.split())
    assert "0:30" in text and "Timekeeper" in text
