"""Story cards, all in one place for the Club screens: the card, drafts from the vault, the checks,
the file (export, import) and the Markdown rendering. The work is done in the story_* modules."""

from __future__ import annotations

from commsdesk.club.story_card import (
    EXTENSION,
    FORMAT,
    MAX_BYTES,
    VERSION,
    StoryCard,
    StorySource,
    check_card,
    searchable_texts,
)
from commsdesk.club.story_drafts import StoryDraft, draft_from_conversation, draft_from_journey
from commsdesk.club.story_file import StoryCardInvalid, export_card, read_card
from commsdesk.club.story_markdown import card_markdown

__all__ = ["EXTENSION", "FORMAT", "MAX_BYTES", "VERSION", "StoryCard", "StoryCardInvalid", "StoryDraft",
           "StorySource", "card_markdown", "check_card", "draft_from_conversation", "draft_from_journey",
           "export_card", "read_card", "searchable_texts"]
