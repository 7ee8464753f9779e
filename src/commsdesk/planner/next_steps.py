"""Next-step suggestions for one person, from what the vault holds about them."""

from __future__ import annotations

from datetime import date

from commsdesk.library.catalog import articles
from commsdesk.planner.suggestions import History, Suggestion, suggestions
from commsdesk.storage.conversations import ConversationFilter


def person_suggestions(vault, contact_id: int, today: date, language: str) -> list[Suggestion]:
    repos = vault.repos
    stage = repos.stage_changes.current(contact_id)
    library = articles(language)
    stage_techniques = tuple(sorted(
        a.id for a in library.values()
        if a.kind == "technique" and stage is not None and stage.stage in a.stages))
    history = History(
        today, repos.conversations.list(ConversationFilter(contact_id=contact_id), limit=50),
        repos.observations.for_contact(contact_id),
        {d.id: d.key for d in repos.dimensions.list(include_archived=True)},
        stage.stage if stage else None, stage_techniques)
    return suggestions(history, repos.dismissals.for_contact(contact_id))
