"""Asking before typed text is thrown away: save, discard or keep editing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from commsdesk.i18n import _
from commsdesk.ui.controls import name_icon


def ask_unsaved(parent: QWidget, text: str, on_discard: Callable[[], None],
                on_save: Callable[[], None] | None = None) -> QMessageBox:
    """A non-blocking question (no nested event loop, so a lock can always close it). "Keep
    editing" is the default and what Esc answers: nothing is lost by a reflex."""
    box = QMessageBox(QMessageBox.Icon.Warning, _("Unsaved changes"), text,
                      QMessageBox.StandardButton.NoButton, parent)
    save = box.addButton(_("Save"), QMessageBox.ButtonRole.AcceptRole) if on_save else None
    discard = box.addButton(_("Discard changes"), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(_("Keep editing"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    name_icon(box, _("Warning"))

    def done() -> None:
        clicked = box.clickedButton()
        if clicked is discard:
            on_discard()
        elif save is not None and clicked is save and on_save is not None:
            on_save()

    box.finished.connect(done)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
