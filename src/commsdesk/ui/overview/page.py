"""Overview, a calm dashboard: what is due, who has gone quiet, the latest talks, the recent small
wins; each card with a count, and when empty, what to do next. A vault with nobody in it yet
shows one card: add the first person."""

from __future__ import annotations

from datetime import date

import shiboken6
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from commsdesk.i18n import _, format_date, format_datetime, ngettext
from commsdesk.journal.overview import OverviewData, overview_data
from commsdesk.storage.observations import BUILTIN_LABELS
from commsdesk.ui import theme
from commsdesk.ui.icons import icon
from commsdesk.ui.overview.cards import Card
from commsdesk.ui.widgets import heading, hint, mark_vault_data

HIDDEN = "•••"
FIRST_ARTICLE = "technique-listening-oars"  # where a new user is pointed in the Library


class OverviewPage(QScrollArea):
    def __init__(self, controller, vault, workspace):
        super().__init__()
        mark_vault_data(self)
        self.controller, self.vault, self.workspace = controller, vault, workspace
        self._generation = 0
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setSpacing(12)
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(heading(_("Overview")))
        self.today = hint("")
        titles.addWidget(self.today)
        top.addLayout(titles, 1)
        log = QPushButton(icon("log"), _("Log a conversation"))
        log.clicked.connect(lambda: workspace.log_conversation())
        top.addWidget(log)
        layout.addLayout(top)
        alert = theme.colors(controller.settings.theme)["alert"]
        self.start = Card("add_person", _("Add your first person"), _(
            "Start with one person you want to talk with. A nickname is enough: nobody needs to "
            "know who “Aunt O.” is. Then log your talks and plan small, realistic steps."),
            self._open, ("add_person", _("Add a person"), workspace.add_person))
        self.read = Card("article", _("Before the first talk"), _(
            "Ten minutes of reading helps: listening well, and questions instead of arguments."),
            self._open, ("article", _("Open the Library"),
                         lambda: workspace.open_article(FIRST_ARTICLE)))
        self.due = Card("due", _("Follow-ups and reminders"), _("Nothing is due. Well done."),
                        self._open, alert=alert)
        self.quiet = Card("quiet", _("Not talked to for a while"), _(
            "You have been in touch with everyone recently."), self._open)
        self.latest = Card("talks", _("Latest conversations"), _(
            "No conversations yet. After your next talk, write down how it went: a few lines "
            "are enough."), self._open, ("log", _("Log a conversation"),
                                         lambda: workspace.log_conversation()))
        self.wins = Card("wins", _("Recent small wins"), _(
            "Small wins appear here when an observation moves the right way. Change is slow: "
            "months, not days."), self._open, ("plan", _("Plan a small win"),
                                               self._plan))
        starting = QHBoxLayout()
        starting.addWidget(self.start, 3)
        starting.addWidget(self.read, 2)
        self.starting = QWidget()
        self.starting.setLayout(starting)
        starting.setContentsMargins(0, 0, 0, 0)
        self.starting.setVisible(False)
        self.starting.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout.addWidget(self.starting)
        grid = QGridLayout()
        grid.setSpacing(12)
        grid.addWidget(self.due, 0, 0)
        grid.addWidget(self.quiet, 0, 1)
        grid.addWidget(self.latest, 1, 0)
        grid.addWidget(self.wins, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.cards = QWidget()
        self.cards.setLayout(grid)
        self.cards.setVisible(False)  # until the first figures arrive from the worker
        grid.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.cards, 1)
        layout.addStretch(0)
        self.setWidget(body)

    def _plan(self) -> None:
        self.workspace.open_planner()  # sections never import each other or the workspace

    def _open(self, kind: str, ref: int, contact_id: int | None) -> None:
        self.workspace.open_record(kind, ref, contact_id)

    def _name(self, name: str) -> str:
        return HIDDEN if self.controller.settings.discreet_mode else name

    @staticmethod
    def _dimension(win) -> str:
        return _(BUILTIN_LABELS[win.dimension_key]) if win.dimension_key in BUILTIN_LABELS \
            else win.dimension_name

    def refresh(self, today: date | None = None) -> None:
        """Computed in the background: a large journal takes longer than a frame."""
        today = today or date.today()
        self._generation += 1
        generation = self._generation
        weeks = self.controller.settings.quiet_weeks

        def show(data: OverviewData) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self.fill(data, today)

        self.controller.tasks.run(lambda: overview_data(self.vault, today, weeks), show)

    def fill(self, data: OverviewData, today: date) -> None:
        self.today.setText(format_date(today, "full"))
        beginning = data.people == 0
        self.starting.setVisible(beginning)
        self.cards.setVisible(not beginning)
        self.start.fill([])
        self.read.fill([])
        if beginning:
            return
        discreet = self.controller.settings.discreet_mode
        labels = {"follow_up": _("follow up on the talk"), "reminder": _("reminder"),
                  "stay_in_touch": _("time to get in touch")}
        self.due.fill([
            (f"{format_date(item.due_on, 'medium')} · {self._name(item.contact_name) or '—'} · "
             f"{labels[item.kind]}" + (f": {item.note}" if item.note and not discreet else ""),
             ("conversation" if item.kind == "follow_up" else "contact",
              item.ref if item.kind != "reminder" else (item.contact_id or 0), item.contact_id),
             item.overdue(today))
            for item in data.due], len(data.due),
            ngettext("{n} overdue", "{n} overdue", data.overdue).format(n=data.overdue)
            if data.overdue else _("In the coming week"))
        self.quiet.fill([
            (f"{self._name(p.name)} · " + (_("last talk {date}").format(
                date=format_date(p.last_talk, "medium")) if p.last_talk else _("no talks yet")),
             ("contact", p.contact_id, p.contact_id), False) for p in data.quiet],
            data.quiet_total,
            ngettext("{n} person in all", "{n} people in all", data.quiet_total).format(
                n=data.quiet_total) if data.quiet_total > len(data.quiet) else "")
        self.latest.fill([
            (f"{format_datetime(v.occurred_at, 'short')} · {self._name(name)}"
             + (f" · {_(v.temperature.label)}" if v.temperature else ""),
             ("conversation", v.id, v.contact_id), False)
            for v, name in data.latest], None)
        self.wins.fill([
            (f"{format_date(w.observed_on, 'medium')} · {self._name(w.name)} · "
             f"{self._dimension(w)}: {w.before} → {w.after}",
             ("contact", w.contact_id, w.contact_id), False)
            for w in data.wins], len(data.wins), _("In the last two months") if data.wins else "")
