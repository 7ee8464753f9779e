"""Progress: slow change made visible, for everyone or one person; a report to keep as PDF."""

from __future__ import annotations

from datetime import date

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commsdesk.i18n import _, current_language, format_date, ngettext
from commsdesk.library.catalog import title
from commsdesk.planner.stages import Stage
from commsdesk.progress.figures import OverallProgress, PersonProgress, overall_progress, person_progress
from commsdesk.progress.report import VERDICTS, elapsed
from commsdesk.ui.controls import LazyCombo, inform
from commsdesk.ui.widgets import heading, hint, mark_vault_data, message
from commsdesk.ui.widgets.contacts import contact_labels, people_choices


def _table(headers: list[str], rows: list[list[str]], name: str) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    mark_vault_data(table)
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.resizeColumnsToContents()
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, len(headers)):
        table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    table.setMinimumHeight(min(320, 40 + 30 * max(1, len(rows))))
    return table


class ProgressPage(QWidget):
    loaded = Signal()  # the shown figures are on screen (tests and benchmarks wait for it)

    def __init__(self, controller, vault, workspace):
        super().__init__()
        mark_vault_data(self)
        self.controller, self.vault, self.workspace = controller, vault, workspace
        self.person = LazyCombo(_("Whose progress"), self._people)
        self.person.add(_("Everyone"), None)
        self.person.setMinimumContentsLength(22)
        self.person.setSizeAdjustPolicy(LazyCombo.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.person.currentIndexChanged.connect(lambda _i: self.refresh())
        self.roles = QCheckBox(_("Replace names by relationship roles"))
        self.roles.setChecked(True)
        report = QPushButton(_("Export report to PDF…"))
        report.clicked.connect(self.export_report)
        top = QHBoxLayout()
        top.addWidget(heading(_("Progress")))
        top.addStretch(1)
        top.addWidget(self.person)
        top.addWidget(report)
        top.addWidget(self.roles)
        self.body = QWidget()
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.scroll, 1)
        self.chart = None
        self.shown: OverallProgress | PersonProgress | None = None

    def _labels(self, ids: list[int] | None = None) -> dict[int, str]:
        return contact_labels(self.vault, self.controller.settings.discreet_mode, ids)

    def _people(self) -> list[tuple[str, object]]:
        return [(_("Everyone"), None), *people_choices(self.vault, self.controller.settings.discreet_mode)]

    def person_in_view(self) -> int | None:
        return self.person.value()

    def show_person(self, contact_id: int | None) -> None:
        if contact_id is not None and not self.person.set_value(contact_id):
            name = self._labels([contact_id]).get(contact_id, "")
            self.person.add(name, contact_id)
            self.person.set_value(contact_id)
        elif contact_id is None:
            self.person.set_value(None)

    # -- loading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        contact_id = self.person.value()
        today = date.today()
        if contact_id is None:
            work = lambda: overall_progress(self.vault, today)  # noqa: E731
        else:
            work = lambda: person_progress(self.vault, contact_id)  # noqa: E731
        if self.shown is None:  # the first load: say so, rather than an empty panel
            self._loading()
        self.controller.tasks.run(work, self._show, self._failed)

    def _new_body(self) -> QVBoxLayout:
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.body = QWidget()
        mark_vault_data(self.body)
        return QVBoxLayout(self.body)

    def _loading(self) -> None:
        layout = self._new_body()
        layout.addStretch(1)
        self.loading_note = hint(_("Counting conversations and small wins…"))
        self.loading_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bar = QProgressBar()
        bar.setRange(0, 0)
        bar.setTextVisible(False)
        bar.setMaximumWidth(320)
        bar.setAccessibleName(_("Loading"))
        layout.addWidget(self.loading_note)
        layout.addWidget(bar, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.scroll.setWidget(self.body)

    def _failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        from commsdesk.storage.errors import describe

        self.shown = None
        layout = self._new_body()
        layout.addWidget(message(describe(exc)))
        layout.addStretch(1)
        self.scroll.setWidget(self.body)

    def _show(self, figures) -> None:
        if not shiboken6.isValid(self):
            return  # locked meanwhile
        self.shown = figures
        layout = self._new_body()
        if isinstance(figures, OverallProgress):
            self._fill_overall(layout, figures)
        else:
            self._fill_person(layout, figures)
        layout.addStretch(1)
        self.scroll.setWidget(self.body)
        self.loaded.emit()

    def _fill_overall(self, layout: QVBoxLayout, f: OverallProgress) -> None:
        from commsdesk.ui.progress.charts import WeeklyChart

        weeks = len(f.weeks)
        layout.addWidget(QLabel(
            ngettext("{n} conversation", "{n} conversations", f.talks).format(n=f.talks) + " · "
            + ngettext("{n} person reached", "{n} people reached", f.people_reached).format(
                n=f.people_reached) + " · " + ngettext("in {n} week", "in {n} weeks", weeks).format(n=weeks)))
        self.chart = WeeklyChart(f.weeks)
        self.chart.setMinimumHeight(220)
        layout.addWidget(self.chart)
        layout.addWidget(hint(_("No targets and no streaks: a quiet month is allowed. What matters "
                                "is the direction over many months.")))
        layout.addWidget(heading(_("Techniques I used"), 3))
        if f.techniques:
            layout.addWidget(_table([_("Technique"), _("Talks"), _("My average rating")], [
                [title(t.technique, current_language()), str(t.times),
                 "—" if t.average_rating is None else f"{t.average_rating:.1f} / 5"]
                for t in f.techniques], _("Techniques I used")))
        else:
            layout.addWidget(hint(_("Techniques you note in the journal appear here.")))
        layout.addWidget(heading(_("Expectation and outcome"), 3))
        if f.strategies:
            names = self._labels([s.contact_id for s in f.strategies])
            layout.addWidget(_table([_("Person"), _("Expected"), _("So far"), _("Small wins"),
                                     _("Verdict")], [
                [names.get(s.contact_id, "—"), "—" if s.expected_months is None else ngettext(
                    "{n} month", "{n} months", s.expected_months).format(n=s.expected_months),
                 elapsed(s.months_so_far), str(s.wins), _(VERDICTS[s.verdict])]
                for s in f.strategies], _("Expectation and outcome")))
        else:
            layout.addWidget(hint(_("Strategies from the Planner appear here, with the time you "
                                    "expected against what happened.")))
        if f.reviews:
            layout.addWidget(QLabel(_("After-talk reviews: {better} better than expected, {same} as "
                                      "expected, {worse} worse").format(
                better=f.reviews.get("better", 0), same=f.reviews.get("as_expected", 0),
                worse=f.reviews.get("worse", 0))))

    def _fill_person(self, layout: QVBoxLayout, p: PersonProgress) -> None:
        from commsdesk.ui.progress.charts import PersonChart

        if not p.dimensions and not p.talks:
            self.chart = None
            layout.addWidget(hint(_("Nothing observed yet. Note how their views move after each "
                                    "talk (0–10), and the chart grows here.")))
            return
        layout.addWidget(QLabel(_("Hover over a point to see what you noticed.")))
        self.chart = PersonChart(p)
        self.chart.setMinimumHeight(170 * max(1, len(p.dimensions)) + 110)
        layout.addWidget(self.chart)
        layout.addWidget(heading(_("Small wins"), 3))
        wins = QListWidget()
        mark_vault_data(wins)
        wins.setAccessibleName(_("Small wins"))
        dims = {d.id: d for d in p.dimensions}
        from commsdesk.ui.progress.charts import dimension_label

        for w in p.wins:
            o = w.observation
            wins.addItem(f"{format_date(o.observed_on, 'medium')} · {dimension_label(dims[o.dimension_id])}"
                         f": {w.previous} → {o.value}" + (f" — {o.evidence}" if o.evidence else ""))
        if not p.wins:
            wins.addItem(_("No small wins yet. They take months; keep noting small signs."))
        wins.setMaximumHeight(180)
        layout.addWidget(wins)
        if p.stages:
            layout.addWidget(heading(_("Stages of change"), 3))
            layout.addWidget(QLabel("\n".join(
                f"{format_date(s.changed_on, 'medium')}: {_(Stage(s.stage).label)}"
                + (f" — {s.evidence}" if s.evidence else "") for s in p.stages)))

    # -- report ----------------------------------------------------------------------------
    def export_report(self) -> None:
        from commsdesk.ui.pdf import choose_pdf_path
        from commsdesk.ui.reauth import confirm_plaintext

        confirm_plaintext(self.controller, self, lambda: choose_pdf_path(
            self, _("progress-report.pdf"), self.write_report))

    def write_report(self, path) -> None:
        from commsdesk.ui.progress.report import build_report

        try:
            build_report(self.vault, path, self.roles.isChecked(), self.controller.settings)
        except OSError:
            inform(self, _("Export to PDF"), _("The PDF could not be written there."), True)
