"""The unlocked app: navigation on the left, one section at a time, search and lock on top.

Sections never know each other: they ask the workspace to open a record or log a conversation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from commsdesk.i18n import _
from commsdesk.storage import Vault
from commsdesk.ui.widgets import mark_vault_data, with_clear_button

if TYPE_CHECKING:
    from commsdesk.ui.controller import AppController

OVERVIEW, PEOPLE, PLANNER, JOURNAL, PROGRESS, LIBRARY, CLUB, SETTINGS = range(8)


class Workspace(QWidget):
    is_workspace = True

    def __init__(self, controller: AppController, vault: Vault):
        super().__init__()
        mark_vault_data(self)
        self.controller = controller
        self.vault = vault
        from commsdesk.ui.club.page import ClubPage
        from commsdesk.ui.journal.page import JournalPage
        from commsdesk.ui.library.page import LibraryPage
        from commsdesk.ui.overview.page import OverviewPage
        from commsdesk.ui.people.page import PeoplePage
        from commsdesk.ui.planner.page import PlannerPage
        from commsdesk.ui.progress.page import ProgressPage
        from commsdesk.ui.settings.page import SettingsPage

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setAccessibleName(_("Sections"))
        self.nav.setMaximumWidth(240)
        self.nav.setMinimumWidth(160)
        self.nav.setStyleSheet(
            "QListWidget#nav { border: none; background: transparent; }"
            "QListWidget#nav::item { padding: 8px 10px; border-radius: 4px; }"
            "QListWidget#nav::item:selected { background: palette(highlight);"
            " color: palette(highlighted-text); }")
        nav_font = self.nav.font()
        nav_font.setPointSizeF(nav_font.pointSizeF() * 1.12)
        self.nav.setFont(nav_font)
        self.stack = QStackedWidget()
        self.sections = [OverviewPage(controller, vault, self), PeoplePage(controller, vault, self),
                         PlannerPage(controller, vault, self), JournalPage(controller, vault, self),
                         ProgressPage(controller, vault, self), LibraryPage(controller, vault, self),
                         ClubPage(controller, vault, self), SettingsPage(controller, vault, self)]
        titles = [_("Overview"), _("People"), _("Planner"), _("Journal"), _("Progress"), _("Library"),
                  _("Club"), _("Settings")]
        from commsdesk.ui.icons import SECTIONS, icon

        for title, name, section in zip(titles, SECTIONS, self.sections, strict=True):
            QListWidgetItem(icon(name), title, self.nav)
            self.stack.addWidget(section)
        side = round(self.nav.fontMetrics().height() * 1.3)
        self.nav.setIconSize(QSize(side, side))
        self._loaded: dict[int, int] = {}  # section → the vault's change count it last showed
        self.nav.currentRowChanged.connect(self._show)

        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText(_("Search everything (Ctrl+F)"))
        self.search_field.setAccessibleName(_("Search"))
        with_clear_button(self.search_field)
        from commsdesk.ui.search.help import syntax_help

        self.search_field.setToolTip(syntax_help())
        self.search_field.returnPressed.connect(self.open_search)
        log = QPushButton(icon("log"), _("Log a conversation"))
        log.setToolTip(_("Ctrl+N"))
        log.clicked.connect(lambda: self.log_conversation())
        lock = QPushButton(icon("lock"), _("Lock"))
        lock.setToolTip(_("Ctrl+L"))
        lock.clicked.connect(controller.lock)
        top = QHBoxLayout()
        top.addWidget(self.search_field, 1)
        top.addWidget(log)
        top.addWidget(lock)

        right = QVBoxLayout()
        self.read_only_banner: QLabel | None = None
        if vault.read_only:
            # Why changes are off, for as long as this vault is open (read-only media, full disk).
            self.read_only_banner = QLabel(_("Changes are off: {reason}").format(reason=_(vault.read_only)))
            self.read_only_banner.setObjectName("readOnlyBanner")
            self.read_only_banner.setWordWrap(True)
            self.read_only_banner.setAccessibleName(_("This vault is open read-only"))
            self.read_only_banner.setStyleSheet(
                "QLabel#readOnlyBanner { background: #fff4ce; color: #3b2f00; padding: 8px;"
                " border: 1px solid #e0c060; border-radius: 4px; }")
            right.addWidget(self.read_only_banner)
            log.setEnabled(False)
            log.setToolTip(_("Changes are off while the vault is read-only."))
        right.addLayout(top)
        right.addWidget(self.stack, 1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.nav)
        layout.addLayout(right, 1)

        for keys, slot in (("Ctrl+F", self.open_search), ("Ctrl+K", self.open_search),
                           (QKeySequence.StandardKey.New, self.log_conversation)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
        self._stale: set[int] = set()
        controller.vault_changed.connect(self._records_changed)

    # -- navigation ------------------------------------------------------------------------
    def current_index(self) -> int:
        return self.stack.currentIndex()

    def go_to(self, index: int) -> None:
        index = index if 0 <= index < len(self.sections) else 0
        if self.nav.currentRow() == index:
            self._show(index)
        else:
            self.nav.setCurrentRow(index)  # shows it through currentRowChanged

    def _show(self, index: int) -> None:
        """Show a section; reload it only if what it shows changed since it last loaded."""
        if index < 0:
            return
        self.stack.setCurrentIndex(index)
        if index in self._stale or index not in self._loaded:
            self._reload(index)

    def _reload(self, index: int) -> None:
        self._stale.discard(index)
        self._loaded[index] = self.controller.changes
        self.sections[index].refresh()

    def _records_changed(self, kinds: frozenset) -> None:
        """An operation changed these kinds of records: each section showing one of them
        (`watches`, all kinds when a section has none) reloads, the visible one at once, the
        others when next shown."""
        for index, section in enumerate(self.sections):
            watches = getattr(section, "watches", None)
            if watches is None or kinds & watches:
                self._stale.add(index)
        if self.stack.currentIndex() in self._stale:
            self._reload(self.stack.currentIndex())

    def drafts(self) -> list:
        """Before a lock: what open dialogs hold, as writes for the closing worker to keep
        inside the vault (`Vault.close(last_writes=…)`)."""
        from commsdesk.journal.log import keep_draft
        from commsdesk.ui.journal.dialog import ConversationDialog

        vault, writes = self.vault, []
        for dialog in self.findChildren(ConversationDialog):
            values = dialog.draft()
            if values is not None:
                writes.append(lambda values=values: keep_draft(vault, values))
        return writes

    # -- what sections ask for --------------------------------------------------------------
    def open_search(self) -> None:
        from commsdesk.ui.search.dialog import SearchDialog

        dialog = SearchDialog(self.controller, self.vault, self, self.search_field.text())
        dialog.open_hit.connect(self.open_record)
        dialog.open()

    def person_in_view(self) -> int | None:
        """The person the current section shows (People, Planner, Progress, a filtered Journal)."""
        section = self.stack.currentWidget()
        return section.person_in_view() if hasattr(section, "person_in_view") else None

    def log_conversation(self, contact_id: int | None = None) -> None:
        """Open the dialog over the section in view, for the person in view: the view stays."""
        if self.vault.read_only:  # say so before anything is typed, not at Save
            self.controller.window.flash(_("Changes are off: {reason}").format(
                reason=_(self.vault.read_only)))
            return
        if contact_id is None:
            contact_id = self.person_in_view()
        self.sections[JOURNAL].log_conversation(contact_id)

    def open_planner(self) -> None:
        self.go_to(PLANNER)

    def add_person(self) -> None:
        """The People section with an empty form, its name field focused."""
        if self.vault.read_only:
            self.controller.window.flash(_("Changes are off: {reason}").format(
                reason=_(self.vault.read_only)))
            return
        self.go_to(PEOPLE)
        self.sections[PEOPLE].new_person()

    def after_first_steps(self, contact_id: int) -> None:
        """The first-run guide made a person (and perhaps a plan): show where they are."""
        if self.vault.repos.plans.for_contact(contact_id):
            self.plan_for(contact_id)
        else:
            self.go_to(PEOPLE)
            self.sections[PEOPLE].show_person(contact_id)
        self.controller.window.flash(_("Saved. You can change any of it later."))

    def open_article(self, article_id: str) -> None:
        self.go_to(LIBRARY)
        self.sections[LIBRARY].show_article(article_id)

    def plan_for(self, contact_id: int) -> None:
        self.go_to(PLANNER)
        self.sections[PLANNER].show_person(contact_id)

    def progress_of(self, contact_id: int) -> None:
        self.go_to(PROGRESS)
        self.sections[PROGRESS].show_person(contact_id)

    def _article_of_note(self, ref: int) -> str:
        return self.vault.repos.library_marks.article_of(ref) or ""

    def open_record(self, kind: str, ref: int, contact_id: int | None) -> None:
        if kind == "article_note":
            self.go_to(LIBRARY)
            self.sections[LIBRARY].show_article(self._article_of_note(ref))
        elif kind == "prep_sheet" and contact_id is not None:
            self.plan_for(contact_id)
            self.sections[PLANNER].open_sheet(ref)
        elif kind == "conversation":
            self.go_to(JOURNAL)
            self.sections[JOURNAL].edit_conversation(ref)
        elif kind == "contact" or contact_id is not None:
            self.go_to(PEOPLE)
            self.sections[PEOPLE].show_person(ref if kind == "contact" else contact_id)
        else:
            self.go_to(OVERVIEW)
