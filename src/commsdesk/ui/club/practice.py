"""The Club's Practice tab: role-play in threes and practice drills alone, each with its log."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from commsdesk.i18n import _
from commsdesk.ui.club.drill_view import DrillView
from commsdesk.ui.club.roleplay_view import RoleplayView
from commsdesk.ui.widgets import mark_vault_data


class PracticeTab(QWidget):
    open_article = Signal(str)  # a library article id, from a drill
    practised = Signal(object)  # the PracticeEntry just stored

    def __init__(self, controller, vault, parent: QWidget | None = None):
        super().__init__(parent)
        mark_vault_data(self)
        self.controller, self.vault = controller, vault
        self.roleplay = RoleplayView(controller, vault)
        self.drills = DrillView(controller, vault)
        for view in (self.roleplay, self.drills):
            view.saved.connect(self.practised.emit)
        self.drills.open_article.connect(self.open_article.emit)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.roleplay, _("Role-play"))
        self.tabs.addTab(self.drills, _("Drills"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def refresh(self) -> None:
        self.roleplay.refresh()
        self.drills.refresh()
