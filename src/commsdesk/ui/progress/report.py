"""Build the progress report PDF: the figures, each strategy's person with a chart image."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from commsdesk.i18n import _, current_language
from commsdesk.planner.stages import Stage
from commsdesk.planner.templates import scrub_private
from commsdesk.progress.figures import overall_progress, person_progress
from commsdesk.progress.report import ReportPerson, report_html
from commsdesk.ui.pdf import write_pdf

MAX_PEOPLE = 20


def build_report(vault, path: Path, roles: bool, settings=None) -> str:
    """Write the PDF and return its HTML (for tests). With `roles`, no name appears anywhere:
    people are called by their relationship, and names in free text are replaced by "…"."""
    from commsdesk.ui.progress.charts import PersonChart, dimension_label

    repos = vault.repos
    overall = overall_progress(vault, date.today())
    contacts = {c.id: c for c in (repos.contacts.get(cid) for cid in
                                  {s.contact_id for s in overall.strategies})}
    private = [w for c in repos.contacts.list(limit=100_000) for w in (c.display_name, c.region)
               if w] if roles else []
    labels = {cid: (_(c.relationship.label) if roles else c.display_name) for cid, c in contacts.items()}
    dims = {d.id: dimension_label(d) for d in repos.dimensions.list(include_archived=True)}
    people, images = [], {}
    for index, cid in enumerate(list(contacts)[:MAX_PEOPLE]):
        progress = person_progress(vault, cid)
        stage = repos.stage_changes.current(cid)
        chart_name = None
        if progress.dimensions:
            chart = PersonChart(progress)
            chart.resize(900, 160 * len(progress.dimensions) + 110)
            chart_name = f"chart-{index}.png"
            images[chart_name] = chart.grab().toImage()
            chart.deleteLater()
        people.append(ReportPerson(labels[cid], progress, _(Stage(stage.stage).label) if stage else "",
                                   chart_name))
    html = report_html(overall, people, labels, current_language(), dims,
                       lambda text: scrub_private(text, private) if roles else text)
    write_pdf(html, path, images)
    return html
