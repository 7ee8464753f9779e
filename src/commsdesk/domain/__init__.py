"""Plain dataclasses and enums for what the user records; no I/O, no Qt."""

from commsdesk.domain.enums import (
    AgeGroup,
    Channel,
    Ending,
    MediaKind,
    PlanStatus,
    Relationship,
    StepStatus,
    Temperature,
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
    "AgeGroup", "Channel", "Contact", "Conversation", "Dimension", "Ending", "MediaKind",
    "MediaSource", "NarrativeResponse", "Observation", "Plan", "PlanStatus", "PlanStep", "PrepSheet",
    "Reflection", "Relationship", "Reminder", "StepStatus", "TalkReview", "Temperature",
    "TimelineEntry",
]
