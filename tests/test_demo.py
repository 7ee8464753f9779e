"""The demo journal: complete, realistic in shape, slow-moving, deterministic and written all at once."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest

from commsdesk.demo import populate
from commsdesk.storage import Vault
from commsdesk.storage.contacts import ContactFilter
from commsdesk.storage.conversations import ConversationFilter
from helpers import ROOT

TODAY = date(2026, 11, 24)
BUILTIN = ("support_war", "trust_state_media", "openness", "understands_leaving")


def _vault(path, today: date | None = TODAY) -> Vault:
    vault = Vault.create(path, "correct horse battery", level=0, allow_testing_level=True)
    if today is not None:
        populate(vault, today)
    return vault


@pytest.fixture
def demo(tmp_path):
    vault = _vault(tmp_path / "demo.commsdesk")
    yield vault
    vault.close()


def _series(vault) -> dict[tuple[int, int], list[int]]:
    out: dict[tuple[int, int], list[int]] = {}
    for contact in vault.repos.contacts.list(ContactFilter(archived=None)):
        for obs in vault.repos.observations.for_contact(contact.id):
            out.setdefault((contact.id, obs.dimension_id), []).append(obs.value)
    return out


def test_contacts_cover_relationships_and_one_is_archived(demo):
    contacts = demo.repos.contacts
    everyone = contacts.list(ContactFilter(archived=None))
    assert 10 <= len(everyone) <= 14
    assert len({c.relationship for c in everyone}) >= 6
    assert contacts.count(ContactFilter(archived=True)) == 1
    assert sum(c.stay_in_touch_weeks is not None for c in everyone) >= 3
    assert all(c.channels and c.media_diet for c in everyone)
    assert any("в мессенджерах" in c.safety_notes for c in everyone)


def test_conversations_span_months_and_everyone_active_is_talked_to(demo):
    convs = demo.repos.conversations
    assert 60 <= convs.count() <= 110
    counts = []
    for contact in demo.repos.contacts.list(ContactFilter(archived=None)):
        n = convs.count(ConversationFilter(contact_id=contact.id))
        counts.append(n)
        if not contact.archived:
            assert n >= 1, contact.display_name
    assert max(counts) >= 12 and min(counts) <= 3
    talks = convs.list(limit=1000)
    assert all(TODAY - timedelta(days=250) <= t.occurred_at.date() < TODAY for t in talks)
    assert all(1 <= t.self_rating <= 5 and t.notes.strip() for t in talks)
    assert all(t.temperature is not None and t.ending is not None for t in talks)  # said, each


def test_techniques_are_library_articles(demo):
    used = {t for conv in demo.repos.conversations.list(limit=1000) for t in conv.techniques}
    assert len(used) >= 12
    for technique in used:
        assert (ROOT / "resources" / "library" / "ru" / f"{technique}.md").is_file(), technique


def test_observations_cover_dimensions_and_move_slowly(demo):
    dims = demo.repos.dimensions
    observed = {o.dimension_id for o in demo.repos.observations.list_all(limit=10_000)}
    for key in BUILTIN:
        assert dims.by_key(key).id in observed
    custom = [d for d in dims.list() if not d.builtin]
    assert [d.name for d in custom] == ["Доверие ко мне"] and custom[0].id in observed
    series = _series(demo)
    for values in series.values():
        assert all(abs(a - b) <= 2 for a, b in pairwise(values)), values
    long = [v for v in series.values() if len(v) >= 3]
    assert any(len(set(v)) == 1 for v in long)  # someone does not move at all
    assert any(v != sorted(v) and v != sorted(v, reverse=True) for v in long)  # setbacks happen
    for obs in demo.repos.observations.list_all(limit=10_000):
        assert obs.conversation_id is not None and obs.evidence and obs.observed_on < TODAY


def test_follow_ups_reminders_plans_and_reflections(demo):
    repos = demo.repos
    assert repos.conversations.follow_ups_due(TODAY)
    assert any(c.follow_up_on and c.follow_up_on > TODAY for c in repos.conversations.list(limit=1000))
    reminders = repos.reminders.list_all()
    assert 5 <= len(reminders) <= 8
    assert repos.reminders.due(TODAY)
    assert any(r.done_at for r in reminders) and any(r.due_on > TODAY and not r.done_at for r in reminders)
    plans = repos.plans.list_all()
    assert 4 <= len(plans) <= 6 and len({p.status for p in plans}) >= 3
    assert all(2 <= len(p.steps) <= 5 for p in plans)
    reflections = repos.reflections.list()
    assert 4 <= len(reflections) <= 6 and all(1 <= r.mood <= 5 for r in reflections)


def test_search_finds_russian_words_across_inflections(demo):
    hits = demo.repos.search.run("телевизор")
    assert hits and any(h.kind == "conversation" for h in hits)


def test_deterministic_and_relative_to_today(tmp_path):
    first, second = _vault(tmp_path / "a.commsdesk"), _vault(tmp_path / "b.commsdesk", TODAY + timedelta(10))
    try:
        a = first.repos.conversations.list(limit=1000)
        b = second.repos.conversations.list(limit=1000)
        assert [c.notes for c in a] == [c.notes for c in b]
        assert [c.occurred_at + timedelta(10) for c in a] == [c.occurred_at for c in b]
        assert _series(first) == _series(second)
    finally:
        first.close()
        second.close()


def test_refuses_a_vault_that_is_not_empty(demo):
    before = demo.repos.conversations.count()
    with pytest.raises(ValueError):
        populate(demo, TODAY)
    assert demo.repos.conversations.count() == before


def test_all_or_nothing(tmp_path, monkeypatch):
    vault = _vault(tmp_path / "broken.commsdesk", today=None)
    try:
        def fail(*_args, **_kwargs):
            raise RuntimeError("disk trouble")

        monkeypatch.setattr(vault.repos.reflections, "add", fail)
        with pytest.raises(RuntimeError):
            populate(vault, TODAY)
        assert vault.repos.contacts.count(ContactFilter(archived=None)) == 0
        assert vault.repos.conversations.count() == 0
        assert [d for d in vault.repos.dimensions.list() if not d.builtin] == []
    finally:
        vault.close()


def test_the_latest_talks_do_not_all_read_calm(demo):
    """The issue on forms you can trust: "every talk in the demo overview reads «Спокойно»". The
    Overview shows the eight latest talks; real talks about the war are not all calm."""
    latest = demo.repos.conversations.list(limit=8)
    assert len({t.temperature for t in latest}) >= 3
