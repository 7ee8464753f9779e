"""Overview: what is due, who has gone quiet, the latest talks and the recent small wins."""

from __future__ import annotations

from datetime import date

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from commsdesk.i18n import _, format_date, format_datetime, ngettext
from commsdesk.journal.overview import OverviewData, overview_data
from commsdesk.storage.observations import BUILTIN_LABELS
from commsdesk.ui.widgets import heading, hint, mark_vault_data

HIDDEN = "•••"
OPEN_ROLE = Qt.ItemDataRole.UserRole


class Card(QGroupBox):
    """A titled list whose rows open a record when activated."""

    def __init__(self, title: str, empty_text: str, on_open):
        super().__init__(title)
        mark_vault_data(self)
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setAccessibleName(title)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(lambda item: on_open(*item.data(OPEN_ROLE)))
        self.empty = hint(empty_text)
        self.footer = hint("")
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        layout.addWidget(self.footer)

    def fill(self, rows: list[tuple[str, tuple, bool]], footer: str = "") -> None:
        self.list.clear()
        for text, target, urgent in rows:
            item = QListWidgetItem(text, self.list)
            item.setData(OPEN_ROLE, target)
            if urgent:
                item.setForeground(QBrush(QColor("#b3261e")))
        self.list.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self.footer.setText(footer)
        self.footer.setVisible(bool(footer))
        self.list.setMinimumHeight(min(6, max(1, len(rows))) * 26)


class OverviewPage(QScrollArea):
    def __init__(self, controller, vault, workspace):
        super().__init__()
        mark_vault_data(self)
        self.controller, self.vault, self.workspace = controller, vault, workspace
        self._generation = 0
        self.setWidgetResizable(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        top = QHBoxLayout()
        top.addWidget(heading(_("Overview")), 1)
        log = QPushButton(_("Log a conversation"))
        log.clicked.connect(lambda: workspace.log_conversation())
        top.addWidget(log)
        layout.addLayout(top)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        grid = QGridLayout()
        self.due = Card(_("Follow-ups and reminders"), _("Nothing is due. Well done."), self._open)
        self.quiet = Card(_("Not talked to for a while"), _("You have been in touch with "
                                                           "everyone recently."), self._open)
        self.latest = Card(_("Latest conversations"), _("No conversations yet: log your first "
                                                       "one with the button above."), self._open)
        self.wins = Card(_("Recent small wins"), _("Small wins appear here when an observation "
                                                   "moves the right way. Change is slow: months, "
                                                   "not days."), self._open)
        grid.addWidget(self.due, 0, 0)
        grid.addWidget(self.quiet, 0, 1)
        grid.addWidget(self.latest, 1, 0)
        grid.addWidget(self.wins, 1, 1)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.setWidget(body)

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
        discreet = self.controller.settings.discreet_mode
        labels = {"follow_up": _("follow up on the talk"), "reminder": _("reminder"),
                  "stay_in_touch": _("time to get in touch")}
        self.due.fill([
            (f"{format_date(item.due_on, 'medium')} · {self._name(item.contact_name) or '—'} · "
             f"{labels[item.kind]}" + (f": {item.note}" if item.note and not discreet else ""),
             ("conversation" if item.kind == "follow_up" else "contact",
              item.ref if item.kind != "reminder" else (item.contact_id or 0), item.contact_id),
             item.overdue(today))
            for item in data.due])
        self.quiet.fill([
            (f"{self._name(p.name)} · " + (_("last talk {date}").format(
                date=format_date(p.last_talk, "medium")) if p.last_talk else _("no talks yet")),
             ("contact", p.contact_id, p.contact_id), False) for p in data.quiet],
            ngettext("{n} person in all", "{n} people in all", data.quiet_total).format(
                n=data.quiet_total) if data.quiet_total > len(data.quiet) else "")
        self.latest.fill([
            (f"{format_datetime(v.occurred_at, 'short')} · {self._name(name)}"
             f" · {_(v.temperature.label)}", ("conversation", v.id, v.contact_id), False)
            for v, name in data.latest])
        self.wins.fill([
            (f"{format_date(w.observed_on, 'medium')} · {self._name(w.name)} · "
             f"{self._dimension(w)}: {w.before} → {w.after}",
             ("contact", w.contact_id, w.contact_id), False)
            for w in data.wins])
        self.summary.setText(ngettext("{n} item is overdue.", "{n} items are overdue.",
                                      data.overdue).format(n=data.overdue) if data.overdue else "")
        self.summary.setVisible(bool(data.overdue))
