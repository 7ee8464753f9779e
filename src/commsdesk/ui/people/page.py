"""People: a filterable list on the left; the chosen person's profile and timeline on the right.

Unsaved edits in the profile are never dropped by choosing someone else: the page asks first, and
the list keeps showing the person whose form is open."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from commsdesk.domain import Channel, Contact, Relationship
from commsdesk.domain.changes import Change
from commsdesk.i18n import _
from commsdesk.people.contacts import delete_person, save_person, set_archived, undo_delete
from commsdesk.storage import errors
from commsdesk.storage.contacts import ContactFilter
from commsdesk.ui.controls import UndoBar, choice_combo, compact_table, confirm
from commsdesk.ui.paged_model import RECORD_ROLE
from commsdesk.ui.people.form import ContactForm
from commsdesk.ui.people.model import TimelineModel
from commsdesk.ui.tasks import Operation
from commsdesk.ui.unsaved import ask_unsaved
from commsdesk.ui.widgets import heading, hint, mark_vault_data
from commsdesk.ui.widgets.contacts import ContactsModel, name_filter_field, people_table


class PeoplePage(QWidget):
    def __init__(self, controller, vault, workspace):
        super().__init__()
        mark_vault_data(self)
        self.controller, self.vault, self.workspace = controller, vault, workspace
        self.model = ContactsModel(vault, controller.settings.discreet_mode, self, controller.pages)

        self.name_filter = name_filter_field()
        self.relationship = choice_combo(_("Relationship"), _("Everyone"),
                                   [(_(r.label), r) for r in Relationship])
        self.channel = choice_combo(_("Channel"), _("Any channel"), [(_(c.label), c) for c in Channel])
        self.tag = choice_combo(_("Tag"), _("Any tag"), [])
        self.archived = QCheckBox(_("Archive"))
        self.archived.setToolTip(_("Show archived people instead"))
        self._reload = QTimer(self)  # several filter changes in a row reload once
        self._reload.setSingleShot(True)
        self._reload.timeout.connect(self.apply_filter)
        for signal in (self.name_filter.textChanged, self.relationship.currentIndexChanged,
                       self.channel.currentIndexChanged, self.tag.currentIndexChanged,
                       self.archived.toggled):
            signal.connect(lambda *_args: self._reload.start(0))

        self.table = people_table(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ContactsModel.NAME, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        new = QPushButton(_("New person"))
        new.clicked.connect(self.new_person)
        from_phone = QPushButton(_("Import from a phone…"))
        from_phone.setToolTip(_("A .vcf file exported from the phone's contacts"))
        from_phone.clicked.connect(self.choose_phone_export)

        filters = QGridLayout()
        filters.addWidget(self.relationship, 0, 0)
        filters.addWidget(self.channel, 0, 1)
        filters.addWidget(self.tag, 1, 0)
        filters.addWidget(self.archived, 1, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(heading(_("People")))
        left_layout.addWidget(self.name_filter)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)
        self.undo_bar = UndoBar()
        self.undo_bar.undo.connect(self._undo_delete)
        left_layout.addWidget(self.undo_bar)
        add_row = QHBoxLayout()
        add_row.addWidget(new)
        add_row.addWidget(from_phone)
        left_layout.addLayout(add_row)

        self.detail = self._build_detail()
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._deleted: int | None = None
        self._selecting = False  # the page itself moves the list's selection
        self._after_save = None  # where to go once the form is saved (after "Save" in a question)
        self._show_contact(None)

    def _build_detail(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        self.title = heading("", 2)
        header = QHBoxLayout()
        self.log_button = QPushButton(_("Log a conversation"))
        self.log_button.clicked.connect(lambda: self.workspace.log_conversation(self._current_id()))
        self.archive_button = QPushButton(_("Archive"))
        self.archive_button.clicked.connect(self._toggle_archive)
        self.delete_button = QPushButton(_("Delete…"))
        self.delete_button.clicked.connect(self._delete)
        for button in (self.log_button, self.archive_button, self.delete_button):
            header.addWidget(button)
        header.addStretch(1)
        layout.addWidget(self.title)
        layout.addLayout(header)
        self.empty_hint = hint(_("Choose a person on the left, or add someone new. Pseudonyms are "
                                 "fine: nobody else needs to know who “Aunt O.” is."))
        layout.addWidget(self.empty_hint)
        self.tabs = QTabWidget()
        self.form = ContactForm()  # scrolls inside, with its save bar always in view
        self.form.saved.connect(self._save)
        self.timeline = QTableView()
        mark_vault_data(self.timeline)
        self.timeline.setAccessibleName(_("Timeline"))
        compact_table(self.timeline)
        self.timeline.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.timeline.doubleClicked.connect(self._open_timeline_entry)
        self.tabs.addTab(self.form, _("Profile"))
        self.tabs.addTab(self.timeline, _("Timeline"))
        layout.addWidget(self.tabs, 1)
        return box

    # -- list ------------------------------------------------------------------------------
    def refresh(self) -> None:
        current = self._current_id()
        tags = self.vault.repos.contacts.all_tags()
        chosen = self.tag.value()
        self.tag.blockSignals(True)
        self.tag.reset()
        self.tag.add(_("Any tag"), None)
        for tag in tags:
            self.tag.add(tag, tag)
        self.tag.set_value(chosen)
        self.tag.blockSignals(False)
        self.apply_filter()
        if current is not None and not self.form.is_dirty():
            self.show_person(current)
        else:  # keep the edits in the form, and the list on the person they belong to
            self._select_row(current)

    def apply_filter(self) -> None:
        self.model.filter = ContactFilter(
            tag=self.tag.value(), relationship=self.relationship.value(),
            channel=self.channel.value(), archived=self.archived.isChecked(),
            name_contains=self.name_filter.text().strip() or None)
        self.model.reload()

    def _current_id(self) -> int | None:
        return self.form.contact.id if self.form.contact is not None else None

    def person_in_view(self) -> int | None:
        return self._current_id()

    def _row_changed(self, current, _previous) -> None:
        if self._selecting:
            return
        record = self.model.record(current.row())
        if record is None or record.id == self._current_id():
            return
        if self.form.is_dirty():
            # The list goes back to the open form's person once the click is done with it (the
            # view selects the clicked row after announcing it), then the page asks.
            shown = self._current_id()
            QTimer.singleShot(0, lambda: self._select_row(shown))
            self._ask_before_leaving(lambda: self.show_person(record.id))
        else:
            self._show_contact(self.vault.repos.contacts.get(record.id))

    def _ask_before_leaving(self, go_on) -> None:
        """Unsaved edits: save them (then go on), throw them away (then go on), or stay."""
        def save_then_go_on() -> None:
            self._after_save = go_on
            if not self.form.save():
                self._after_save = None  # a name is missing: the form says so and stays

        name = self.form.name.text().strip()
        text = (_("The changes to “{name}” are not saved yet.").format(name=name) if name
                else _("The new person is not saved yet."))
        ask_unsaved(self, text, lambda: (self.form.mark_clean(), go_on()), save_then_go_on)

    def _select_row(self, contact_id: int | None) -> None:
        """Move the list's selection without reacting to it."""
        self._selecting = True
        try:
            row = -1 if contact_id is None else self.model.row_of(lambda c: c.id == contact_id)
            if row >= 0:
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
            else:
                self.table.selectionModel().clear()
        finally:
            self._selecting = False

    def show_person(self, contact_id: int | None) -> None:
        """Select and show a person (from search, Overview or the timeline)."""
        if contact_id is None:
            return
        if contact_id != self._current_id() and self.form.is_dirty():
            self._ask_before_leaving(lambda: self.show_person(contact_id))
            return
        try:
            contact = self.vault.repos.contacts.get(contact_id)
        except errors.RecordNotFound:
            return
        if contact.archived != self.archived.isChecked():
            self.archived.setChecked(contact.archived)
            self._reload.stop()
            self.apply_filter()
        row = self.model.row_of(lambda c: c.id == contact_id)
        while row < 0 and self.model.has_more():
            self.model.load_more_now()
            row = self.model.row_of(lambda c: c.id == contact_id)
        self._show_contact(contact)
        self._select_row(contact_id)

    def _show_contact(self, contact: Contact | None) -> None:
        shown = contact is not None
        for widget in (self.tabs, self.log_button, self.archive_button, self.delete_button):
            widget.setVisible(shown)
        self.empty_hint.setVisible(not shown)
        if contact is None:
            self.form.contact = None
            self.title.setText("")
            return
        self.form.load(contact)
        discreet = self.controller.settings.discreet_mode
        self.title.setText(_("New person") if contact.id is None
                           else _(contact.relationship.label) if discreet else contact.display_name)
        self.archive_button.setText(_("Unarchive") if contact.archived else _("Archive"))
        if contact.id is None:
            self.timeline.setModel(None)
            self.tabs.setCurrentIndex(0)
            return
        model = TimelineModel(self.vault, contact.id, self.timeline)
        model.reload()
        old = self.timeline.model()
        self.timeline.setModel(model)
        if old is not None:
            old.deleteLater()
        header = self.timeline.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    # -- actions ---------------------------------------------------------------------------
    def new_person(self) -> None:
        if self.form.is_dirty():
            self._ask_before_leaving(self.new_person)
            return
        self._select_row(None)
        self._show_contact(Contact(""))
        self.form.name.setFocus()

    def _op(self, fn, then=None, failure=None) -> None:
        """Run one change to the people through the operation runner."""
        op = Operation(fn, changes={Change.CONTACTS}, parent=self)
        if then is not None:
            op.success(then)
        if failure is not None:
            op.failure(failure)
        op.run(self.controller.tasks)

    def _save(self, contact: Contact) -> None:
        vault = self.vault

        def saved(stored: Contact) -> None:
            self.form.confirm_saved(stored)  # clean before the page reloads around it
            go_on, self._after_save = self._after_save, None
            if go_on is not None:  # saved on the way to someone else: say it where it stays visible
                self.controller.window.flash(_("The changes were saved."))
                go_on()
            else:
                self.show_person(stored.id)
                self.form.confirm_saved(self.form.contact)

        def failed(exc: BaseException) -> None:
            self._after_save = None
            self.form.show_error(errors.describe(exc))

        self._op(lambda: save_person(vault, contact), saved, failed)

    def _toggle_archive(self) -> None:
        contact = self.form.contact
        if contact is None or contact.id is None:
            return
        if self.form.is_dirty():  # archiving reloads the form: the edits first
            self._ask_before_leaving(self._toggle_archive)
            return
        vault, contact_id, archived = self.vault, contact.id, not contact.archived
        self._op(lambda: set_archived(vault, contact_id, archived),
                 lambda _none: self.show_person(contact_id))

    def _delete(self) -> None:
        contact = self.form.contact
        if contact is None or contact.id is None:
            return
        vault, contact_id = self.vault, contact.id

        def deleted(_none) -> None:
            self._deleted = contact_id
            self._show_contact(None)
            self.undo_bar.show_message(_("The person and all their records were deleted."))

        confirm(self, _("Delete this person?"),
                _("Their conversations, observations, plans and reminders will be deleted too. "
                  "You can undo this for a short while."),
                lambda: self._op(lambda: delete_person(vault, contact_id), deleted), _("Delete"))

    def _undo_delete(self) -> None:
        if self._deleted is not None:
            vault, restored, self._deleted = self.vault, self._deleted, None
            self._op(lambda: undo_delete(vault, restored), lambda _none: self.show_person(restored))

    def choose_phone_export(self) -> None:
        from commsdesk.ui.files import choose_file

        choose_file(self, _("Import contacts from a phone"),
                    _("Contacts exported from a phone (*.vcf *.vcard)"), self.read_phone_export)

    def read_phone_export(self, path: str) -> None:
        """Read the file in the background; the user then picks whom to import."""
        import shiboken6

        from commsdesk.people.vcard import read_phone_export_file
        from commsdesk.ui.controls import inform
        from commsdesk.ui.people.phone_import import PhoneImportDialog

        def show(export) -> None:
            if not shiboken6.isValid(self):  # locked meanwhile
                return
            dialog = PhoneImportDialog(self, self.controller, self.vault, export)
            dialog.open()

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self):
                inform(self, _("Import contacts from a phone"), errors.describe(exc), True)

        self.controller.tasks.run(lambda: read_phone_export_file(path), show, failed)

    def _open_timeline_entry(self, index) -> None:
        entry = index.model().data(index, RECORD_ROLE)
        if entry is not None and entry.kind == "conversation":
            self.workspace.open_record("conversation", entry.ref, self._current_id())
