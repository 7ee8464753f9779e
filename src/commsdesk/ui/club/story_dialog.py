"""Make a story card: the anonymized draft, every flag still in it, a preview, and the export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from commsdesk.club.stories import EXTENSION, StoryDraft, card_markdown, export_card
from commsdesk.domain import Relationship
from commsdesk.files import write_private
from commsdesk.i18n import _, ngettext
from commsdesk.library.articles import render
from commsdesk.storage.errors import VaultError
from commsdesk.ui.controls import confirm, inform
from commsdesk.ui.files import choose_file
from commsdesk.ui.widgets import hint, mark_vault_data
from commsdesk.ui.widgets.browser import SafeBrowser
from commsdesk.ui.widgets.fields import enum_combo, text_box

FIELDS = ("story", "what_worked", "what_did_not", "tip")
FLAG_ROLE = Qt.ItemDataRole.UserRole


class StoryDialog(QDialog):
    exported = Signal(str)  # the path written

    def __init__(self, parent: QWidget, draft: StoryDraft, controller):
        super().__init__(parent)
        mark_vault_data(self)
        self.controller = controller  # asks for the passphrase before the plaintext export
        self.draft = draft
        card = draft.card
        self.setWindowTitle(_("Make a story card"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(1100, 760)
        self.title = QLineEdit(card.title)
        self.title.setAccessibleName(_("Title"))
        self.relationship = enum_combo(Relationship, _("Who it is for you"))
        self.relationship.set_value(card.relationship)
        self.duration = QLineEdit(card.duration)
        self.duration.setAccessibleName(_("How long it took"))
        self.boxes = {}
        for name, label, lines in (("story", _("The story"), 8), ("what_worked", _("What worked"), 3),
                                   ("what_did_not", _("What did not work"), 3), ("tip", _("A tip"), 2)):
            box = text_box(label, lines)
            box.setPlainText(getattr(card, name))
            box.textChanged.connect(self.check)
            self.boxes[name] = (label, box)
        self.flags = QListWidget()
        self.flags.setAccessibleName(_("Possible names and details left"))
        self.flags.setWordWrap(True)
        self.flags_hint = hint("")
        replace = QPushButton(_("Replace the chosen one"))
        replace.clicked.connect(self.replace_current)
        replace_all = QPushButton(_("Replace all"))
        replace_all.clicked.connect(self.replace_all)
        self.preview = SafeBrowser()
        self.preview.setAccessibleName(_("Preview"))

        form = QFormLayout()
        form.addRow(_("Title"), self.title)
        form.addRow(_("Who it is for you"), self.relationship)
        form.addRow(_("How long it took"), self.duration)
        for label, box in self.boxes.values():
            form.addRow(label, box)
        left = QWidget()
        left.setLayout(form)
        flag_buttons = QHBoxLayout()
        flag_buttons.addWidget(replace)
        flag_buttons.addWidget(replace_all)
        flag_buttons.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(hint(_("Names were replaced by roles, places made general and dates "
                                      "relative. Read it through: only you know what could still "
                                      "identify someone.")))
        right_layout.addWidget(self.flags_hint)
        right_layout.addWidget(self.flags, 1)
        right_layout.addLayout(flag_buttons)
        right_layout.addWidget(self.preview, 2)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton(_("Export the card…"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.clicked.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(hint(_("The exported file is not encrypted. It holds only what you see "
                                "in the preview.")))
        layout.addWidget(buttons)
        for edit in (self.title, self.duration):
            edit.textChanged.connect(self.check)
        self.check()
        self._as_opened = self._typed()
        self._leaving = False

    def _typed(self) -> tuple:
        return (self.title.text(), self.relationship.currentIndex(), self.duration.text(),
                *(box.toPlainText() for _label, box in self.boxes.values()))

    def reject(self) -> None:
        """Cancel, Esc or the window's close button: ask before dropping what was typed (the
        card is not kept anywhere until it is exported)."""
        if self._leaving or self._typed() == self._as_opened:
            super().reject()
            return
        from commsdesk.ui.unsaved import ask_unsaved

        def leave() -> None:
            self._leaving = True
            self.reject()

        ask_unsaved(self, _("Your edits to this story card will be lost: it is kept nowhere "
                            "until you export it."), leave)

    def current_card(self):
        card = self.draft.card
        card.title = self.title.text().strip()
        card.relationship = self.relationship.value()
        card.duration = self.duration.text().strip()
        for name, (_label, box) in self.boxes.items():
            setattr(card, name, box.toPlainText().strip())
        return card

    def check(self) -> None:
        card = self.current_card()
        remaining = self.draft.remaining()
        self.flags.clear()
        for name, flags in remaining.items():
            label = self.boxes[name][0] if name in self.boxes else name
            for flag in flags:
                text = _("{field}: “{found}” → {replacement}").format(
                    field=label, found=flag.found, replacement=flag.replacement or _("(removed)"))
                item = QListWidgetItem(text, self.flags)
                item.setData(FLAG_ROLE, (name, flag))
        count = self.flags.count()
        self.flags_hint.setText(ngettext("{n} possible name or detail is still in the card.",
                                         "{n} possible names or details are still in the card.",
                                         count).format(n=count) if count
                                else _("Nothing that looks like a name, a place or a date is left."))
        from commsdesk.ui.club.stories_tab import as_page

        self.preview.setHtml(render(as_page(card_markdown(card, card.language))))

    def _replace(self, name: str, flag) -> None:
        if name in self.boxes:
            box = self.boxes[name][1]
            text = box.toPlainText()
            if text[flag.start:flag.end] == flag.found:
                box.setPlainText(text[:flag.start] + flag.replacement + text[flag.end:])
        else:
            edit = self.title if name == "title" else self.duration
            text = edit.text()
            if text[flag.start:flag.end] == flag.found:
                edit.setText(text[:flag.start] + flag.replacement + text[flag.end:])

    def replace_current(self) -> None:
        item = self.flags.currentItem()
        if item is not None:
            self._replace(*item.data(FLAG_ROLE))
            self.check()

    def replace_all(self) -> None:
        for name, flags in self.draft.remaining().items():
            for flag in sorted(flags, key=lambda f: f.start, reverse=True):
                self._replace(name, flag)
        self.check()

    def export(self) -> None:
        card = self.current_card()
        if not card.title:
            inform(self, _("Make a story card"), _("Give the card a title first."), True)
            return
        if self.flags.count():
            confirm(self, _("Export with possible names left?"), ngettext(
                "{n} possible name or detail is still in the card. Export it anyway?",
                "{n} possible names or details are still in the card. Export them anyway?",
                self.flags.count()).format(n=self.flags.count()), self._choose_path,
                _("Export anyway"))
            return
        self._choose_path()

    def _choose_path(self) -> None:
        from commsdesk.ui.reauth import confirm_plaintext

        confirm_plaintext(self.controller, self, self._choose_target)

    def _choose_target(self) -> None:
        choose_file(self, _("Export the story card"), _("Story cards (*.cdstory.json)"), self.write,
                    save=True, suggested="story" + EXTENSION)

    def write(self, path: Path) -> None:
        """The card file and, beside it, the same card as readable Markdown."""
        if not path.name.endswith(EXTENSION):
            path = path.with_name(path.name.removesuffix(".json") + EXTENSION)
        card = self.current_card()
        try:
            write_private(path, export_card(card))
            markdown = path.with_name(path.name.removesuffix(EXTENSION) + ".md")
            write_private(markdown, card_markdown(card, card.language).encode("utf-8"))
        except VaultError as exc:  # a full disk, a folder we may not write, a field too long
            inform(self, _("Export the story card"), exc.user_message(), True)
            return
        self.exported.emit(str(path))
        self.accept()
