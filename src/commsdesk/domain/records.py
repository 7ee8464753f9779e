"""The journal's records as plain dataclasses. `id` is None until the vault has stored a record."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

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

SCALE_MIN = 0
SCALE_MAX = 10


class _Stored(Protocol):
    id: int | None


def stored_id(record: _Stored) -> int:
    """The id of a record read from the vault or just added to it, where it is never None."""
    if record.id is None:
        raise ValueError(f"this {type(record).__name__} has not been stored")  # a bug, never shown
    return record.id


@dataclass
class MediaSource:
    kind: MediaKind
    name: str = ""


@dataclass
class Contact:
    display_name: str
    relationship: Relationship = Relationship.OTHER
    region: str = ""
    age_group: AgeGroup = AgeGroup.UNKNOWN
    channels: list[Channel] = field(default_factory=list)
    media_diet: list[MediaSource] = field(default_factory=list)
    values_interests: str = ""
    topics_to_avoid: str = ""
    safety_notes: str = ""
    tags: list[str] = field(default_factory=list)
    stay_in_touch_weeks: int | None = None
    archived: bool = False
    id: int | None = None
    uid: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    phones: list[str] = field(default_factory=list)  # only if the user chose to keep them
    address: str = ""


@dataclass
class Conversation:
    contact_id: int
    occurred_at: datetime
    channel: Channel = Channel.PHONE
    duration_minutes: int | None = None
    topics: list[str] = field(default_factory=list)
    techniques: list[str] = field(default_factory=list)  # library article ids
    notes: str = ""  # Markdown
    temperature: Temperature | None = None  # None: not said
    ending: Ending | None = None  # None: not said
    self_rating: int | None = None  # 1..5
    follow_up_on: date | None = None
    id: int | None = None
    uid: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass
class Dimension:
    """An attitude measured on the 0..10 scale; `better_when` says which way is progress."""

    name: str
    better_when: str = "higher"  # "higher" or "lower"
    key: str | None = None  # built-in dimensions only
    builtin: bool = False
    position: int = 0
    archived: bool = False
    id: int | None = None
    uid: str = ""


@dataclass
class Observation:
    contact_id: int
    dimension_id: int
    observed_on: date
    value: int  # SCALE_MIN..SCALE_MAX
    evidence: str = ""
    conversation_id: int | None = None
    id: int | None = None
    uid: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass
class PlanStep:
    title: str
    expectation: str = ""
    status: StepStatus = StepStatus.PLANNED
    due_on: date | None = None
    done_on: date | None = None
    id: int | None = None
    uid: str = ""


@dataclass
class Plan:
    contact_id: int
    goal: str
    realistic_expectation: str = ""
    status: PlanStatus = PlanStatus.ACTIVE
    started_on: date | None = None
    review_on: date | None = None
    steps: list[PlanStep] = field(default_factory=list)
    expected_months: int | None = None  # the user's own answer to the expectation check
    shared_values: str = ""
    topics_to_avoid: str = ""
    techniques: list[str] = field(default_factory=list)  # library article ids
    id: int | None = None
    uid: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass
class Reminder:
    due_on: date
    note: str = ""
    contact_id: int | None = None
    conversation_id: int | None = None
    done_at: datetime | None = None
    id: int | None = None
    uid: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass
class Reflection:
    """The user's own journal: how they are doing, what was hard, what helped."""

    written_at: datetime
    mood: int | None = None  # 1..5
    hard: str = ""
    helped: str = ""
    notes: str = ""
    contact_id: int | None = None
    id: int | None = None
    uid: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True)
class TimelineEntry:
    """One row of a person's timeline: what happened, when, and which record to open."""

    kind: str  # "conversation", "observation", "plan_step", "stage", "reminder"
    ref: int
    when: str  # ISO date or date-time, sortable
    summary: str
    detail: str = ""


@dataclass
class NarrativeResponse:
    """A narrative the person is likely to raise (a library article id) and the planned answer."""

    article_id: str
    response: str = ""


@dataclass
class TalkReview:
    """After the talk: plan and expectation against what happened, and the 0–10 view ratings."""

    outcome: str = ""
    versus_plan: str = "partly"  # "as_planned", "partly", "differently"
    versus_expectation: str = "as_expected"  # "better", "as_expected", "worse"
    dimension_id: int | None = None  # which attitude the ratings measure
    view_before: int | None = None  # SCALE_MIN..SCALE_MAX
    view_after: int | None = None
    feelings: str = ""
    reviewed_on: date | None = None
    conversation_id: int | None = None  # the journal entry the review created


@dataclass
class PrepSheet:
    """Preparation for one talk: what to aim for, how to open, what to ask, where to stop."""

    contact_id: int
    planned_for: date | None = None
    plan_id: int | None = None
    goal: str = ""
    opening: str = ""
    questions: list[str] = field(default_factory=list)
    story: str = ""
    narratives: list[NarrativeResponse] = field(default_factory=list)
    boundary: str = ""
    exit_line: str = ""
    techniques: list[str] = field(default_factory=list)  # library article ids
    review: TalkReview | None = None
    id: int | None = None
    uid: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
