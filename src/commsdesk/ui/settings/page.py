"""Settings: language, appearance, privacy and locking, and the vault's safety operations."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from commsdesk.i18n import _
from commsdesk.ui.controls import DataCombo
from commsdesk.ui.settings.export_panel import ExportPanel
from commsdesk.ui.settings.travel import TravelPanel
from commsdesk.ui.settings.vault_panel import VaultPanel
from commsdesk.ui.widgets import heading, mark_vault_data

LOCK_CHOICES = (1, 2, 5, 10, 15, 30, 60, 0)


class SettingsPage(QScrollArea):
    def __init__(self, controller, vault, workspace):
        super().__init__()
        mark_vault_data(self)  # it shows where the vault is
        self.controller, self.vault, self.workspace = controller, vault, workspace
        prefs = controller.settings
        self.setWidgetResizable(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(heading(_("Settings")))

        self.language = DataCombo(_("Language"))
        for text, code in ((_("System language"), "system"), ("Русский", "ru"), ("English", "en")):
            self.language.add(text, code)
        self.language.set_value(prefs.language)
        self.language.activated.connect(lambda _i: controller.apply_language(self.language.value()))
        self.theme = DataCombo(_("Theme"))
        for text, code in ((_("As the system"), "system"), (_("Light"), "light"),
                           (_("Dark"), "dark")):
            self.theme.add(text, code)
        self.theme.set_value(prefs.theme)
        self.theme.activated.connect(self._appearance)
        self.font_scale = QSpinBox()
        self.font_scale.setAccessibleName(_("Text size"))
        self.font_scale.setRange(80, 200)
        self.font_scale.setSingleStep(10)
        self.font_scale.setSuffix(" %")
        self.font_scale.setValue(prefs.font_scale)
        self.font_scale.editingFinished.connect(self._appearance)
        look = QGroupBox(_("Language and appearance"))
        form = QFormLayout(look)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("Language"), self.language)
        form.addRow(_("Theme"), self.theme)
        form.addRow(_("Text size"), self.font_scale)
        layout.addWidget(look)

        self.lock_after = DataCombo(_("Lock automatically"))
        for minutes in LOCK_CHOICES:
            self.lock_after.add(_("after {n} min without activity").format(n=minutes) if minutes
                                else _("never"), minutes)
        self.lock_after.set_value(prefs.lock_minutes)
        self.lock_after.activated.connect(self._privacy)
        self.on_minimise = self._check(_("Lock when the window is minimised"),
                                       prefs.lock_on_minimise)
        self.on_screen_lock = self._check(_("Lock when the computer's screen locks"),
                                          prefs.lock_on_screen_lock)
        self.discreet = self._check(_("Discreet mode: hide names and note previews in lists until "
                                      "a row is opened"), prefs.discreet_mode)
        self.notify_names = self._check(_("Show names in reminder notifications"),
                                        prefs.notify_with_text)
        self.quiet_weeks = QSpinBox()
        self.quiet_weeks.setAccessibleName(_("Quiet for how many weeks"))
        self.quiet_weeks.setRange(1, 52)
        self.quiet_weeks.setSuffix(_(" wk"))
        self.quiet_weeks.setValue(prefs.quiet_weeks)
        self.quiet_weeks.editingFinished.connect(self._privacy)
        privacy = QGroupBox(_("Privacy and locking"))
        form = QFormLayout(privacy)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("Lock automatically"), self.lock_after)
        for box in (self.on_minimise, self.on_screen_lock, self.discreet, self.notify_names):
            form.addRow(box)
        form.addRow(_("Overview lists people not talked to for"), self.quiet_weeks)
        layout.addWidget(privacy)

        self.vault_panel = VaultPanel(controller, vault)
        layout.addWidget(self.vault_panel)
        self.export_panel = ExportPanel(controller, vault)
        layout.addWidget(self.export_panel)
        self.travel_panel = TravelPanel(controller, vault)
        layout.addWidget(self.travel_panel)
        layout.addStretch(1)
        self.setWidget(body)

    def _check(self, text: str, value: bool) -> QCheckBox:
        box = QCheckBox(text)
        box.setChecked(value)
        box.toggled.connect(self._privacy)
        return box

    def _appearance(self, *_args) -> None:
        prefs = self.controller.settings
        if (prefs.theme, prefs.font_scale) == (self.theme.value(), self.font_scale.value()):
            return
        prefs.theme, prefs.font_scale = self.theme.value(), self.font_scale.value()
        self.controller.apply_appearance()

    def _privacy(self, *_args) -> None:
        prefs = self.controller.settings
        discreet_changed = prefs.discreet_mode != self.discreet.isChecked()
        prefs.lock_minutes = self.lock_after.value()
        prefs.lock_on_minimise = self.on_minimise.isChecked()
        prefs.lock_on_screen_lock = self.on_screen_lock.isChecked()
        prefs.discreet_mode = self.discreet.isChecked()
        prefs.notify_with_text = self.notify_names.isChecked()
        prefs.quiet_weeks = self.quiet_weeks.value()
        self.controller.idle.set_minutes(prefs.lock_minutes)
        self.controller.save_settings()
        if discreet_changed:
            self.controller.window.rebuild()

    def refresh(self) -> None:
        """Settings show preferences, not records: nothing to reload."""
