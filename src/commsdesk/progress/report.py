"""The personal progress report: a self-contained page (escaped, no remote resources) for PDF."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from commsdesk.i18n import N_, _, format_date, ngettext
from commsdesk.library.catalog import title
from commsdesk.progress.figures import OverallProgress, PersonProgress
from commsdesk.progress.stats import DAYS_PER_MONTH

VERDICTS = {"too_soon": N_("begun less than a month ago: too soon to compare with what you expected"),
            "early": N_("a small win sooner than expected"), "on_time": N_("on the expected pace"),
            "not_yet": N_("no small win yet; still within the time you expected"),
            "later": N_("slower than expected: worth recalibrating")}


def elapsed(months: float) -> str:
    """How long a strategy has run, in the unit that says it: "1 day", "3 weeks", "5 months"
    (never "0 months" the day after it began)."""
    days = round(months * DAYS_PER_MONTH)
    if days < 14:
        return ngettext("{n} day", "{n} days", days).format(n=days)
    if days < 61:
        return ngettext("{n} week", "{n} weeks", days // 7).format(n=days // 7)
    return ngettext("{n} month", "{n} months", round(months)).format(n=round(months))


@dataclass(frozen=True)
class ReportPerson:
    label: str  # a name, or a relationship role when names are replaced
    progress: PersonProgress
    stage: str  # translated label, or ""
    chart: str | None = None  # name of an image resource the page embeds


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th align='left'>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table border='1' cellspacing='0' cellpadding='4' width='100%'><tr>{head}</tr>{body}</table>"


def report_html(overall: OverallProgress, people: list[ReportPerson], labels: dict[int, str],
                language: str, dimension_names: dict[int, str], scrub=lambda text: text) -> str:
    """`labels` maps contact ids to what the report calls them; `scrub` cleans free text."""
    weeks = len(overall.weeks)
    period = _("From {start} to {end}").format(start=format_date(overall.since),
                                               end=format_date(overall.weeks[-1][0]))
    parts = [_tag("h1", _("My progress")), _tag("p", period),
             "<p>" + escape(ngettext("{n} conversation", "{n} conversations", overall.talks).format(
                 n=overall.talks) + " · " + ngettext(
                 "{n} person reached", "{n} people reached", overall.people_reached).format(
                 n=overall.people_reached) + " · " + ngettext(
                 "in {n} week", "in {n} weeks", weeks).format(n=weeks)) + "</p>"]
    if overall.techniques:
        parts.append(_tag("h2", _("Techniques I used")))
        parts.append(_table([_("Technique"), _("Talks"), _("My average rating")], [
            [title(t.technique, language), str(t.times),
             "—" if t.average_rating is None else f"{t.average_rating:.1f} / 5"]
            for t in overall.techniques[:15]]))
    if overall.strategies:
        parts.append(_tag("h2", _("Expectation and outcome")))
        parts.append(_table([_("Person"), _("Expected"), _("So far"), _("Small wins"), _("Verdict")], [
            [labels.get(s.contact_id, "—"), _expected(s.expected_months),
             elapsed(s.months_so_far), str(s.wins), _(VERDICTS[s.verdict])]
            for s in overall.strategies]))
    for person in people:
        parts.append(f"<h2>{escape(person.label)}</h2>")
        if person.stage:
            parts.append(_tag("p", _("Stage of change: {stage}").format(stage=person.stage)))
        if person.chart:
            parts.append(f"<p><img src='{escape(person.chart)}' width='640'></p>")
        wins = person.progress.wins[:10]
        if wins:
            parts.append(_tag("h3", _("Small wins")) + "<ul>")
            for w in wins:
                o = w.observation
                line = f"{format_date(o.observed_on, 'medium')}: {dimension_names.get(o.dimension_id, '')}" \
                       f" {w.previous} → {o.value}" + (f" — {scrub(o.evidence)}" if o.evidence else "")
                parts.append(f"<li>{escape(line)}</li>")
            parts.append("</ul>")
    parts.append(_tag("p", _("Change this slow is easy to miss. Every small sign counts.")))
    return "<html><head><meta charset='utf-8'></head><body>" + "".join(parts) + "</body></html>"


def _tag(name: str, text: str) -> str:
    return f"<{name}>{escape(text)}</{name}>"


def _expected(months: int | None) -> str:
    if months is None:
        return "—"
    return ngettext("{n} month", "{n} months", months).format(n=months)
