"""Logging a conversation with its observations, and its draft, without Qt (issue 12 §1)."""

from __future__ import annotations

from datetime import datetime

import pytest

from commsdesk.domain import Conversation
from commsdesk.journal.log import (
    DRAFT,
    Rating,
    discard_draft,
    erase_earlier_versions,
    keep_draft,
    log_conversation,
)
from commsdesk.storage import errors
from helpers import add_person


def dims(vault):
    return {d.key: d.id for d in vault.repos.dimensions.list()}


def test_a_new_conversation_comes_with_its_observations_and_the_draft_goes(vault):
    person = add_person(vault)
    d = dims(vault)
    keep_draft(vault, {"notes": "half"})
    saved = log_conversation(vault, Conversation(person.id, datetime(2026, 11, 2, 18), notes="о ценах"),
                             {d["support_war"]: Rating(6, "«все врут»")}, new_draft_saved=True)
    assert vault.repos.conversations.get(saved.id).notes == "о ценах"
    [obs] = vault.repos.observations.for_conversation(saved.id)
    assert (obs.dimension_id, obs.value, obs.evidence) == (d["support_war"], 6, "«все врут»")
    assert obs.observed_on == saved.occurred_at.date()
    assert vault.repos.drafts.load(DRAFT) is None


def test_editing_updates_removes_and_adds_observations_but_leaves_unoffered_ones(vault):
    person = add_person(vault)
    d = dims(vault)
    keys = list(d)
    first, second, third = (d[k] for k in keys[:3])
    saved = log_conversation(vault, Conversation(person.id, datetime(2026, 11, 2, 18)),
                             {first: Rating(3), second: Rating(4), third: Rating(5)})
    saved.occurred_at = datetime(2026, 11, 3, 9)
    keep_draft(vault, {"notes": "another talk being typed"})
    log_conversation(vault, saved, {first: Rating(8, "изменилось")}, offered={first, second})
    by_dim = {o.dimension_id: o for o in vault.repos.observations.for_conversation(saved.id)}
    assert set(by_dim) == {first, third}  # second un-rated and offered: gone; third not offered
    assert by_dim[first].value == 8 and by_dim[first].evidence == "изменилось"
    assert by_dim[first].observed_on.isoformat() == "2026-11-03"
    assert vault.repos.drafts.load(DRAFT) == {"notes": "another talk being typed"}  # editing keeps it


def test_a_refused_observation_leaves_no_conversation(vault):
    person = add_person(vault)
    with pytest.raises(errors.VaultError):
        log_conversation(vault, Conversation(person.id, datetime(2026, 11, 2, 18), notes="x"),
                         {999_999: Rating(5)})
    assert vault.repos.conversations.count() == 0


def test_drafts_are_kept_and_discarded(vault):
    keep_draft(vault, {"notes": "черновик"})
    assert vault.repos.drafts.load(DRAFT) == {"notes": "черновик"}
    discard_draft(vault)
    assert vault.repos.drafts.load(DRAFT) is None


def test_earlier_versions_are_erased(vault):
    person = add_person(vault)
    talk = log_conversation(vault, Conversation(person.id, datetime(2026, 11, 2, 18), notes="v1"), {})
    talk.notes = "v2"
    log_conversation(vault, talk, {})
    assert erase_earlier_versions(vault) == 1
    assert vault.repos.history.versions("conversation", talk.id) == []
