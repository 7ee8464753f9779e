"""A person's profile form: every field of a Contact, pseudonyms encouraged.

The fields scroll; the save bar under them does not. Ctrl+S saves, and the bar says when it did.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from commsdesk.domain import AgeGroup, Channel, Contact, MediaKind, MediaSource, Relationship
from commsdesk.i18n import _, format_time
from commsdesk.ui.widgets import hint, mark_vault_data, message, tint
from commsdesk.ui.widgets.fields import enum_combo, text_box


class MediaDietEditor(QWidget):
    """What the person watches and reads: a list of sources, each a kind and, optionally, a name.

    Built to look like a list one adds to: the entries, "nothing yet" while empty, then a row to
    compose the next entry with its "Add to the list" button, and "Remove" for the chosen one."""

    changed = Signal()

    def __init__(self):
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Media diet"))
        lines = self.list.fontMetrics().lineSpacing()
        self.list.setMinimumHeight(lines * 3 + 12)
        self.list.setMaximumHeight(lines * 6 + 12)
        self.empty = hint(_("Nothing in the list yet. Add what they watch, read or listen to."))
        self.kind = enum_combo(MediaKind, _("Kind of media"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("Name (optional), e.g. a channel"))
        self.name.setAccessibleName(_("Media name"))
        self.name.returnPressed.connect(self._add)
        self.add_button = QPushButton(_("Add to the list"))
        self.add_button.clicked.connect(self._add)
        self.remove_button = QPushButton(_("Remove the chosen one"))
        self.remove_button.clicked.connect(self._remove)
        self.list.currentRowChanged.connect(self._enable_remove)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        layout.addWidget(hint(_("Next entry: what kind, and a name if you like")))
        layout.addWidget(self.kind)  # one field a line: the panel is narrow
        layout.addWidget(self.name)
        layout.addLayout(buttons)
        self._enable_remove()

    def _enable_remove(self, *_args) -> None:
        self.remove_button.setEnabled(self.list.currentRow() >= 0)
        self.empty.setVisible(self.list.count() == 0)

    def _add(self) -> None:
        self._append(MediaSource(self.kind.value(), self.name.text().strip()))
        self.name.clear()
        self.list.setCurrentRow(self.list.count() - 1)
        self._enable_remove()
        self.changed.emit()

    def _remove(self) -> None:
        if self.list.currentRow() >= 0:
            self.list.takeItem(self.list.currentRow())
            self._enable_remove()
            self.changed.emit()

    def _append(self, source: MediaSource) -> None:
        text = _(source.kind.label) + (f" — {source.name}" if source.name else "")
        item = QListWidgetItem(text, self.list)
        item.setData(Qt.ItemDataRole.UserRole, source)

    def set_sources(self, sources: list[MediaSource]) -> None:
        """Show a person's list; the entry row starts afresh (no kind left from someone else)."""
        self.list.clear()
        for source in sources:
            self._append(source)
        self.kind.setCurrentIndex(0)
        self.name.clear()
        self._enable_remove()

    def sources(self) -> list[MediaSource]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]


def _split(text: str) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()]


class ContactForm(QWidget):
    saved = Signal(object)  # the Contact with the form's values

    def __init__(self):
        super().__init__()
        mark_vault_data(self)
        self.contact: Contact | None = None
        self._loaded: tuple = ()
        self.name = QLineEdit()
        self.name.setAccessibleName(_("Name or alias"))
        self.name.setPlaceholderText(_("A name or an alias, e.g. “Mum”"))
        self.relationship = enum_combo(Relationship, _("Relationship"))
        self.region = QLineEdit()
        self.region.setAccessibleName(_("Region"))
        self.region.setPlaceholderText(_("Optional; a broad region is enough"))
        self.age_group = enum_combo(AgeGroup, _("Age group"))
        self.channels = QWidget()
        self.channels.setAccessibleName(_("Channels"))
        grid = QGridLayout(self.channels)
        grid.setContentsMargins(0, 0, 0, 0)
        self.channel_boxes: dict[Channel, QCheckBox] = {}
        for index, channel in enumerate(Channel):
            box = QCheckBox(_(channel.label))
            self.channel_boxes[channel] = box
            grid.addWidget(box, index // 3, index % 3)
        self.media = MediaDietEditor()
        self.values = text_box(_("Values and interests"))
        self.avoid = text_box(_("Topics to avoid"), 2)
        self.safety = text_box(_("Safety notes"), 2)
        self.tags = QLineEdit()
        self.tags.setAccessibleName(_("Tags"))
        self.tags.setPlaceholderText(_("Comma-separated, e.g. family, TV"))
        self.stay = QSpinBox()
        self.stay.setAccessibleName(_("Stay in touch every N weeks"))
        self.stay.setRange(0, 52)
        self.stay.setSpecialValueText(_("no reminder"))
        self.stay.setSuffix(_(" wk"))
        self.phones = QLineEdit()
        self.phones.setAccessibleName(_("Phone numbers"))
        self.phones.setPlaceholderText(_("Optional, comma-separated"))
        self.phones.setToolTip(_("Every extra detail is a risk if the laptop is seized."))
        self.address = QLineEdit()
        self.address.setAccessibleName(_("Address"))
        self.address.setPlaceholderText(_("Optional; better left empty"))

        # Labels above their fields: the panel is narrow, and a field should get its full width.
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, field in ((_("Name"), self.name), (_("Relationship"), self.relationship),
                             (_("Region"), self.region), (_("Age group"), self.age_group),
                             (_("Channels"), self.channels), (_("Media diet"), self.media),
                             (_("Values and interests"), self.values),
                             (_("Topics to avoid"), self.avoid), (_("Safety notes"), self.safety),
                             (_("Tags"), self.tags), (_("Stay in touch every"), self.stay),
                             (_("Phone numbers"), self.phones), (_("Address"), self.address)):
            form.addRow(label, field)
        fields = QWidget()
        fields.setLayout(form)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(fields)

        self.save_button = QPushButton(_("Save"))
        self.save_button.setDefault(True)
        self.save_button.setToolTip(_("Ctrl+S"))
        self.save_button.clicked.connect(self.save)
        self.error = message()
        self.status = QLabel()  # "Saved at 14:05" or "Unsaved changes"
        self.status.setAccessibleName(_("Save status"))
        self._fade = QTimer(self)  # "Saved" goes after a while; "Unsaved changes" stays
        self._fade.setSingleShot(True)
        self._fade.timeout.connect(self._show_state)
        bar = QHBoxLayout()
        bar.addWidget(self.error, 1)
        bar.addStretch(1)
        bar.addWidget(self.status)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(bar)
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save)
        self._watch_changes()

    def _watch_changes(self) -> None:
        for edit in (self.name, self.region, self.tags, self.phones, self.address):
            edit.textChanged.connect(self._edited)
        for box in (self.values, self.avoid, self.safety):
            box.textChanged.connect(self._edited)
        for combo in (self.relationship, self.age_group):
            combo.currentIndexChanged.connect(self._edited)
        for check in self.channel_boxes.values():
            check.toggled.connect(self._edited)
        self.stay.valueChanged.connect(self._edited)
        self.media.changed.connect(self._edited)

    # -- values ----------------------------------------------------------------------------
    def load(self, contact: Contact) -> None:
        self.contact = contact
        self.name.setText(contact.display_name)
        self.relationship.set_value(contact.relationship)
        self.region.setText(contact.region)
        self.age_group.set_value(contact.age_group)
        for channel, box in self.channel_boxes.items():
            box.setChecked(channel in contact.channels)
        self.media.set_sources(contact.media_diet)
        self.values.setPlainText(contact.values_interests)
        self.avoid.setPlainText(contact.topics_to_avoid)
        self.safety.setPlainText(contact.safety_notes)
        self.tags.setText(", ".join(contact.tags))
        self.stay.setValue(contact.stay_in_touch_weeks or 0)
        self.phones.setText(", ".join(contact.phones))
        self.address.setText(contact.address)
        self.error.hide()
        self.scroll.verticalScrollBar().setValue(0)  # a person's page opens at the top
        self._fade.stop()
        self.mark_clean()

    def _values(self) -> tuple:
        """What the user can change, as shown: compared to tell unsaved edits."""
        return (self.name.text().strip(), self.relationship.value(), self.region.text().strip(),
                self.age_group.value(), tuple(b.isChecked() for b in self.channel_boxes.values()),
                tuple(self.media.sources()), self.values.toPlainText(), self.avoid.toPlainText(),
                self.safety.toPlainText(), tuple(_split(self.tags.text())), self.stay.value(),
                tuple(_split(self.phones.text())), self.address.text().strip())

    def is_dirty(self) -> bool:
        return self.contact is not None and self._values() != self._loaded

    def mark_clean(self) -> None:
        self._loaded = self._values()
        self._show_state()

    def values_into(self, contact: Contact) -> Contact:
        contact.display_name = self.name.text().strip()
        contact.relationship = self.relationship.value()
        contact.region = self.region.text().strip()
        contact.age_group = self.age_group.value()
        contact.channels = [c for c, box in self.channel_boxes.items() if box.isChecked()]
        contact.media_diet = self.media.sources()
        contact.values_interests = self.values.toPlainText()
        contact.topics_to_avoid = self.avoid.toPlainText()
        contact.safety_notes = self.safety.toPlainText()
        contact.tags = _split(self.tags.text())
        contact.stay_in_touch_weeks = self.stay.value() or None
        contact.phones = _split(self.phones.text())
        contact.address = self.address.text().strip()
        return contact

    # -- saving ----------------------------------------------------------------------------
    def save(self) -> bool:
        """Check and hand the values on (the page stores them); False if something is missing."""
        if self.contact is None:
            return False
        if not self.name.text().strip():
            self.show_error(_("Give the person a name or an alias."))
            self.scroll.ensureWidgetVisible(self.name)
            self.name.setFocus()
            return False
        self.error.hide()
        self.saved.emit(self.values_into(self.contact))
        return True

    def confirm_saved(self, contact: Contact) -> None:
        """The page stored the person: say so in the save bar for a few seconds."""
        self.contact = contact
        self.mark_clean()
        self.status.setText(_("Saved at {time}").format(time=format_time(datetime.now())))
        tint(self.status, "info")
        self.status.show()
        self._fade.start(8000)

    def _edited(self, *_args) -> None:
        self.error.hide()  # a stale message goes as soon as the user acts on it
        self._fade.stop()
        self._show_state()

    def _show_state(self) -> None:
        if self._fade.isActive():
            return
        dirty = self.is_dirty()
        self.status.setText(_("Unsaved changes") if dirty else "")
        tint(self.status, "info")
        self.status.setVisible(dirty)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
