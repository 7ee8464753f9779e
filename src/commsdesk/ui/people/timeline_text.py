"""Words for a timeline row, in the user's language."""

from __future__ import annotations

from datetime import date

from commsdesk.domain import Channel, StepStatus, TimelineEntry
from commsdesk.i18n import _, format_date
from commsdesk.storage.observations import BUILTIN_LABELS


def _when(value: str) -> str:
    return format_date(date.fromisoformat(value[:10]), "medium")


def describe(entry: TimelineEntry, dimension_keys: dict[str, str | None]) -> tuple[str, str, str]:
    if entry.kind == "conversation":
        channel = Channel(entry.summary) if entry.summary in Channel._value2member_map_ else None
        what = _("Conversation") + (f" · {_(channel.label)}" if channel else "")
    elif entry.kind == "observation":
        name, _sep, value = entry.summary.rpartition(": ")
        key = dimension_keys.get(name)
        label = _(BUILTIN_LABELS[key]) if key in BUILTIN_LABELS else name
        what = _("Observation") + f" · {label}: {value}/10"
    elif entry.kind == "plan_step":
        status = StepStatus(entry.summary) if entry.summary in StepStatus._value2member_map_ else None
        what = _("Plan step") + (f" · {_(status.label)}" if status else "")
    elif entry.kind == "stage":
        from commsdesk.planner.stages import Stage

        stage = Stage(entry.summary) if entry.summary in Stage._value2member_map_ else None
        what = _("Stage of change") + (f" · {_(stage.label)}" if stage else "")
    else:
        what = _("Reminder") + (" · " + _("done") if entry.summary == "done" else "")
    return _when(entry.when), what, entry.detail
