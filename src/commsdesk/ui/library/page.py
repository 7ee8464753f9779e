"""Library: browse by kind and tag, search with the journal's morphology, read an article.

The reading pane is there from the start (with a hint until an article is chosen), so opening
the first article does not narrow the list and move the titles under the pointer.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSize, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLineEdit,
    QListView,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from commsdesk.club.shelf import installed_packs
from commsdesk.domain.changes import Change
from commsdesk.i18n import _, current_language
from commsdesk.library.catalog import articles
from commsdesk.library.pack_articles import empty_shelf, is_pack_article, pack_shelf
from commsdesk.library.search import library_index
from commsdesk.ui.controls import DataCombo
from commsdesk.ui.library.labels import KINDS, kind_label, tag_label
from commsdesk.ui.library.model import ArticlesModel
from commsdesk.ui.library.reader import ArticleReader
from commsdesk.ui.widgets import heading, hint, with_clear_button

PACKS = "@packs"  # the kind filter's value for articles from content packs


class LibraryPage(QWidget):
    watches = frozenset({Change.PACKS})  # the reader reports its own marks (`marks_changed`)

    def __init__(self, controller, vault, workspace):
        super().__init__()
        self.controller, self.vault, self.workspace = controller, vault, workspace
        language = current_language()
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search the library"))
        self.search.setAccessibleName(_("Search the library"))
        with_clear_button(self.search)
        self.kind = DataCombo(_("Kind"))
        self.kind.add(_("All kinds"), None)
        for kind in KINDS:
            self.kind.add(kind_label(kind), kind)
        self.kind.add(_("From content packs"), PACKS)
        self.packs = empty_shelf()
        self.tag = DataCombo(_("Tag"))
        self.tag.add(_("Any tag"), None)
        tags = sorted({t for a in articles(language).values() for t in a.tags}, key=tag_label)
        for tag in tags:
            self.tag.add(tag_label(tag), tag)
        self.bookmarked_only = QCheckBox(_("Bookmarked"))
        self.model = ArticlesModel(self)
        self.list = QListView()
        self.list.setAccessibleName(_("Articles"))
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        side = round(self.list.fontMetrics().height() * 0.9)
        self.list.setIconSize(QSize(side, side))
        self.list.selectionModel().currentRowChanged.connect(self._row_changed)
        self.empty = hint(_("Nothing found. Try another word or fewer filters."))
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        for signal in (self.kind.currentIndexChanged, self.tag.currentIndexChanged,
                       self.bookmarked_only.toggled):
            signal.connect(lambda *_args: self.apply_filter())

        filters = QGridLayout()
        filters.addWidget(self.kind, 0, 0)
        filters.addWidget(self.tag, 0, 1)
        filters.addWidget(self.bookmarked_only, 1, 0)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(heading(_("Library")))
        left_layout.addWidget(self.search)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.empty)
        self.reader = ArticleReader(controller, vault, lambda: self.packs)
        self.reader.open_article.connect(self.show_article)
        self.reader.marks_changed.connect(self._marks_changed)
        self.reader.open_conversation.connect(
            lambda conv_id: workspace.open_record("conversation", conv_id, None))
        self.right = QStackedWidget()
        self.right.addWidget(self._choose_hint())
        self.right.addWidget(self.reader)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([400, 600])  # in proportion: the list keeps two fifths from the start
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.apply_filter()

    @staticmethod
    def _choose_hint() -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(hint(_("Choose an article on the left. New here? Start with the "
                                "techniques: listening, questions instead of arguments, "
                                "shared values.")))
        layout.addStretch(2)
        return page

    def _open_in_reader(self, info) -> None:
        self.right.setCurrentWidget(self.reader)
        self.reader.show_article(info)

    def refresh(self) -> None:
        """Reload the installed packs' articles too (a pack may have been added or removed)."""
        self.packs = pack_shelf(installed_packs(self.vault))
        self.apply_filter()

    def catalog(self) -> dict:
        return {**articles(current_language()), **self.packs.infos}

    def apply_filter(self) -> None:
        language = current_language()
        catalog = self.catalog()
        marks = self.vault.repos.library_marks.all()
        self.model.bookmarked = {a for a, m in marks.items() if m.bookmarked}
        self.model.progress = {a: m.progress for a, m in marks.items()}
        self.model.pack_titles = self.packs.pack_titles
        text = self.search.text().strip()
        if text:
            ids = library_index(language).search(text) + self.packs.index.search(text)
        else:
            order = list(KINDS)
            ids = [a.id for a in sorted(catalog.values(),
                                        key=lambda a: (order.index(a.kind) if a.kind in order
                                                       else 99, a.title))]
        kind, tag = self.kind.value(), self.tag.value()
        rows = [catalog[i] for i in ids if i in catalog
                and (kind is None or catalog[i].kind == kind
                     or (kind == PACKS and is_pack_article(i)))
                and (tag is None or tag in catalog[i].tags)
                and (not self.bookmarked_only.isChecked() or i in self.model.bookmarked)]
        current = self.reader.info.id if self.reader.info else None
        self.model.set_articles(rows, grouped=not text)  # search results keep their ranking
        self.empty.setVisible(not rows)
        if current is not None and self.model.row_of(current) >= 0:
            self._select(current)

    def _marks_changed(self) -> None:
        marks = self.vault.repos.library_marks.all()
        self.model.update_marks({a for a, m in marks.items() if m.bookmarked},
                                {a: m.progress for a, m in marks.items()})

    def _select(self, article_id: str) -> None:
        row = self.model.row_of(article_id)
        if row >= 0:
            self.list.selectionModel().setCurrentIndex(
                self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _row_changed(self, current, _previous) -> None:
        info = self.model.article(current.row())
        if info is not None and (self.reader.info is None or info.id != self.reader.info.id):
            self._open_in_reader(info)

    def show_article(self, article_id: str) -> None:
        """Open an article by id (from a related link, search or the journal)."""
        info = self.catalog().get(article_id)
        if info is None:
            return
        if self.model.row_of(article_id) < 0:
            self.search.clear()
            self.kind.set_value(None)
            self.tag.set_value(None)
            self.bookmarked_only.setChecked(False)
            self.apply_filter()
        self._open_in_reader(info)
        self._select(article_id)
