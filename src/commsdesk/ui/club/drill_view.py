"""Practice drills, alone: a relative's line, the user's own reply first, then good example replies
and a self-check; nothing here scores the reply."""

from __future__ import annotations

import random
from datetime import date, datetime
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from commsdesk.club.drills import Drill, checklist, drills, kinds, next_drill
from commsdesk.club.shelf import record_practice
from commsdesk.domain.changes import Change
from commsdesk.i18n import _, current_language, format_date, ngettext
from commsdesk.library.catalog import title
from commsdesk.storage.club import PracticeEntry
from commsdesk.ui.club.roleplay_view import TickList
from commsdesk.ui.controls import choice_combo
from commsdesk.ui.tasks import Operation
from commsdesk.ui.widgets import heading, hint, mark_vault_data

ID_ROLE = Qt.ItemDataRole.UserRole


def drill_narratives(language: str) -> list[tuple[str, str]]:
    """(title, id) of every narrative some drill is about, by title."""
    ids = {d.narrative for d in drills(language) if d.narrative}
    return sorted(((title(i, language), i) for i in ids), key=lambda pair: pair[0].casefold())


class LineCard(QWidget):
    """Who speaks, where, and the line itself in large text."""

    def __init__(self):
        super().__init__()
        self.who = QLabel()
        self.who.setWordWrap(True)
        self.who.setTextFormat(Qt.TextFormat.RichText)
        self.line = QLabel()
        self.line.setWordWrap(True)
        self.line.setTextFormat(Qt.TextFormat.PlainText)
        self.line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.line.font())
        font.setPointSizeF(font.pointSizeF() * 1.45)
        self.line.setFont(font)
        self.line.setAccessibleName(_("What they say"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.who)
        layout.addWidget(self.line)

    def show_drill(self, drill: Drill) -> None:
        self.who.setText(f"<b>{escape(drill.speaker)}</b> — {escape(drill.context)}")
        self.line.setText(_("“{line}”").format(line=drill.line))


class ExamplesPanel(QWidget):
    """Good replies with what each does, and the self-check: shown only when asked for."""

    def __init__(self):
        super().__init__()
        self.examples = QVBoxLayout()
        self.checks = TickList(_("Check your reply"))
        self.checks.set_items([(item.text, item.id) for item in checklist(current_language())])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(_("Example replies"), 3))
        layout.addLayout(self.examples)
        layout.addWidget(heading(_("Check your reply"), 3))
        layout.addWidget(hint(_("The app does not judge your reply, and nobody else sees it: tick "
                                "what is true for you. A good reply need not tick every box.")))
        layout.addWidget(self.checks)

    @property
    def shown(self) -> list[QLabel]:
        return [self.examples.itemAt(i).widget() for i in range(self.examples.count())]

    def show_drill(self, drill: Drill) -> None:
        while self.examples.count():
            self.examples.takeAt(0).widget().deleteLater()
        labels = kinds()
        for example in drill.examples:
            kind = _(labels.get(example.kind.value, example.kind.value))
            text = QLabel(f"<b>{escape(kind)}</b><br>{escape(example.text)}<br>"
                          f"<i>{escape(example.why)}</i>")
            text.setTextFormat(Qt.TextFormat.RichText)
            text.setWordWrap(True)
            text.setFrameShape(QFrame.Shape.StyledPanel)
            text.setMargin(6)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.examples.addWidget(text)
        self.checks.clear_ticks()


class DrillView(QWidget):
    """One drill at a time; "Save and next" keeps the reply, "Skip" moves on."""

    saved = Signal(object)  # the PracticeEntry stored
    open_article = Signal(str)

    def __init__(self, controller, vault, parent: QWidget | None = None, rng: random.Random | None = None):
        super().__init__(parent)
        mark_vault_data(self)  # the reply being typed and the earlier replies
        self.controller, self.vault = controller, vault
        self.drill: Drill | None = None
        self._rng = rng or random.Random()  # noqa: S311 (variety, not secrecy)
        self._seen: set[str] = set()  # skipped or shown this session: offered again last
        self.narrative = choice_combo(_("Narrative"), _("Any narrative"),
                                      drill_narratives(current_language()))
        self.narrative.currentIndexChanged.connect(lambda _i: self._restart())
        self.count = QLabel()
        mark_vault_data(self.count)
        self.card = LineCard()
        self.read = QPushButton()
        self.read.setFlat(True)
        self.read.clicked.connect(self._read)
        self.reply = QPlainTextEdit()
        self.reply.setTabChangesFocus(True)
        self.reply.setAccessibleName(_("My reply"))
        self.reply.setPlaceholderText(_("What would you say? Write it the way you would say it."))
        self.reply.setMaximumHeight(self.reply.fontMetrics().lineSpacing() * 5 + 14)
        self.reply.textChanged.connect(self._enable)
        self.show_button = QPushButton(_("Show examples"))
        self.show_button.clicked.connect(self.show_examples)
        self.save_button = QPushButton(_("Save and next"))
        self.save_button.clicked.connect(self._save)
        self.skip_button = QPushButton(_("Skip"))
        self.skip_button.clicked.connect(self.next)
        self.examples = ExamplesPanel()
        self.earlier = QListWidget()
        mark_vault_data(self.earlier)
        self.earlier.setAccessibleName(_("My earlier replies to this line"))
        self.earlier.setWordWrap(True)
        self.earlier.setMinimumHeight(self.earlier.fontMetrics().lineSpacing() * 4)

        top = QHBoxLayout()
        top.addWidget(QLabel(_("Narrative")))
        top.addWidget(self.narrative, 1)
        top.addWidget(self.count)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_button)
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.save_button)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.card)
        body_layout.addWidget(self.read, 0, Qt.AlignmentFlag.AlignLeft)
        body_layout.addWidget(self.reply)
        body_layout.addLayout(buttons)
        body_layout.addWidget(self.examples)
        self.earlier_title = heading(_("My earlier replies to this line"), 3)
        body_layout.addWidget(self.earlier_title)
        body_layout.addWidget(self.earlier)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addWidget(hint(_("Practise alone: read what a relative says, write your own reply "
                                "first, then compare it with a few good ones.")))
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        self.next()

    def _restart(self) -> None:
        """Another narrative: go through all of its lines before any comes round again."""
        self._seen.clear()
        self.next()

    def next(self) -> None:
        """Show the drill to practise next within the chosen narrative."""
        today = date.today()
        practised = self.vault.repos.practice.last_practised("drill")
        practised.update({drill_id: today for drill_id in self._seen})
        current = self.drill.id if self.drill else None
        try:
            found = next_drill(current_language(), practised, today, self._rng, self.narrative.value())
            for _attempt in range(8):  # among equals, do not offer the same line twice in a row
                if found.id != current:
                    break
                found = next_drill(current_language(), practised, today, self._rng,
                                   self.narrative.value())
        except LookupError:
            return
        self.show_drill(found)

    def show_drill(self, drill: Drill) -> None:
        self.drill = drill
        self._seen.add(drill.id)
        self.card.show_drill(drill)
        language = current_language()
        self.read.setVisible(bool(drill.articles))
        if drill.articles:
            self.read.setText(_("Read in the library: {title}").format(
                title=title(drill.articles[0], language)))
        self.reply.clear()
        self.examples.show_drill(drill)
        self.examples.hide()
        self.show_button.setEnabled(True)
        self.refresh()

    def show_examples(self) -> None:
        self.examples.show()
        self.show_button.setEnabled(False)

    def refresh(self) -> None:
        n = len(self.vault.repos.practice.last_practised("drill"))
        self.count.setText(ngettext("You have practised {n} line", "You have practised {n} lines",
                                    n).format(n=n) if n else _("No lines practised yet"))
        self.earlier.clear()
        history = self.vault.repos.practice.history("drill", self.drill.id, 10) if self.drill else []
        for entry in history:
            when = format_date(entry.practised_at.date(), "medium")
            QListWidgetItem(f"{when} · {entry.reply}", self.earlier)
        self.earlier_title.setVisible(bool(history))
        self.earlier.setVisible(bool(history))
        self._enable()

    def _enable(self) -> None:
        self.save_button.setEnabled(self.drill is not None and bool(self.reply.toPlainText().strip()))

    def _read(self) -> None:
        if self.drill is not None and self.drill.articles:
            self.open_article.emit(self.drill.articles[0])

    def _save(self) -> None:
        text = self.reply.toPlainText().strip()
        if self.drill is None or not text:
            return
        entry = PracticeEntry("drill", self.drill.id, datetime.now().replace(microsecond=0),
                              reply=text, ticks=self.examples.checks.ticked())
        vault = self.vault

        def saved(stored) -> None:
            self.saved.emit(stored)
            self.next()

        Operation(lambda: record_practice(vault, entry), changes={Change.PRACTICE}, parent=self) \
            .success(saved).run(self.controller.tasks)
