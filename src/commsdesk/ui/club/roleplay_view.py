"""Role-play in threes: a card (who the relative is, the goal, how to play them, the debrief), the
observer's checklist as tick boxes, and the user's own log of rounds."""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from commsdesk.club import roleplay
from commsdesk.club.shelf import record_practice
from commsdesk.domain.changes import Change
from commsdesk.i18n import N_, _, current_language, format_date
from commsdesk.library.articles import load, render
from commsdesk.storage.club import PracticeEntry
from commsdesk.ui.controls import DataCombo
from commsdesk.ui.tasks import Operation
from commsdesk.ui.widgets import heading, hint, mark_vault_data, message
from commsdesk.ui.widgets.browser import SafeBrowser, reading_css

ID_ROLE = Qt.ItemDataRole.UserRole
ROLES = {"communicator": N_("Communicator"), "relative": N_("Relative"), "observer": N_("Observer")}


class TickLabel(QLabel):
    """The wrapped text of a tick box (QCheckBox itself never wraps); a click on it ticks the box."""

    def __init__(self, text: str, box: QCheckBox):
        super().__init__(text)
        self.box = box
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.box.toggle()
        super().mouseReleaseEvent(event)


class TickList(QWidget):
    """A column of tick boxes with long, wrapped texts; each carries a value (an id or the text)."""

    def __init__(self, accessible: str = ""):
        super().__init__()
        self.setAccessibleName(accessible)
        self._rows = QVBoxLayout(self)
        self._rows.setContentsMargins(0, 0, 0, 0)
        self._items: list[tuple[QCheckBox, str]] = []

    def set_items(self, items: list[tuple[str, str]]) -> None:
        while self._rows.count():
            row = self._rows.takeAt(0).widget()
            if row is not None:
                row.deleteLater()
        self._items = []
        for text, value in items:
            row = QWidget()
            box = QCheckBox()
            box.setAccessibleName(text)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
            line.addWidget(TickLabel(text, box), 1)
            self._rows.addWidget(row)
            row.show()  # now, not on the next turn of the event loop: a click may come at once
            self._items.append((box, value))

    @property
    def boxes(self) -> list[QCheckBox]:
        return [box for box, _value in self._items]

    def ticked(self) -> list[str]:
        return [value for box, value in self._items if box.isChecked()]

    def clear_ticks(self) -> None:
        for box in self.boxes:
            box.setChecked(False)


def card_html(card_id: str, language: str, hide_relative: bool) -> str:
    """The card for reading: its introduction, then the sections in the order a round uses them."""
    article = load(card_id, language)
    intro = article.body.split("\n## ", 1)[0].strip() if article else ""
    parts = [render(intro)] if intro else []
    sections = (("persona", _("Who this person is")), ("goal", _("The communicator's goal")),
                ("player-notes", _("Playing the relative")), ("debrief", _("After the round")))
    for section_id, title in sections:
        parts.append(f"<h3>{escape(title)}</h3>")
        if section_id == "player-notes" and hide_relative:
            parts.append("<p><i>" + escape(_("Hidden, so that the relative's reactions come as a "
                                              "surprise to the communicator.")) + "</i></p>")
        else:
            parts.append(render(roleplay.section(card_id, section_id, language)))
    return "".join(parts)


class RoundForm(QWidget):
    """After the round: what the observer ticked, who the user played, what worked."""

    save = Signal()

    def __init__(self):
        super().__init__()
        self.checklist = TickList(_("What the observer watches for"))
        self.role = DataCombo(_("I played"))
        for role, label in ROLES.items():
            self.role.add(_(label), role)
        self.what_worked = QPlainTextEdit()
        self.what_worked.setTabChangesFocus(True)
        self.what_worked.setAccessibleName(_("What worked"))
        self.what_worked.setPlaceholderText(_("One or two things to keep, in your own words"))
        self.what_worked.setMaximumHeight(self.what_worked.fontMetrics().lineSpacing() * 4 + 14)
        self.save_button = QPushButton(_("Save to my practice log"))
        self.save_button.clicked.connect(self.save.emit)
        self.done = message("", "info")
        form = QFormLayout()
        form.addRow(_("I played"), self.role)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(_("What the observer watches for"), 3))
        layout.addWidget(self.checklist)
        layout.addLayout(form)
        layout.addWidget(QLabel(_("What worked")))
        layout.addWidget(self.what_worked)
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.done)

    def show_card(self, card_id: str) -> None:
        items = roleplay.observer_checklist(card_id, current_language())
        self.checklist.set_items([(text, text) for text in items])
        self.done.hide()

    def clear(self) -> None:
        self.checklist.clear_ticks()
        self.what_worked.clear()


class RoleplayView(QWidget):
    """Choose a card, play the round, note what the observer saw and what worked."""

    saved = Signal(object)  # the PracticeEntry stored

    def __init__(self, controller, vault, parent: QWidget | None = None):
        super().__init__(parent)
        mark_vault_data(self)  # the log and the notes being typed
        self.controller, self.vault = controller, vault
        self.card_id: str | None = None
        self.cards = QListWidget()
        self.cards.setAccessibleName(_("Role-play cards"))
        self.cards.setWordWrap(True)
        self.cards.setSpacing(3)
        self.cards.currentItemChanged.connect(self._card_changed)
        self.title = heading("", 2)
        self.hide_relative = QCheckBox(_("Hide “Playing the relative” (for the communicator)"))
        self.hide_relative.toggled.connect(self._show_card)
        self.browser = SafeBrowser()
        self.browser.setAccessibleName(_("Role-play card"))
        self.browser.document().setDefaultStyleSheet(reading_css(controller.settings.theme))
        self.round = RoundForm()
        self.round.save.connect(self._save)
        self.log = QListWidget()
        mark_vault_data(self.log)
        self.log.setAccessibleName(_("My practice log"))
        self.log.setWordWrap(True)
        self.log.setMinimumHeight(self.log.fontMetrics().lineSpacing() * 5)

        card = QWidget()
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(0, 0, 0, 0)
        card_layout.addWidget(self.title)
        card_layout.addWidget(self.hide_relative)
        card_layout.addWidget(self.browser, 1)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.round)
        side_layout.addWidget(heading(_("My practice log"), 3))
        side_layout.addWidget(self.log, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(side)
        splitter = QSplitter()
        splitter.addWidget(self.cards)
        splitter.addWidget(card)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([200, 420, 320])
        layout = QVBoxLayout(self)
        layout.addWidget(hint(_("Rehearse a hard conversation before you have it: in threes at a "
                                "club (communicator, relative, observer, then swap), or with a "
                                "friend playing the relative.")))
        layout.addWidget(splitter, 1)
        self._fill_cards()

    def _fill_cards(self) -> None:
        for info in roleplay.cards(current_language()):
            item = QListWidgetItem(info.title, self.cards)
            item.setData(ID_ROLE, info.id)
            item.setToolTip(info.summary)
        if self.cards.count():
            self.cards.setCurrentRow(0)

    def choose(self, card_id: str) -> None:
        for row in range(self.cards.count()):
            if self.cards.item(row).data(ID_ROLE) == card_id:
                self.cards.setCurrentRow(row)
                return

    def _card_changed(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        self.card_id = item.data(ID_ROLE)
        self.title.setText(item.text())
        self.round.show_card(self.card_id)
        self._show_card()
        self.refresh()

    def _show_card(self, *_args) -> None:
        if self.card_id is not None:
            self.browser.setHtml(card_html(self.card_id, current_language(),
                                           self.hide_relative.isChecked()))

    def refresh(self) -> None:
        self.log.clear()
        if self.card_id is None:
            return
        history = self.vault.repos.practice.history("roleplay", self.card_id, limit=50)
        for entry in history:
            role = _(ROLES[entry.role]) if entry.role in ROLES else entry.role
            parts = [format_date(entry.practised_at.date(), "medium"), role]
            if entry.what_worked:
                parts.append(entry.what_worked)
            QListWidgetItem(" · ".join(parts), self.log).setData(ID_ROLE, entry.id)
        if not history:
            QListWidgetItem(_("No rounds with this card yet."), self.log).setFlags(Qt.ItemFlag.NoItemFlags)

    def _save(self) -> None:
        if self.card_id is None:
            return
        entry = PracticeEntry("roleplay", self.card_id, datetime.now().replace(microsecond=0),
                              role=self.round.role.value(), ticks=self.round.checklist.ticked(),
                              what_worked=self.round.what_worked.toPlainText().strip())
        vault = self.vault

        def saved(stored) -> None:
            self.round.clear()
            self.refresh()
            self.round.done.setText(_("Saved to your practice log."))
            self.round.done.show()
            self.saved.emit(stored)

        Operation(lambda: record_practice(vault, entry), changes={Change.PRACTICE}, parent=self) \
            .success(saved).run(self.controller.tasks)
