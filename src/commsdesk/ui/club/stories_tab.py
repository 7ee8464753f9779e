"""Story cards: make one from a person's journey or a single talk; the shelf of cards from others."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from commsdesk.club.shelf import import_story_cards, kept_cards, remove_story
from commsdesk.domain.changes import Change
from commsdesk.i18n import _, current_language, format_date, ngettext
from commsdesk.library.articles import render
from commsdesk.library.search import ArticleIndex
from commsdesk.storage import errors
from commsdesk.storage.conversations import ConversationFilter
from commsdesk.ui.controls import DataCombo, LazyCombo, confirm, inform
from commsdesk.ui.files import choose_files
from commsdesk.ui.tasks import Operation
from commsdesk.ui.widgets import heading, hint, mark_vault_data, with_clear_button
from commsdesk.ui.widgets.browser import SafeBrowser
from commsdesk.ui.widgets.contacts import people_choices

ROW_ROLE = Qt.ItemDataRole.UserRole
JOURNEY = "journey"


class StoriesTab(QWidget):
    def __init__(self, controller, vault, parent=None):
        super().__init__(parent)
        mark_vault_data(self)
        self.controller, self.vault = controller, vault
        self.cards: dict[int, object] = {}
        self.index = ArticleIndex([])
        self.person = LazyCombo(_("Person"), self._people)
        self.person.setPlaceholderText(_("Choose a person"))
        self.person.setCurrentIndex(-1)
        self.person.currentIndexChanged.connect(lambda _i: self._fill_talks())
        self.talk = DataCombo(_("From"))
        self.talk.set_items([(_("Their whole journey"), JOURNEY)])
        make = QPushButton(_("Make a story card…"))
        make.clicked.connect(self.make_card)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search the club stories"))
        self.search.setAccessibleName(_("Search the club stories"))
        with_clear_button(self.search)
        self.search.textChanged.connect(lambda _t: self._fill_shelf())
        self.club = QLineEdit()
        self.club.setPlaceholderText(_("Club the cards come from (optional)"))
        self.club.setAccessibleName(_("Club the cards come from"))
        self.shelf = QListWidget()
        mark_vault_data(self.shelf)
        self.shelf.setAccessibleName(_("Club stories"))
        self.shelf.setWordWrap(True)
        self.shelf.currentItemChanged.connect(lambda *_a: self._show_current())
        import_button = QPushButton(_("Import story cards…"))
        import_button.clicked.connect(self.choose_files)
        self.remove_button = QPushButton(_("Remove from the shelf"))
        self.remove_button.clicked.connect(self._remove)
        self.reader = SafeBrowser()
        self.reader.setAccessibleName(_("Story card"))

        maker = QGridLayout()
        maker.addWidget(self.person, 0, 0)
        maker.addWidget(self.talk, 0, 1)
        maker.addWidget(make, 0, 2)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(heading(_("Share your experience"), 3))
        left_layout.addWidget(hint(_("A story card tells how talks with one person went, with names "
                                     "replaced by roles, places made general and dates relative. "
                                     "You check every line before anything is written.")))
        left_layout.addLayout(maker)
        left_layout.addWidget(heading(_("Club stories"), 3))
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.shelf, 1)
        left_layout.addWidget(self.club)
        row = QHBoxLayout()
        row.addWidget(import_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        left_layout.addLayout(row)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.reader)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    # -- the shelf -------------------------------------------------------------------------
    def refresh(self) -> None:
        self.cards = dict(kept_cards(self.vault))
        self.index = ArticleIndex([
            (str(rid), card.title, card.duration, (), " ".join(_searchable(card)))
            for rid, card in self.cards.items()])
        self._fill_shelf()

    def _fill_shelf(self) -> None:
        text = self.search.text().strip()
        ids = [int(i) for i in self.index.search(text)] if text else list(self.cards)
        self.shelf.clear()
        for rid in ids:
            card = self.cards[rid]
            source = card.source
            where = source.club or source.file_name if source else ""
            line = f"{card.title} · {_(card.relationship.label)}" + (f" · {where}" if where else "")
            item = QListWidgetItem(line, self.shelf)
            item.setData(ROW_ROLE, rid)
        if self.shelf.count():
            self.shelf.setCurrentRow(0)
        else:
            self.reader.setHtml("")
        self.remove_button.setEnabled(bool(self.shelf.count()))

    def _show_current(self) -> None:
        from commsdesk.club.stories import card_markdown

        item = self.shelf.currentItem()
        if item is None:
            return
        card = self.cards[item.data(ROW_ROLE)]
        self.reader.setHtml(render(as_page(card_markdown(card, current_language()))))

    def choose_files(self) -> None:
        choose_files(self, _("Import story cards"), _("Story cards (*.cdstory.json)"), self.import_files)

    def import_files(self, paths: list[Path]) -> None:
        """Each file is read in full before anything is stored; a refused file writes nothing."""
        vault, club = self.vault, self.club.text()

        def done(result) -> None:
            self.refresh()
            summary = ngettext("{n} story card added to the shelf.",
                               "{n} story cards added to the shelf.", result.added).format(n=result.added)
            inform(self, _("Import story cards"), "\n".join([summary, *result.problems]),
                   bool(result.problems))

        Operation(lambda: import_story_cards(vault, list(paths), club),
                  changes=lambda result: {Change.STORIES} if result.added else (), parent=self) \
            .success(done).run(self.controller.tasks)

    def _remove(self) -> None:
        item = self.shelf.currentItem()
        if item is None:
            return
        vault, rid = self.vault, item.data(ROW_ROLE)
        confirm(self, _("Remove this story card?"), _("It is deleted from your vault."),
                lambda: Operation(lambda: remove_story(vault, rid), changes={Change.STORIES}, parent=self)
                .success(lambda _none: self.refresh()).run(self.controller.tasks), _("Remove"))

    # -- making a card ---------------------------------------------------------------------
    def _people(self) -> list[tuple[str, object]]:
        return people_choices(self.vault, self.controller.settings.discreet_mode)

    def _fill_talks(self) -> None:
        contact_id = self.person.value()
        items: list[tuple[str, object]] = [(_("Their whole journey"), JOURNEY)]
        if contact_id is not None:
            for talk in self.vault.repos.conversations.list(ConversationFilter(contact_id=contact_id),
                                                            limit=200):
                items.append((_("The talk of {day}").format(
                    day=format_date(talk.occurred_at.date(), "medium")), talk.id))
        self.talk.set_items(items)

    def choose_person(self, contact_id: int) -> None:
        if not self.person.set_value(contact_id):
            self.person.set_items(self._people())
            self.person.stale = False
            self.person.set_value(contact_id)
        self._fill_talks()

    def make_card(self) -> None:
        """The draft is read and anonymized in the background (a long journey takes a while);
        the dialog opens when it is ready."""
        from commsdesk.club.stories import draft_from_conversation, draft_from_journey

        contact_id, source = self.person.value(), self.talk.value()
        if contact_id is None:
            inform(self, _("Make a story card"), _("Choose a person first."), True)
            return
        language = current_language()

        def draft():
            if source in (None, JOURNEY):
                return draft_from_journey(self.vault, contact_id, language)
            return draft_from_conversation(self.vault, source, language)

        self.controller.tasks.run(draft, self._open_draft, self._draft_failed)

    def _open_draft(self, draft) -> None:
        import shiboken6

        from commsdesk.ui.club.story_dialog import StoryDialog

        if shiboken6.isValid(self):  # not locked meanwhile
            StoryDialog(self, draft, self.controller).open()

    def _draft_failed(self, exc: BaseException) -> None:
        import shiboken6

        if shiboken6.isValid(self):  # a lock closes the vault under the worker: nothing to say
            inform(self, _("Make a story card"), errors.describe(exc), True)


def as_page(markdown: str) -> str:
    """The card's title as the page's heading (the reader's sanitiser keeps h2 and below)."""
    return "#" + markdown if markdown.startswith("# ") else markdown


def _searchable(card) -> tuple[str, ...]:
    from commsdesk.club.stories import searchable_texts

    return searchable_texts(card)
