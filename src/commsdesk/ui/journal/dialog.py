"""Log or edit a conversation: made for speed, keyboard only, with a draft kept in the vault."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QEvent, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from commsdesk.domain import Channel, Conversation, Ending, Temperature
from commsdesk.domain.changes import Change
from commsdesk.i18n import _, current_language
from commsdesk.journal.log import DRAFT, Rating, discard_draft, keep_draft, log_conversation
from commsdesk.library.catalog import techniques
from commsdesk.storage import errors
from commsdesk.ui.controls import DataCombo
from commsdesk.ui.journal.observations import ObservationsBox
from commsdesk.ui.tasks import Operation
from commsdesk.ui.widgets import hint, mark_vault_data, message
from commsdesk.ui.widgets.fields import enum_combo, said_combo


def _is_save_key(event) -> bool:
    control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
    return bool(control) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_S)


class ConversationDialog(QDialog):
    saved = Signal(int)  # the conversation id

    def __init__(self, controller, vault, parent: QWidget, contact_id: int | None = None,
                 conversation: Conversation | None = None):
        super().__init__(parent)
        mark_vault_data(self)
        self.controller, self.vault, self.editing = controller, vault, conversation
        self.setWindowTitle(_("Edit conversation") if conversation else _("Log a conversation"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(760, 720)

        self.person = DataCombo(_("Person"))
        names = sorted(vault.repos.contacts.names().items(), key=lambda item: item[1].casefold())
        for cid, name in names:
            self.person.add(name, cid)
        self.when = QDateTimeEdit(QDateTime.currentDateTime())
        self.when.setCalendarPopup(True)
        self.when.setAccessibleName(_("When"))
        self.channel = enum_combo(Channel, _("Channel"))
        self.duration = QSpinBox()
        self.duration.setRange(0, 600)
        self.duration.setSpecialValueText(_("not noted"))
        self.duration.setSuffix(_(" min"))
        self.duration.setAccessibleName(_("Duration in minutes"))
        self.topics = QLineEdit()
        self.topics.setAccessibleName(_("Topics"))
        self.topics.setPlaceholderText(_("Comma-separated, e.g. prices, the news, grandchildren"))
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName(_("Notes"))
        self.notes.setPlaceholderText(_("What was said, how it felt, a quote worth keeping…"))
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(self.notes.fontMetrics().lineSpacing() * 6)
        self.techniques = QListWidget()
        self.techniques.setAccessibleName(_("Techniques used"))
        self.techniques.setMaximumHeight(110)
        for article in techniques(current_language()):
            item = QListWidgetItem(article.title, self.techniques)
            item.setData(Qt.ItemDataRole.UserRole, article.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.temperature = said_combo(Temperature, _("How it felt"))
        self.ending = said_combo(Ending, _("How it ended"))
        self.rating = DataCombo(_("How I did"))
        self.rating.add(_("not rated"), None)
        for value in range(1, 6):
            self.rating.add("★" * value, value)
        self.follow_up = QCheckBox(_("Come back to it on"))
        self.follow_up_date = QDateEdit(QDate.currentDate().addDays(14))
        self.follow_up_date.setCalendarPopup(True)
        self.follow_up_date.setAccessibleName(_("Follow-up date"))
        self.follow_up_date.setEnabled(False)
        self.follow_up.toggled.connect(self.follow_up_date.setEnabled)
        follow_row = QHBoxLayout()
        follow_row.addWidget(self.follow_up)
        follow_row.addWidget(self.follow_up_date)
        follow_row.addStretch(1)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for label, field in ((_("Person"), self.person), (_("When"), self.when),
                             (_("Channel"), self.channel), (_("Duration"), self.duration),
                             (_("Topics"), self.topics), (_("Notes"), self.notes),
                             (_("Techniques used"), self.techniques),
                             (_("How it felt"), self.temperature),
                             (_("How it ended"), self.ending), (_("How I did"), self.rating),
                             (_("Follow-up"), follow_row)):
            form.addRow(label, field)
        self.observations = ObservationsBox(vault.repos.dimensions.list())
        self.person.currentIndexChanged.connect(self._show_previous)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        self.draft_note = hint("")
        self.draft_note.hide()
        body_layout.addWidget(self.draft_note)
        body_layout.addLayout(form)
        body_layout.addWidget(self.observations)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)

        self.error = message()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self._saving = False
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.discard_button = QPushButton(_("Discard draft"))
        self.discard_button.clicked.connect(self._discard_draft)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.discard_button.hide()  # after addButton, which shows it: only a restored draft has one
        if conversation is not None:
            history = QPushButton(_("Earlier versions…"))
            history.clicked.connect(self._show_history)
            buttons.addButton(history, QDialogButtonBox.ButtonRole.HelpRole)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        # Ctrl+Enter saves from anywhere in the dialog, the notes field included.
        for child in self.findChildren(QWidget):
            child.installEventFilter(self)

        if conversation is not None:
            self._load(conversation)
        else:
            if contact_id is not None:
                self.person.set_value(contact_id)
            self._restore_draft(contact_id)
        self._show_previous()
        if self.person.count() == 0:
            self.error.setText(_("Add a person first (People section)."))
            self.error.show()
        self.notes.setFocus()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and _is_save_key(event):
            self.save()
            return True
        return False

    def keyPressEvent(self, event) -> None:
        if _is_save_key(event):
            self.save()
            return
        super().keyPressEvent(event)

    # -- values ----------------------------------------------------------------------------
    def _load(self, conv: Conversation) -> None:
        self.person.set_value(conv.contact_id)
        self.when.setDateTime(QDateTime(QDate(conv.occurred_at.year, conv.occurred_at.month,
                                              conv.occurred_at.day),
                                        QTime(conv.occurred_at.hour, conv.occurred_at.minute)))
        self.channel.set_value(conv.channel)
        self.duration.setValue(conv.duration_minutes or 0)
        self.topics.setText(", ".join(conv.topics))
        self.notes.setPlainText(conv.notes)
        self._check_techniques(conv.techniques)
        self.temperature.set_value(conv.temperature)
        self.ending.set_value(conv.ending)
        self.rating.set_value(conv.self_rating)
        if conv.follow_up_on is not None:
            self.follow_up.setChecked(True)
            self.follow_up_date.setDate(QDate(conv.follow_up_on.year, conv.follow_up_on.month,
                                              conv.follow_up_on.day))
        self.observations.load(self.vault.repos.observations.for_conversation(conv.id))

    def _check_techniques(self, chosen: list[str]) -> None:
        for i in range(self.techniques.count()):
            item = self.techniques.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def conversation(self) -> Conversation:
        moment = self.when.dateTime().toPython()
        follow = self.follow_up_date.date().toPython() if self.follow_up.isChecked() else None
        conv = self.editing or Conversation(contact_id=0, occurred_at=datetime.now())
        conv.contact_id = self.person.value()
        conv.occurred_at = moment
        conv.channel = self.channel.value()
        conv.duration_minutes = self.duration.value() or None
        conv.topics = [t.strip() for t in self.topics.text().split(",") if t.strip()]
        conv.techniques = [self.techniques.item(i).data(Qt.ItemDataRole.UserRole)
                           for i in range(self.techniques.count())
                           if self.techniques.item(i).checkState() == Qt.CheckState.Checked]
        conv.notes = self.notes.toPlainText()
        conv.temperature = self.temperature.value()
        conv.ending = self.ending.value()
        conv.self_rating = self.rating.value()
        conv.follow_up_on = follow
        return conv

    def _show_previous(self) -> None:
        contact_id = self.person.value()
        latest: dict[int, int] = {}
        if contact_id is not None:
            for obs in self.vault.repos.observations.for_contact(contact_id):
                if self.editing is None or obs.conversation_id != self.editing.id:
                    latest[obs.dimension_id] = obs.value
        self.observations.show_previous(latest)

    # -- saving ----------------------------------------------------------------------------
    def save(self) -> None:
        if self.person.value() is None or self._saving:
            return
        conv = self.conversation()
        ratings = {s["dimension_id"]: Rating(s["value"], s["evidence"])
                   for s in self.observations.state()}
        offered = {row.dim.id for row in self.observations.rows}
        vault, new = self.vault, self.editing is None
        self._saving = True
        self.save_button.setEnabled(False)
        Operation(lambda: log_conversation(vault, conv, ratings, offered, new_draft_saved=new),
                  changes={Change.CONVERSATIONS, Change.OBSERVATIONS, Change.DRAFTS}, parent=self) \
            .success(self._saved).failure(self._save_failed).run(self.controller.tasks)

    def _saved(self, conv: Conversation) -> None:
        self._saving = False
        self.saved.emit(conv.id)
        self._closing_saved = True
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        self.error.setText(errors.describe(exc))
        self.error.show()

    # -- drafts ----------------------------------------------------------------------------
    def has_content(self) -> bool:
        return bool(self.notes.toPlainText().strip() or self.topics.text().strip()
                    or self.observations.state())

    def draft(self) -> dict | None:
        """What was typed and not saved, as plain values for `journal.log.keep_draft` (None
        when there is nothing to keep)."""
        if (self.editing is not None or not self.has_content() or self._saving
                or getattr(self, "_closing_saved", False)):
            return None
        conv = self.conversation()
        return {
            "contact_id": conv.contact_id, "occurred_at": conv.occurred_at.isoformat(),
            "channel": conv.channel.value, "duration": conv.duration_minutes,
            "topics": self.topics.text(), "notes": conv.notes, "techniques": conv.techniques,
            "temperature": conv.temperature and conv.temperature.value,
            "ending": conv.ending and conv.ending.value,
            "rating": conv.self_rating,
            "follow_up": conv.follow_up_on.isoformat() if conv.follow_up_on else None,
            "observations": self.observations.state()}

    def stash_draft(self) -> None:
        """Keep what was typed, inside the vault (on cancel or close; a lock keeps `draft()`
        on the closing worker)."""
        values = self.draft()
        if values is not None and not self.vault.read_only:
            vault = self.vault
            Operation(lambda: keep_draft(vault, values), changes={Change.DRAFTS}) \
                .run(self.controller.tasks)

    def _restore_draft(self, contact_id: int | None) -> None:
        draft = self.vault.repos.drafts.load(DRAFT)
        if not draft:
            return
        try:
            if contact_id is None and draft.get("contact_id") is not None:
                self.person.set_value(draft["contact_id"])
            self.when.setDateTime(QDateTime.fromString(draft["occurred_at"][:16],
                                                       "yyyy-MM-ddTHH:mm"))
            self.channel.set_value(Channel(draft["channel"]))
            self.duration.setValue(int(draft.get("duration") or 0))
            self.topics.setText(str(draft.get("topics", "")))
            self.notes.setPlainText(str(draft.get("notes", "")))
            self._check_techniques(list(draft.get("techniques", [])))
            said = draft.get("temperature"), draft.get("ending")
            self.temperature.set_value(Temperature(said[0]) if said[0] else None)
            self.ending.set_value(Ending(said[1]) if said[1] else None)
            self.rating.set_value(draft.get("rating"))
            if draft.get("follow_up"):
                self.follow_up.setChecked(True)
                self.follow_up_date.setDate(QDate.fromString(draft["follow_up"], "yyyy-MM-dd"))
            self.observations.restore(list(draft.get("observations", [])))
        except (KeyError, ValueError, TypeError):
            return
        self.draft_note.setText(_("Your unsaved draft was restored."))
        self.draft_note.show()
        self.discard_button.show()

    def _discard_draft(self) -> None:
        """Asked first: a draft is text the user typed, and this deletes it for good."""
        from commsdesk.ui.controls import confirm

        confirm(self, _("Delete the draft?"),
                _("The restored text and choices will be deleted. This cannot be undone."),
                self._delete_draft, _("Delete the draft"))

    def _delete_draft(self) -> None:
        vault = self.vault
        Operation(lambda: discard_draft(vault), changes={Change.DRAFTS}).run(self.controller.tasks)
        self.draft_note.hide()
        self.discard_button.hide()
        self.notes.clear()
        self.topics.clear()
        self.observations.restore([])

    def reject(self) -> None:
        self.stash_draft()
        super().reject()

    def _show_history(self) -> None:
        from commsdesk.ui.journal.history import HistoryDialog

        dialog = HistoryDialog(self.vault, "conversation", self.editing.id, self)
        dialog.restore.connect(self.notes.setPlainText)
        dialog.open()
