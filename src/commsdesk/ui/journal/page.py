"""Journal: every conversation with filters, and the entry points to log or edit one."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from commsdesk.domain import Channel, Temperature
from commsdesk.i18n import _, current_language, ngettext
from commsdesk.library.catalog import techniques
from commsdesk.storage import errors
from commsdesk.storage.conversations import ConversationFilter
from commsdesk.ui.controls import LazyCombo, choice_combo, compact_table
from commsdesk.ui.journal.dialog import ConversationDialog
from commsdesk.ui.journal.model import ConversationsModel
from commsdesk.ui.paged_model import RECORD_ROLE
from commsdesk.ui.sort_arrow import arrow_follows_order
from commsdesk.ui.widgets import heading, mark_vault_data


class JournalPage(QWidget):
    def __init__(self, controller, vault, workspace):
        super().__init__()
        mark_vault_data(self)
        self.controller, self.vault, self.workspace = controller, vault, workspace
        self.model = ConversationsModel(vault, controller.settings.discreet_mode, self, controller.pages)

        self.person = LazyCombo(_("Person"), self._person_items)
        self.person.add(_("Everyone"), None)
        self.channel = choice_combo(_("Channel"), _("Any channel"), [(_(c.label), c) for c in Channel])
        self.technique = choice_combo(_("Technique"), _("Any technique"),
                                [(a.title, a.id) for a in techniques(current_language())])
        # Long technique titles would make the window wider than a screen at 200 %: the list opens
        # wide enough, the closed box stays moderate.
        self.technique.setSizeAdjustPolicy(LazyCombo.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.technique.setMinimumContentsLength(24)
        self.temperature = choice_combo(_("How it felt"), _("Any mood"),
                                  [(_(t.label), t) for t in Temperature])
        self.use_dates = QCheckBox(_("Between"))
        self.since = QDateEdit(QDate.currentDate().addMonths(-3))
        self.until = QDateEdit(QDate.currentDate())
        for edit, name in ((self.since, _("From date")), (self.until, _("To date"))):
            edit.setCalendarPopup(True)
            edit.setAccessibleName(name)
            edit.setEnabled(False)
            edit.dateChanged.connect(lambda *_args: self._reload.start(0))
        self.use_dates.toggled.connect(self.since.setEnabled)
        self.use_dates.toggled.connect(self.until.setEnabled)
        # Several filters changed in a row (say, "clear all") reload the list once.
        self._reload = QTimer(self)
        self._reload.setSingleShot(True)
        self._reload.timeout.connect(self.apply_filter)
        for signal in (self.person.currentIndexChanged, self.channel.currentIndexChanged,
                       self.technique.currentIndexChanged, self.temperature.currentIndexChanged,
                       self.use_dates.toggled):
            signal.connect(lambda *_args: self._reload.start(0))

        self.table = QTableView()
        mark_vault_data(self.table)
        self.table.setAccessibleName(_("Conversations"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ConversationsModel.WHEN, Qt.SortOrder.DescendingOrder)
        arrow_follows_order(self.table.horizontalHeader())  # newest first: the arrow points down
        compact_table(self.table)
        header = self.table.horizontalHeader()
        for column in range(ConversationsModel.NOTES):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ConversationsModel.NOTES, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._open_row)
        self.table.activated.connect(self._open_row)
        self.count_label = QLabel()
        log = QPushButton(_("Log a conversation"))
        log.clicked.connect(lambda: self.log_conversation())

        filters = QGridLayout()
        filters.addWidget(self.person, 0, 0)
        filters.addWidget(self.channel, 0, 1)
        filters.addWidget(self.technique, 0, 2)
        filters.addWidget(self.temperature, 1, 0)
        dates = QHBoxLayout()
        dates.addWidget(self.use_dates)
        dates.addWidget(self.since)
        dates.addWidget(QLabel("—"))
        dates.addWidget(self.until)
        dates.addStretch(1)
        filters.addLayout(dates, 1, 1, 1, 2)
        top = QHBoxLayout()
        top.addWidget(heading(_("Journal")), 1)
        top.addWidget(log)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

    def refresh(self) -> None:
        self.person.stale = True  # people may have changed; the list refills when opened
        self.apply_filter()

    def _person_items(self) -> list[tuple[str, int | None]]:
        discreet = self.controller.settings.discreet_mode
        ordered = sorted(self.vault.repos.contacts.names().items(), key=lambda i: i[1].casefold())
        return [(_("Everyone"), None)] + [("•••" if discreet else name, cid)
                                          for cid, name in ordered]

    def person_in_view(self) -> int | None:
        return self.person.value()  # the person the list is filtered to, if any

    def filter_person(self, contact_id: int | None) -> None:
        """Show one person's conversations (the list of people loads first if needed)."""
        if self.person.stale:
            self.person.set_items(self._person_items())
            self.person.stale = False
        self.person.set_value(contact_id)
        self._reload.stop()
        self.apply_filter()

    def apply_filter(self) -> None:
        dated = self.use_dates.isChecked()
        self.model.filter = ConversationFilter(
            contact_id=self.person.value(),
            since=self.since.date().toPython() if dated else None,
            until=self.until.date().toPython() if dated else None,
            channel=self.channel.value(), technique=self.technique.value(),
            temperature=self.temperature.value())
        self.model.reload()
        total = self.model.total
        self.count_label.setText(ngettext("{n} conversation", "{n} conversations", total)
                                 .format(n=total))

    # -- dialogs ---------------------------------------------------------------------------
    def log_conversation(self, contact_id: int | None = None) -> ConversationDialog:
        dialog = ConversationDialog(self.controller, self.vault, self, contact_id)
        dialog.open()
        return dialog

    def edit_conversation(self, conversation_id: int) -> ConversationDialog | None:
        try:
            conversation = self.vault.repos.conversations.get(conversation_id)
        except errors.RecordNotFound:
            return None
        dialog = ConversationDialog(self.controller, self.vault, self, conversation=conversation)
        dialog.open()
        return dialog

    def _open_row(self, index) -> None:
        record = self.model.data(index, RECORD_ROLE)
        if record is not None:
            self.edit_conversation(record.id)

    def open_dialogs(self) -> list[ConversationDialog]:
        return self.findChildren(ConversationDialog)

