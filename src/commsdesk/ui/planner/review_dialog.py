"""After the talk: how it went against the plan and the expectation, the 0–10 view, feelings."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from commsdesk.domain import Ending, PrepSheet, TalkReview, Temperature
from commsdesk.i18n import N_, _
from commsdesk.storage.observations import BUILTIN_LABELS
from commsdesk.ui.controls import DataCombo
from commsdesk.ui.widgets import hint, mark_vault_data, message
from commsdesk.ui.widgets.fields import said_combo, text_box

VERSUS_PLAN = {"as_planned": N_("As planned"), "partly": N_("Partly as planned"),
               "differently": N_("Quite differently")}
VERSUS_EXPECTATION = {"better": N_("Better than I expected"), "as_expected": N_("As I expected"),
                      "worse": N_("Worse than I expected")}


def _scale(accessible: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(-1, 10)
    box.setSpecialValueText(_("not asked"))
    box.setValue(-1)
    box.setAccessibleName(accessible)
    return box


class ReviewDialog(QDialog):
    saved = Signal(object, object, object, object)  # TalkReview, datetime, Temperature, Ending

    def __init__(self, parent: QWidget, sheet: PrepSheet, dimensions: list):
        super().__init__(parent)
        mark_vault_data(self)
        self.sheet = sheet
        self.setWindowTitle(_("After the talk"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(640, 640)
        self.when = QDateTimeEdit(QDateTime.currentDateTime())
        self.when.setCalendarPopup(True)
        self.when.setAccessibleName(_("When"))
        self.outcome = text_box(_("What happened"), 4)
        self.versus_plan = DataCombo(_("Compared with the plan"))
        for key, label in VERSUS_PLAN.items():
            self.versus_plan.add(_(label), key)
        self.versus_plan.set_value("partly")
        self.versus_expectation = DataCombo(_("Compared with what I expected"))
        for key, label in VERSUS_EXPECTATION.items():
            self.versus_expectation.add(_(label), key)
        self.versus_expectation.set_value("as_expected")
        self.dimension = DataCombo(_("The view I asked about"))
        for dim in dimensions:
            self.dimension.add(_(BUILTIN_LABELS[dim.key]) if dim.key in BUILTIN_LABELS else dim.name,
                               dim.id)
        self.before = _scale(_("Their view before, 0–10"))
        self.after = _scale(_("Their view after, 0–10"))
        self.temperature = said_combo(Temperature, _("How it felt"))
        self.ending = said_combo(Ending, _("How it ended"))
        self.feelings = text_box(_("How I feel now"), 2)
        self.error = message()

        ratings = QHBoxLayout()
        ratings.addWidget(self.before)
        ratings.addWidget(self.after)
        ratings.addStretch(1)
        form = QFormLayout()
        if sheet.goal:
            form.addRow(_("The goal was"), hint(sheet.goal))
        form.addRow(_("When"), self.when)
        form.addRow(_("What happened"), self.outcome)
        form.addRow(_("Compared with the plan"), self.versus_plan)
        form.addRow(_("Compared with what I expected"), self.versus_expectation)
        form.addRow(_("The view I asked about"), self.dimension)
        form.addRow(_("Before and after, 0–10"), ratings)
        form.addRow("", hint(_("As in deep canvassing: “how sure are you, from 0 to 10?” at the "
                               "start and at the end. A one-point move is real progress.")))
        form.addRow(_("How it felt"), self.temperature)
        form.addRow(_("How it ended"), self.ending)
        form.addRow(_("How I feel now"), self.feelings)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save and add to the journal"))
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def review(self) -> TalkReview:
        def value(box: QSpinBox) -> int | None:
            return None if box.value() < 0 else box.value()

        return TalkReview(self.outcome.toPlainText().strip(), self.versus_plan.value(),
                          self.versus_expectation.value(), self.dimension.value(),
                          value(self.before), value(self.after),
                          self.feelings.toPlainText().strip())

    def _save(self) -> None:
        moment = self.when.dateTime().toPython()
        self.saved.emit(self.review(), datetime(moment.year, moment.month, moment.day, moment.hour,
                                                moment.minute), self.temperature.value(),
                        self.ending.value())

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
