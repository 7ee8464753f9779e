"""The Club's Meeting kit tab: a 90-minute agenda to preview, print or save as a PDF."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from commsdesk.club.meetings import Agenda, agenda_html, agendas
from commsdesk.i18n import _, current_language
from commsdesk.ui.controls import DataCombo, inform
from commsdesk.ui.pdf import choose_pdf_path, print_html, write_pdf
from commsdesk.ui.widgets import hint
from commsdesk.ui.widgets.browser import SafeBrowser


class MeetingKitTab(QWidget):
    """Bundled agendas only: nothing from the vault is shown or printed here."""

    def __init__(self, controller, vault, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller, self.vault = controller, vault
        self.agenda = DataCombo(_("Agenda"))
        for item in agendas(current_language()):
            self.agenda.add(item.title, item.id)
        self.agenda.currentIndexChanged.connect(lambda _i: self.refresh())
        self.preview = SafeBrowser()
        self.preview.setAccessibleName(_("Agenda preview"))
        export = QPushButton(_("Export to PDF…"))
        export.clicked.connect(self.export_pdf)
        printing = QPushButton(_("Print…"))
        printing.clicked.connect(self.print_agenda)
        self.buttons = (export, printing)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Agenda")))
        top.addWidget(self.agenda, 1)
        top.addWidget(export)
        top.addWidget(printing)
        layout = QVBoxLayout(self)
        layout.addWidget(hint(_("A plan for a 90-minute club meeting, with the roles and the ground "
                                "rules. The printout holds no names: the ground rules ask for none, "
                                "so do not add any by hand.")))
        layout.addLayout(top)
        layout.addWidget(self.preview, 1)
        self.refresh()

    def current(self) -> Agenda | None:
        chosen = self.agenda.value()
        return next((a for a in agendas(current_language()) if a.id == chosen), None)

    def html(self) -> str:
        agenda = self.current()
        return agenda_html(agenda, current_language()) if agenda else ""

    def refresh(self) -> None:
        self.preview.setHtml(self.html())
        for button in self.buttons:
            button.setEnabled(self.current() is not None)

    def export_pdf(self) -> None:
        agenda = self.current()
        if agenda is None:
            return
        html = self.html()

        def write(path) -> None:
            try:
                write_pdf(html, path)
            except OSError:
                inform(self, _("Export to PDF"), _("The PDF could not be written there."), True)

        choose_pdf_path(self, _("meeting-agenda.pdf"), write)

    def print_agenda(self) -> None:
        if self.current() is not None:
            print_html(self, self.html())
