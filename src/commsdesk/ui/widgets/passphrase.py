"""Passphrase entry: a field with a show/hide toggle, and a meter of how strong its text is."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit, QProgressBar, QVBoxLayout, QWidget

from commsdesk.i18n import N_, _

STRENGTH_LABELS = (N_("Very weak"), N_("Weak"), N_("Fair"), N_("Strong"), N_("Very strong"))


def strength(passphrase: str) -> int:
    """0..4 from zxcvbn; only the score is used (its feedback text is English-only)."""
    if not passphrase:
        return 0
    from zxcvbn import zxcvbn  # its dictionaries load slowly: only when someone types

    return int(zxcvbn(passphrase[:100])["score"])


class StrengthMeter(QWidget):
    """A bar and a word for how strong a passphrase field's text is (zxcvbn's score)."""

    def __init__(self, field):
        super().__init__()
        self.bar = QProgressBar()
        self.bar.setRange(0, 4)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(8)
        self.bar.setAccessibleName(_("Passphrase strength"))
        self.label = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.label)
        field.textChanged.connect(self.rate)
        self.rate("")

    def value(self) -> int:
        return self.bar.value()

    def rate(self, text: str) -> None:
        score = strength(text)
        self.bar.setValue(score)
        self.label.setText(_("Strength: {label}").format(label=_(STRENGTH_LABELS[score]))
                           if text else "")



class PassphraseField(QLineEdit):
    """A password line edit with a show/hide toggle; nothing it holds is ever logged."""

    def __init__(self, placeholder: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setPlaceholderText(placeholder)
        self.setAccessibleName(placeholder)
        self.setMinimumWidth(320)
        self._toggle = QAction(_("Show"), self)
        self._toggle.setCheckable(True)
        self._toggle.toggled.connect(self._show)
        self.addAction(self._toggle, QLineEdit.ActionPosition.TrailingPosition)

    def keyPressEvent(self, event) -> None:
        # The show/hide button takes no focus: Ctrl+H in the field does the same from the keyboard.
        # (A key check, not an action shortcut: Qt's namespace costs start-up time to build.)
        if QKeySequence(event.keyCombination()) == QKeySequence("Ctrl+H"):
            self._toggle.toggle()
            return
        super().keyPressEvent(event)

    def _show(self, visible: bool) -> None:
        self.setEchoMode(QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password)
        self._toggle.setText(_("Hide") if visible else _("Show"))

    def take(self) -> str:
        text = self.text()
        self.clear()
        return text
