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
    Observation,
    Plan,
    PlanStep,
    Reflection,
    Reminder,
    TimelineEntry,
)

__all__ = [
    "AgeGroup", "Channel", "Contact", "Conversation", "Dimension", "Ending", "MediaKind",
    "MediaSource", "Observation", "Plan", "PlanStatus", "PlanStep", "Reflection", "Relationship",
    "Reminder", "StepStatus", "Temperature", "TimelineEntry",
]
