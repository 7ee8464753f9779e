"""The planner's right side for one person: stage of change, next steps, strategy, talks."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from commsdesk.i18n import _, format_date
from commsdesk.planner.stages import Stage
from commsdesk.planner.suggestions import rule_name
from commsdesk.ui.widgets import hint, mark_vault_data
from commsdesk.ui.widgets.fields import enum_combo

SHEET_ROLE = Qt.ItemDataRole.UserRole


class StageBar(QWidget):
    """The current stage with its evidence, and a way to record a new one."""

    recorded = Signal(str, str)  # stage value, evidence

    def __init__(self):
        super().__init__()
        self.current = QLabel()
        self.current.setWordWrap(True)
        self.stage = enum_combo(Stage, _("Stage of change"))
        self.evidence = QLineEdit()
        self.evidence.setAccessibleName(_("Evidence for the stage"))
        self.evidence.setPlaceholderText(_("What you noticed, e.g. “asked whether it is all true”"))
        record = QPushButton(_("Record the stage"))
        record.clicked.connect(lambda: self.recorded.emit(self.stage.value().value,
                                                          self.evidence.text().strip()))
        row = QHBoxLayout()
        row.addWidget(self.stage)
        row.addWidget(self.evidence, 1)
        row.addWidget(record)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.current)
        layout.addLayout(row)

    def show_stage(self, change) -> None:
        self.evidence.clear()
        if change is None:
            self.current.setText(_("Stage of change: not set yet"))
            return
        stage = Stage(change.stage)
        self.stage.set_value(stage)
        text = _("Stage of change: {stage}, since {day}").format(
            stage=_(stage.label), day=format_date(change.changed_on, "medium"))
        self.current.setText(text + (f" — {change.evidence}" if change.evidence else ""))


class SuggestionsBox(QGroupBox):
    """Next steps from the rules; each says why, links its article, and can be dismissed."""

    read = Signal(str)  # article id
    dismissed = Signal(str)  # rule

    def __init__(self):
        super().__init__()
        mark_vault_data(self)
        self.rows = QVBoxLayout()
        self.empty = hint(_("No suggestions right now. They appear when a pattern shows in "
                            "the journal, with the reason."))
        layout = QVBoxLayout(self)
        layout.addLayout(self.rows)
        layout.addWidget(self.empty)
        layout.addStretch(1)

    def show_suggestions(self, found: list, article_title) -> None:
        while self.rows.count():
            widget = self.rows.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        for s in found:
            self.rows.addWidget(self._row(s, article_title(s.article_id)))
        self.empty.setVisible(not found)

    def _row(self, suggestion, article: str) -> QWidget:
        frame = QFrame()
        frame.setObjectName(f"suggestion-{suggestion.rule}")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        text = QLabel(f"<b>{_(suggestion.title)}</b><br>"
                      + _(suggestion.why).format(**dict(suggestion.facts))
                      + "<br><i>" + _("Rule: {rule}").format(rule=_(rule_name(suggestion.rule))) + "</i>")
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setWordWrap(True)
        read = QPushButton(_("Read: {title}").format(title=article))
        read.clicked.connect(lambda: self.read.emit(suggestion.article_id))
        dismiss = QPushButton(_("Dismiss"))
        dismiss.setAccessibleName(_("Dismiss “{title}”").format(title=_(suggestion.title)))
        dismiss.clicked.connect(lambda: self.dismissed.emit(suggestion.rule))
        buttons = QHBoxLayout()
        buttons.addWidget(read)
        buttons.addWidget(dismiss)
        buttons.addStretch(1)
        layout = QVBoxLayout(frame)
        layout.addWidget(text)
        layout.addLayout(buttons)
        return frame


class TalksList(QWidget):
    """Prep sheets, the next talk first, with what can be done to the chosen one."""

    prepare = Signal()
    open_sheet = Signal(int)
    review = Signal(int)
    export_pdf = Signal(int)
    print_sheet = Signal(int)

    def __init__(self):
        super().__init__()
        self.list = QListWidget()
        mark_vault_data(self.list)
        self.list.setAccessibleName(_("Prep sheets"))
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(lambda item: self.open_sheet.emit(item.data(SHEET_ROLE)))
        self.list.currentItemChanged.connect(lambda *_a: self._enable())
        new = QPushButton(_("Prepare a talk…"))
        new.clicked.connect(self.prepare.emit)
        self.buttons = []
        for label, signal in ((_("Open"), self.open_sheet), (_("After the talk…"), self.review),
                              (_("Export to PDF…"), self.export_pdf), (_("Print…"), self.print_sheet)):
            button = QPushButton(label)
            button.clicked.connect(lambda _c=False, s=signal: self._emit(s))
            self.buttons.append(button)
        self.review_button = self.buttons[1]
        row = QHBoxLayout()
        row.addWidget(new)
        for button in self.buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(hint(_("A PDF or a printout is not encrypted: keep it with care, or "
                                "destroy it after the talk.")))
        self._enable()

    def _emit(self, signal) -> None:
        item = self.list.currentItem()
        if item is not None:
            signal.emit(item.data(SHEET_ROLE))

    def _enable(self) -> None:
        item = self.list.currentItem()
        for button in self.buttons:
            button.setEnabled(item is not None)
        if item is not None:
            self.review_button.setEnabled(not item.data(SHEET_ROLE + 1))

    def fill(self, sheets: list) -> None:
        self.list.clear()
        for sheet in sheets:
            when = format_date(sheet.planned_for, "medium") if sheet.planned_for else "—"
            state = _("reviewed") if sheet.review else _("to do")
            goal = sheet.goal or _("(no goal yet)")
            item = QListWidgetItem(f"{when} · {goal} · {state}", self.list)
            item.setData(SHEET_ROLE, sheet.id)
            item.setData(SHEET_ROLE + 1, sheet.review is not None)
        if sheets:
            self.list.setCurrentRow(0)
        self._enable()

