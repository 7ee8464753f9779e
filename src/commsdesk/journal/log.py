"""Logging a conversation, with its observations, and the draft of one not yet saved."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from commsdesk.domain import Conversation, Observation

DRAFT = "conversation"  # the draft kind of the "log a conversation" dialog


@dataclass(frozen=True)
class Rating:
    """A value given to one observation dimension in the dialog."""

    value: int
    evidence: str = ""


def log_conversation(vault, conversation: Conversation, ratings: Mapping[int, Rating],
                     offered: Collection[int] | None = None, *, new_draft_saved: bool = False
                     ) -> Conversation:
    """In one transaction: the conversation (added, or updated when it has an id) and its
    observations: one per rated dimension; an earlier one of a dimension offered (`offered`:
    the dimensions the user saw, all when None) and no longer rated goes. `new_draft_saved`:
    the dialog's draft became this conversation, so it is discarded."""
    repos = vault.repos
    with vault.transaction():
        saved = (repos.conversations.update(conversation) if conversation.id
                 else repos.conversations.add(conversation))
        earlier = {o.dimension_id: o for o in repos.observations.for_conversation(saved.id)} \
            if conversation.id else {}
        day = saved.occurred_at.date()
        for dimension_id, old in earlier.items():
            if dimension_id not in ratings and (offered is None or dimension_id in offered):
                repos.observations.delete(old.id)
        for dimension_id, rating in ratings.items():
            old = earlier.get(dimension_id)
            if old is None:
                repos.observations.add(Observation(saved.contact_id, dimension_id, day,
                                                   rating.value, rating.evidence, saved.id))
            else:
                old.value, old.evidence, old.observed_on = rating.value, rating.evidence, day
                repos.observations.update(old)
        if new_draft_saved:
            repos.drafts.discard(DRAFT)
    return saved


def keep_draft(vault, values: dict[str, Any]) -> None:
    """What was typed and not saved, inside the vault (on cancel, close or lock)."""
    vault.repos.drafts.save(DRAFT, values)


def discard_draft(vault) -> None:
    vault.repos.drafts.discard(DRAFT)


def erase_earlier_versions(vault) -> int:
    """Erase every earlier version of the notes for good (before a trip); returns how many."""
    return vault.repos.history.purge()
