"""After the talk: the review is saved with its prep sheet, and becomes a journal entry."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from commsdesk.domain import Conversation, Ending, Observation, PrepSheet, TalkReview, Temperature
from commsdesk.i18n import _


def journal_notes(sheet: PrepSheet, review: TalkReview) -> str:
    """The journal entry's notes, prefilled from the prep sheet and the review (Markdown)."""
    lines = []
    for label, text in ((_("Goal for this talk"), sheet.goal), (_("What happened"), review.outcome),
                        (_("Opening"), sheet.opening), (_("A story to tell"), sheet.story),
                        (_("How I felt"), review.feelings)):
        if text.strip():
            lines += [f"**{label}:** {text.strip()}", ""]
    if sheet.questions:
        lines += ["**" + _("Questions to ask") + ":**", *(f"- {q}" for q in sheet.questions if q.strip()), ""]
    return "\n".join(lines).strip()


def complete_review(vault, sheet: PrepSheet, review: TalkReview, occurred_at: datetime,
                    temperature: Temperature | None = None,
                    ending: Ending | None = None) -> PrepSheet:
    """In one transaction: the journal entry, the 'after' rating as an observation, the review."""
    review = replace(review, reviewed_on=review.reviewed_on or date.today())
    with vault.transaction():
        talk = vault.repos.conversations.add(Conversation(
            sheet.contact_id, occurred_at, techniques=list(sheet.techniques),
            notes=journal_notes(sheet, review), temperature=temperature, ending=ending))
        if review.dimension_id is not None and review.view_after is not None:
            vault.repos.observations.add(Observation(
                sheet.contact_id, review.dimension_id, occurred_at.date(), review.view_after,
                _("After the talk (before it: {before})").format(
                    before="—" if review.view_before is None else review.view_before),
                talk.id))
        sheet.review = replace(review, conversation_id=talk.id)
        return vault.repos.prep_sheets.update(sheet)
