"""The first-run guide: three short steps after a new vault is created (the first person, what a
small win would be, when the next talk is). It can be skipped, and never shows again."""

from __future__ import annotations

from datetime import date, timedelta

import shiboken6
from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from commsdesk.domain import Relationship
from commsdesk.i18n import _
from commsdesk.planner.first_steps import FirstSteps, dismiss_guide, start_with
from commsdesk.storage.errors import describe
from commsdesk.ui.controls import DataCombo
from commsdesk.ui.icons import icon
from commsdesk.ui.planner.strategy import date_edit, from_qdate
from commsdesk.ui.widgets import heading, hint, mark_vault_data, message

NEXT_TALK_IN_DAYS = 7


def _step(title: str, explanation: str, *rows: tuple[str, QWidget]) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(heading(title, 2))
    layout.addWidget(hint(explanation))
    form = QFormLayout()
    for label, field in rows:
        form.addRow(label, field)
    layout.addLayout(form)
    layout.addStretch(1)
    return page


class FirstRunGuide(QDialog):
    """Answers go to the vault in one step, on the worker; skipping is remembered in the vault."""

    person_added = Signal(int)  # the new person's id

    def __init__(self, controller, vault, parent: QWidget):
        super().__init__(parent)
        mark_vault_data(self)  # it holds a name as it is typed
        self.controller, self.vault = controller, vault
        self.setWindowTitle(_("Getting started"))
        self.setMinimumWidth(560)
        self.name = QLineEdit()
        self.name.setAccessibleName(_("Name or nickname"))
        self.name.setPlaceholderText(_("e.g. Mum, Aunt O., Sasha from school"))
        self.relationship = DataCombo(_("Relationship"))
        for member in Relationship:
            self.relationship.add(_(member.label), member)
        self.relationship.set_value(Relationship.OTHER)
        self.small_win = QLineEdit()
        self.small_win.setAccessibleName(_("A small win"))
        self.small_win.setPlaceholderText(_("e.g. she asks a question back instead of arguing"))
        self.next_talk = date_edit(date.today() + timedelta(days=NEXT_TALK_IN_DAYS),
                                   _("Next talk"))
        self.next_talk.setMinimumDate(QDate.currentDate())
        self.unknown = QCheckBox(_("I don't know yet"))
        self.unknown.toggled.connect(lambda on: self.next_talk.setEnabled(not on))
        self.pages = QStackedWidget()
        self.pages.addWidget(_step(
            _("Who would you like to talk with first?"),
            _("One person is enough to begin. A nickname will do: nobody needs to know who "
              "“Aunt O.” is, and you can add details later."),
            (_("Name"), self.name), (_("Relationship"), self.relationship)))
        self.pages.addWidget(_step(
            _("What would be a small win?"),
            _("Not a change of mind: something you could notice in one talk. A question back, a "
              "pause, “well, maybe”, a channel switched off. You can leave this empty."),
            (_("A small win"), self.small_win)))
        self.pages.addWidget(_step(
            _("When is the next talk?"),
            _("CommsDesk will remind you on the Overview. Calm, regular talks matter more than "
              "one big one."),
            (_("Next talk"), self.next_talk), ("", self.unknown)))
        self.position = hint("")
        self.error = message()
        self.skip = QPushButton(_("Skip the guide"))
        self.skip.setToolTip(_("It will not show again. Everything it does can be done later."))
        self.back = QPushButton(_("Back"))
        self.next = QPushButton(icon("next"), _("Next"))
        self.next.setDefault(True)
        self.skip.clicked.connect(self.skip_guide)
        self.back.clicked.connect(lambda: self._go(self.pages.currentIndex() - 1))
        self.next.clicked.connect(self._forward)
        self.name.textChanged.connect(lambda _t: self.error.hide())
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip)
        buttons.addStretch(1)
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.addWidget(self.position)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self._go(0)

    def _go(self, index: int) -> None:
        index = max(0, min(index, self.pages.count() - 1))
        self.pages.setCurrentIndex(index)
        self.position.setText(_("Step {n} of {total}").format(n=index + 1, total=self.pages.count()))
        self.back.setEnabled(index > 0)
        last = index == self.pages.count() - 1
        self.next.setText(_("Finish") if last else _("Next"))
        field = (self.name, self.small_win, self.next_talk)[index]
        field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _forward(self) -> None:
        if not self.name.text().strip():
            self._go(0)
            self.error.setText(_("Type a name or a nickname first."))
            self.error.show()
            return
        if self.pages.currentIndex() < self.pages.count() - 1:
            self._go(self.pages.currentIndex() + 1)
        else:
            self.finish()

    def answers(self) -> FirstSteps:
        return FirstSteps(
            self.name.text().strip(), self.relationship.value(), self.small_win.text().strip(),
            None if self.unknown.isChecked() else from_qdate(self.next_talk.date()),
            goal=_("Keep talking: calmly, regularly, without arguing"),
            reminder_note=_("Next talk"))

    def finish(self) -> None:
        steps, today, vault = self.answers(), date.today(), self.vault
        self._busy(True)
        self.controller.tasks.run(lambda: start_with(vault, steps, today), self._finished,
                                  self._failed)

    def skip_guide(self) -> None:
        vault = self.vault
        self._busy(True)
        self.controller.tasks.run(lambda: dismiss_guide(vault), lambda _r: self._closed(),
                                  self._failed)

    def reject(self) -> None:
        """Esc or the window's close button skip the guide too."""
        if self.skip.isEnabled():
            self.skip_guide()

    def _busy(self, busy: bool) -> None:
        for button in (self.skip, self.back, self.next):
            button.setEnabled(not busy)
        if not busy:
            self.back.setEnabled(self.pages.currentIndex() > 0)

    def _finished(self, person_id: int) -> None:
        if not shiboken6.isValid(self):
            return
        self.controller.notify_changed()
        self.person_added.emit(person_id)
        self.accept()

    def _closed(self) -> None:
        if shiboken6.isValid(self):
            super().reject()

    def _failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._busy(False)
        self.error.setText(describe(exc))
        self.error.show()
