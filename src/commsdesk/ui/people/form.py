"""A person's profile form: every field of a Contact, pseudonyms encouraged."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from commsdesk.domain import AgeGroup, Channel, Contact, MediaKind, MediaSource, Relationship
from commsdesk.i18n import _
from commsdesk.ui.widgets import mark_vault_data, message
from commsdesk.ui.widgets.fields import enum_combo, text_box


class MediaDietEditor(QWidget):
    """What the person watches and reads: a kind and, optionally, the channel's name."""

    def __init__(self):
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Media diet"))
        self.list.setMaximumHeight(90)
        self.kind = enum_combo(MediaKind, _("Kind of media"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("Name, e.g. a channel (optional)"))
        self.name.setAccessibleName(_("Media name"))
        add = QPushButton(_("Add"))
        add.clicked.connect(self._add)
        remove = QPushButton(_("Remove"))
        remove.clicked.connect(lambda: self.list.takeItem(self.list.currentRow()))
        inputs = QHBoxLayout()
        inputs.addWidget(self.kind)
        inputs.addWidget(self.name, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        layout.addWidget(self.list)
        layout.addLayout(inputs)
        layout.addLayout(buttons)

    def _add(self) -> None:
        self._append(MediaSource(self.kind.value(), self.name.text().strip()))
        self.name.clear()

    def _append(self, source: MediaSource) -> None:
        text = _(source.kind.label) + (f" — {source.name}" if source.name else "")
        item = QListWidgetItem(text, self.list)
        item.setData(Qt.ItemDataRole.UserRole, source)

    def set_sources(self, sources: list[MediaSource]) -> None:
        self.list.clear()
        for source in sources:
            self._append(source)

    def sources(self) -> list[MediaSource]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]


class ContactForm(QWidget):
    saved = Signal(object)  # the Contact with the form's values

    def __init__(self):
        super().__init__()
        mark_vault_data(self)
        self.contact: Contact | None = None
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
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
        self.phones.setPlaceholderText(_("Optional, comma-separated; every extra detail is a risk if "
                                         "the laptop is seized"))
        self.address = QLineEdit()
        self.address.setAccessibleName(_("Address"))
        self.address.setPlaceholderText(_("Optional; better left empty"))
        for label, field in ((_("Name"), self.name), (_("Relationship"), self.relationship),
                             (_("Region"), self.region), (_("Age group"), self.age_group),
                             (_("Channels"), self.channels), (_("Media diet"), self.media),
                             (_("Values and interests"), self.values),
                             (_("Topics to avoid"), self.avoid), (_("Safety notes"), self.safety),
                             (_("Tags"), self.tags), (_("Stay in touch every"), self.stay),
                             (_("Phone numbers"), self.phones), (_("Address"), self.address)):
            form.addRow(label, field)
        self.save_button = QPushButton(_("Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._save)
        self.error = message()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.error, 1)
        row.addWidget(self.save_button)
        layout.addLayout(row)

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
        contact.tags = [t.strip() for t in self.tags.text().split(",") if t.strip()]
        contact.stay_in_touch_weeks = self.stay.value() or None
        contact.phones = [p.strip() for p in self.phones.text().split(",") if p.strip()]
        contact.address = self.address.text().strip()
        return contact

    def _save(self) -> None:
        if not self.name.text().strip():
            self.show_error(_("Give the person a name or an alias."))
            self.name.setFocus()
            return
        self.error.hide()
        self.saved.emit(self.values_into(self.contact or Contact("")))

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
