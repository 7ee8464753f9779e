"""Club: exchange experience (story cards), trainers' material (content packs), practice, meetings."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from commsdesk.domain.changes import Change
from commsdesk.i18n import _
from commsdesk.ui.widgets import heading, mark_vault_data

STORIES, PACKS, PRACTICE, MEETINGS = range(4)


class ClubPage(QWidget):
    """Its tabs are built the first time the Club is shown (they cost 70 ms; unlocking, nothing)."""

    # The tabs reload themselves after their own changes (cards, packs, practice).
    watches = frozenset({Change.CONTACTS, Change.CONVERSATIONS})

    def __init__(self, controller, vault, workspace):
        super().__init__()
        mark_vault_data(self)
        self.controller, self.vault, self.workspace = controller, vault, workspace
        self.tabs = QTabWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(_("Communication Club")))
        layout.addWidget(self.tabs, 1)

    def _build(self) -> None:
        from commsdesk.ui.club.meeting_kit import MeetingKitTab
        from commsdesk.ui.club.packs_tab import PacksTab
        from commsdesk.ui.club.practice import PracticeTab
        from commsdesk.ui.club.stories_tab import StoriesTab

        controller, vault = self.controller, self.vault
        self.stories = StoriesTab(controller, vault)
        self.packs = PacksTab(controller, vault, self.workspace)
        self.practice = PracticeTab(controller, vault)
        self.practice.open_article.connect(self.workspace.open_article)
        self.meetings = MeetingKitTab(controller, vault)
        for tab, title in ((self.stories, _("Story cards")), (self.packs, _("Content packs")),
                           (self.practice, _("Practice")), (self.meetings, _("Meeting kit"))):
            self.tabs.addTab(tab, title)
        self.tabs.currentChanged.connect(lambda _i: self.tabs.currentWidget().refresh())

    def refresh(self) -> None:
        if not self.tabs.count():
            self._build()
        self.tabs.currentWidget().refresh()
