"""The strategy for one person: goal, expectation check, what to build on, techniques, steps."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commsdesk.domain import Plan, PlanStatus, PlanStep, StepStatus
from commsdesk.i18n import _, current_language
from commsdesk.library.catalog import techniques
from commsdesk.planner.expectations import check_expectation
from commsdesk.ui.widgets import hint, mark_vault_data, message, tint
from commsdesk.ui.widgets.fields import enum_combo

ID_ROLE = Qt.ItemDataRole.UserRole


def to_qdate(day: date | None) -> QDate:
    day = day or date.today()
    return QDate(day.year, day.month, day.day)


def date_edit(day: date | None, accessible: str) -> QDateEdit:
    """A date field in the UI language's short format, with a calendar."""
    edit = QDateEdit(to_qdate(day))
    edit.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.ShortFormat))
    edit.setCalendarPopup(True)
    edit.setAccessibleName(accessible)
    return edit


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class StepsTable(QTableWidget):
    """A strategy's steps: title, what to expect, due date, status (a short list, edited here)."""

    TITLE, EXPECT, DUE, STATUS = range(4)

    def __init__(self):
        super().__init__(0, 4)
        mark_vault_data(self)
        self.setAccessibleName(_("Steps"))
        self.setHorizontalHeaderLabels([_("Step"), _("What to expect"), _("Due"), _("Status")])
        header = self.horizontalHeader()
        header.setSectionResizeMode(self.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.EXPECT, QHeaderView.ResizeMode.Stretch)
        # Cell widgets do not size their columns: make room for a date and the longest status.
        for column, width in ((self.DUE, date_edit(None, "").sizeHint().width() + 24),
                              (self.STATUS, enum_combo(StepStatus, "").sizeHint().width() + 8)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.setColumnWidth(column, width)
        self.verticalHeader().hide()
        self._ids: list[tuple[int | None, str, date | None]] = []

    def load(self, steps: list[PlanStep]) -> None:
        self.setRowCount(0)
        self._ids = []
        for step in steps:
            self.add_step(step)

    def add_step(self, step: PlanStep | None = None) -> None:
        step = step or PlanStep("", due_on=date.today() + timedelta(days=14))
        row = self.rowCount()
        self.insertRow(row)
        self.setItem(row, self.TITLE, QTableWidgetItem(step.title))
        self.setItem(row, self.EXPECT, QTableWidgetItem(step.expectation))
        due = date_edit(step.due_on, _("Due"))
        self.setCellWidget(row, self.DUE, due)
        status = enum_combo(StepStatus, _("Status"))
        status.set_value(step.status)
        self.setCellWidget(row, self.STATUS, status)
        self._ids.append((step.id, step.uid, step.done_on))

    def remove_current(self) -> None:
        row = self.currentRow()
        if row >= 0:
            self.removeRow(row)
            del self._ids[row]

    def steps(self) -> list[PlanStep]:
        out = []
        for row in range(self.rowCount()):
            title = (self.item(row, self.TITLE) or QTableWidgetItem()).text().strip()
            if not title:
                continue
            status = self.cellWidget(row, self.STATUS).value()
            sid, uid, done_on = self._ids[row]
            if status == StepStatus.DONE and done_on is None:
                done_on = date.today()
            elif status != StepStatus.DONE:
                done_on = None
            out.append(PlanStep(title, (self.item(row, self.EXPECT) or QTableWidgetItem()).text(),
                                status, from_qdate(self.cellWidget(row, self.DUE).date()), done_on,
                                sid, uid))
        return out


class StrategyForm(QWidget):
    saved = Signal(object)  # the Plan to store
    save_as_template = Signal(object)  # the Plan whose texts become a template

    def __init__(self):
        super().__init__()
        mark_vault_data(self)
        self.plan: Plan | None = None
        self.goal = QPlainTextEdit()
        self.goal.setAccessibleName(_("Long-term goal"))
        self.goal.setPlaceholderText(_("A realistic change: doubt about what the government does, "
                                       "not conversion"))
        self.goal.setTabChangesFocus(True)
        self.goal.setFixedHeight(self.goal.fontMetrics().lineSpacing() * 3 + 14)
        self.small_win = QLineEdit()
        self.small_win.setAccessibleName(_("What would a small win look like?"))
        self.small_win.setPlaceholderText(_("e.g. she asks a question back instead of arguing"))
        self.months = QSpinBox()
        self.months.setRange(1, 60)
        self.months.setValue(6)
        self.months.setSuffix(_(" months"))
        self.months.setAccessibleName(_("How many months do you expect it to take?"))
        check = QPushButton(_("Check my expectation"))
        check.clicked.connect(self.check_expectation)
        self.verdict = message("", "info")
        self.shared_values = QLineEdit()
        self.shared_values.setAccessibleName(_("Shared values to build on"))
        self.topics_to_avoid = QLineEdit()
        self.topics_to_avoid.setAccessibleName(_("Topics to avoid"))
        self.techniques = QListWidget()
        self.techniques.setAccessibleName(_("Chosen techniques"))
        self.techniques.setMaximumHeight(130)
        self.techniques.setWordWrap(True)
        self.techniques.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps = StepsTable()
        self.steps.setMinimumHeight(150)
        add_step = QPushButton(_("Add a step"))
        add_step.clicked.connect(lambda: self.steps.add_step())
        remove_step = QPushButton(_("Remove the step"))
        remove_step.clicked.connect(self.steps.remove_current)
        self.review_on = date_edit(None, _("Review date"))
        self.status = enum_combo(PlanStatus, _("Status"))
        self.error = message()
        save = QPushButton(_("Save the strategy"))
        save.setDefault(True)
        save.clicked.connect(self._save)
        as_template = QPushButton(_("Save as my template…"))
        as_template.setToolTip(_("Keeps the texts without the person's name, region or dates"))
        as_template.clicked.connect(lambda: self.save_as_template.emit(self.current_plan()))

        expectation = QHBoxLayout()
        expectation.addWidget(self.months)
        expectation.addWidget(check)
        expectation.addStretch(1)
        step_buttons = QHBoxLayout()
        step_buttons.addWidget(add_step)
        step_buttons.addWidget(remove_step)
        step_buttons.addStretch(1)
        form = QFormLayout()
        form.addRow(_("Long-term goal"), self.goal)
        form.addRow(_("A small win"), self.small_win)
        form.addRow(_("Expected time"), expectation)
        form.addRow("", self.verdict)
        form.addRow(_("Shared values"), self.shared_values)
        form.addRow(_("Topics to avoid"), self.topics_to_avoid)
        form.addRow(_("Techniques"), self.techniques)
        form.addRow("", hint(_("★ suits the stage you set for this person")))
        form.addRow(_("Review on"), self.review_on)
        form.addRow(_("Status"), self.status)
        self.buttons = QWidget()
        buttons = QHBoxLayout(self.buttons)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(save)
        buttons.addWidget(as_template)
        buttons.addWidget(self.error, 1)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint(_("Steps, each with what you expect to notice")))
        layout.addWidget(self.steps, 1)
        layout.addLayout(step_buttons)

    def fill_techniques(self, chosen: list[str], suited: set[str]) -> None:
        self.techniques.clear()
        for info in sorted(techniques(current_language()),
                           key=lambda a: (a.id not in suited, a.title.casefold())):
            label = info.title + ("  ★" if info.id in suited else "")
            item = QListWidgetItem(label, self.techniques)
            item.setData(ID_ROLE, info.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if info.id in chosen
                               else Qt.CheckState.Unchecked)

    def load(self, plan: Plan, suited: set[str]) -> None:
        self.plan = plan
        self.goal.setPlainText(plan.goal)
        self.small_win.setText(plan.realistic_expectation)
        self.months.setValue(plan.expected_months or 6)
        self.shared_values.setText(plan.shared_values)
        self.topics_to_avoid.setText(plan.topics_to_avoid)
        self.fill_techniques(plan.techniques, suited)
        self.steps.load(plan.steps)
        # The UI language may have changed since the form was built: take its date format now.
        self.review_on.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.ShortFormat))
        self.review_on.setDate(to_qdate(plan.review_on or date.today() + timedelta(days=180)))
        self.status.set_value(plan.status)
        self.verdict.hide()
        self.error.hide()

    def check_expectation(self) -> None:
        result = check_expectation(self.small_win.text(), self.months.value())
        self.verdict.setText(_(result.advice))
        tint(self.verdict, "info" if result.verdict == "realistic" else "error")
        self.verdict.show()

    def current_plan(self) -> Plan:
        base = self.plan or Plan(0, "")
        chosen = [self.techniques.item(i).data(ID_ROLE) for i in range(self.techniques.count())
                  if self.techniques.item(i).checkState() == Qt.CheckState.Checked]
        return Plan(base.contact_id, self.goal.toPlainText().strip(), self.small_win.text().strip(),
                    self.status.value(), base.started_on or date.today(),
                    from_qdate(self.review_on.date()), self.steps.steps(), self.months.value(),
                    self.shared_values.text().strip(), self.topics_to_avoid.text().strip(), chosen,
                    base.id, base.uid, base.created_at, base.updated_at)

    def _save(self) -> None:
        self.saved.emit(self.current_plan())

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
