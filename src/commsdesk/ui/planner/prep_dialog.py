"""Prepare one talk: goal, opening, questions, a story, likely narratives with planned answers."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commsdesk.domain import NarrativeResponse, PrepSheet
from commsdesk.i18n import _, current_language
from commsdesk.library.catalog import title
from commsdesk.planner.prep import narratives, planned_response
from commsdesk.ui.controls import DataCombo
from commsdesk.ui.planner.strategy import date_edit, from_qdate
from commsdesk.ui.widgets import hint, mark_vault_data, message
from commsdesk.ui.widgets.fields import text_box

ID_ROLE = Qt.ItemDataRole.UserRole


class NarrativesTable(QTableWidget):
    """The narratives this person is likely to raise, each with the answer planned for it."""

    def __init__(self):
        super().__init__(0, 2)
        mark_vault_data(self)
        self.setAccessibleName(_("Likely narratives"))
        self.setHorizontalHeaderLabels([_("If they say…"), _("I will")])
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setMinimumHeight(140)

    def add(self, item: NarrativeResponse) -> None:
        row = self.rowCount()
        self.insertRow(row)
        name = QTableWidgetItem(title(item.article_id, current_language()))
        name.setData(ID_ROLE, item.article_id)
        name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.setItem(row, 0, name)
        self.setItem(row, 1, QTableWidgetItem(item.response))
        self.resizeRowToContents(row)

    def items(self) -> list[NarrativeResponse]:
        return [NarrativeResponse(self.item(r, 0).data(ID_ROLE), self.item(r, 1).text())
                for r in range(self.rowCount())]


class PrepDialog(QDialog):
    saved = Signal(object)  # the PrepSheet to store

    def __init__(self, parent: QWidget, sheet: PrepSheet, person: str, likely: list[str] = ()):
        super().__init__(parent)
        mark_vault_data(self)
        self.sheet = sheet
        self.setWindowTitle(_("Prepare a talk with {person}").format(person=person))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(780, 760)
        self.when = date_edit(sheet.planned_for, _("Planned for"))
        self.goal = QLineEdit(sheet.goal)
        self.goal.setAccessibleName(_("Goal for this talk"))
        self.goal.setPlaceholderText(_("One small thing, e.g. hear how she feels about prices"))
        self.opening = text_box(_("Opening"), 2)
        self.opening.setPlainText(sheet.opening)
        self.questions = text_box(_("Questions to ask"), 3)
        self.questions.setPlaceholderText(_("One question per line"))
        self.questions.setPlainText("\n".join(sheet.questions))
        self.story = text_box(_("A story to tell"), 2)
        self.story.setPlainText(sheet.story)
        self.narrative_choice = DataCombo(_("Narrative"))
        mark = "  · " + _("likely, from your notes")
        for article_id, name in sorted(narratives(current_language()),
                                       key=lambda item: item[0] not in likely):
            self.narrative_choice.add(name + (mark if article_id in likely else ""), article_id)
        add = QPushButton(_("Add with a planned answer"))
        add.clicked.connect(self.add_narrative)
        self.narratives = NarrativesTable()
        for item in sheet.narratives:
            self.narratives.add(item)
        self.boundary = QLineEdit(sheet.boundary)
        self.boundary.setAccessibleName(_("My boundary"))
        self.boundary.setPlaceholderText(_("e.g. I stop if we start shouting"))
        self.exit_line = QLineEdit(sheet.exit_line)
        self.exit_line.setAccessibleName(_("Exit line"))
        self.exit_line.setPlaceholderText(_("e.g. Let's leave it for now, I love you, talk on Sunday"))
        self.error = message()
        for box, lines in ((self.opening, 2), (self.questions, 4), (self.story, 3)):
            box.setMaximumHeight(box.fontMetrics().lineSpacing() * lines + 14)

        pick = QHBoxLayout()
        pick.addWidget(self.narrative_choice, 1)
        pick.addWidget(add)
        form = QFormLayout()
        form.addRow(_("Planned for"), self.when)
        form.addRow(_("Goal for this talk"), self.goal)
        form.addRow(_("Opening"), self.opening)
        form.addRow(_("Questions to ask"), self.questions)
        form.addRow(_("A story to tell"), self.story)
        form.addRow(_("Likely narratives"), pick)
        form.addRow("", self.narratives)
        form.addRow("", hint(_("Planned answers start from the questions the library suggests; "
                               "make them your own.")))
        form.addRow(_("My boundary"), self.boundary)
        form.addRow(_("Exit line"), self.exit_line)
        body = QWidget()
        body.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def add_narrative(self) -> None:
        article_id = self.narrative_choice.value()
        if article_id is None or article_id in {n.article_id for n in self.narratives.items()}:
            return
        self.narratives.add(NarrativeResponse(article_id,
                                              planned_response(article_id, current_language())))

    def current_sheet(self) -> PrepSheet:
        s = self.sheet
        questions = [q.strip() for q in self.questions.toPlainText().splitlines() if q.strip()]
        return PrepSheet(s.contact_id, from_qdate(self.when.date()), s.plan_id, self.goal.text().strip(),
                         self.opening.toPlainText().strip(), questions,
                         self.story.toPlainText().strip(), self.narratives.items(),
                         self.boundary.text().strip(), self.exit_line.text().strip(),
                         list(s.techniques), s.review, s.id, s.uid, s.created_at, s.updated_at)

    def _save(self) -> None:
        self.saved.emit(self.current_sheet())

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
