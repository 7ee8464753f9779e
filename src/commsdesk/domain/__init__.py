"""Plain dataclasses and enums for what the user records; no I/O, no Qt."""

from commsdesk.domain.enums import (
    NOT_SAID,
    AgeGroup,
    Channel,
    Ending,
    MediaKind,
    PlanStatus,
    Relationship,
    StepStatus,
    Temperature,
    label_or_not_said,
)
from commsdesk.domain.records import (
    Contact,
    Conversation,
    Dimension,
    MediaSource,
    NarrativeResponse,
    Observation,
    Plan,
    PlanStep,
    PrepSheet,
    Reflection,
    Reminder,
    TalkReview,
    TimelineEntry,
)

__all__ = [
    "NOT_SAID", "AgeGroup", "Channel", "Contact", "Conversation", "Dimension", "Ending", "MediaKind",
    "MediaSource", "NarrativeResponse", "Observation", "Plan", "PlanStatus", "PlanStep", "PrepSheet",
    "Reflection", "Relationship", "Reminder", "StepStatus", "TalkReview", "Temperature",
    "TimelineEntry", "label_or_not_said",
]
