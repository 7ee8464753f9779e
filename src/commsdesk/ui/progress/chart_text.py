"""The numbers behind the Progress charts as text: what a screen reader says for a chart."""

from __future__ import annotations

from datetime import date

from commsdesk.i18n import _, format_date, ngettext


def weekly_text(weeks: list[tuple[date, int]]) -> str:
    """"Week of 3 Nov 2026: 2 conversations" for each week that had any, oldest first."""
    busy = [(monday, n) for monday, n in weeks if n]
    if not busy:
        return _("No conversations in these weeks.")
    return "\n".join(_("Week of {day}: {talks}").format(
        day=format_date(monday, "medium"),
        talks=ngettext("{n} conversation", "{n} conversations", n).format(n=n)) for monday, n in busy)


def person_text(progress, dimension_label) -> str:
    """Each attitude's observations in order (day and value out of 10), then the talks and steps."""
    lines = []
    for dim in progress.dimensions:
        points = ", ".join(f"{format_date(o.observed_on, 'medium')}: {o.value}/10"
                           for o in progress.series[dim.id])
        lines.append(f"{dimension_label(dim)} — {points}")
    if progress.talks:
        lines.append(ngettext("{n} conversation", "{n} conversations", len(progress.talks)).format(
            n=len(progress.talks)))
    for step in progress.steps:
        state = _("done") if step.done else _("due")
        lines.append(f"{format_date(step.day, 'medium')} ({state}): {step.title}")
    return "\n".join(lines)
