"""Controls of the unlocked workspace: combo boxes that keep values, confirmations, the undo bar.

Kept apart from `widgets` so that the start-up path (the unlock page) does not load them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from commsdesk.i18n import _


class DataCombo(QComboBox):
    """A combo box whose items carry Python values intact (Qt would turn a StrEnum into str)."""

    def __init__(self, accessible: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self._values: list[object] = []
        self._spoken_label: QLabel | None = None
        if accessible:
            self.setAccessibleName(accessible)

    def showEvent(self, event) -> None:
        self._label_for_screen_readers()
        super().showEvent(event)

    def _label_for_screen_readers(self) -> None:
        """On Linux Qt announces a combo box by its current item and ignores its accessible name:
        screen readers take what it is for from a label whose buddy it is. One without a visible
        label gets a hidden one that says its accessible name."""
        name, parent = self.accessibleName(), self.parentWidget()
        if not name or parent is None:
            return
        label = self._spoken_label
        if label is None or label.parent() is not parent:
            siblings = parent.findChildren(QLabel, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if any(sibling.buddy() is self for sibling in siblings):
                return  # a visible label (a form row) already names it
            label = self._spoken_label = QLabel(parent)
            label.setBuddy(self)
            label.hide()
        label.setText(name)

    def add(self, text: str, value: object) -> None:
        self._values.append(value)
        self.addItem(text)

    def reset(self) -> None:
        self._values.clear()
        self.clear()

    def set_items(self, items: list[tuple[str, object]]) -> None:
        """Replace every item in one call (fast for thousands of people)."""
        self.blockSignals(True)
        self.clear()
        self._values = [value for _text, value in items]
        self.addItems([text for text, _value in items])
        self.blockSignals(False)

    def value(self) -> object:
        index = self.currentIndex()
        return self._values[index] if 0 <= index < len(self._values) else None

    def set_value(self, value: object) -> bool:
        for index, candidate in enumerate(self._values):
            if candidate == value:
                self.setCurrentIndex(index)
                return True
        return False


class LazyCombo(DataCombo):
    """A combo box that fills its list only when opened (thousands of people cost time)."""

    def __init__(self, accessible: str, loader):
        super().__init__(accessible)
        self._loader = loader
        self.stale = True

    def showPopup(self) -> None:
        if self.stale:
            chosen = self.value()
            self.set_items(self._loader())
            self.blockSignals(True)
            self.set_value(chosen)
            self.blockSignals(False)
            self.stale = False
        super().showPopup()


def choice_combo(accessible: str, first: str, items) -> DataCombo:
    """A filter: `first` (meaning "any") with value None, then the given (text, value) items."""
    combo = DataCombo(accessible)
    combo.add(first, None)
    for text, value in items:
        combo.add(text, value)
    return combo


def compact_table(view) -> None:
    """Single-line rows sized to the font, for long lists that must scroll smoothly."""
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.setAlternatingRowColors(True)
    # Columns sized to their contents measure a sample of rows, not every loaded row: lists
    # grow by pages while the user scrolls.
    view.horizontalHeader().setResizeContentsPrecision(40)


def confirm(parent: QWidget, title: str, text: str, on_yes: Callable[[], None],
            yes_label: str | None = None) -> QMessageBox:
    """A non-blocking confirmation (no nested event loop, so a lock can always close it)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    yes = box.addButton(yes_label or _("Yes"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes)

    def done() -> None:
        if box.clickedButton() is yes:
            on_yes()

    box.finished.connect(done)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    name_icon(box, _("Question"))
    box.open()
    return box


def inform(parent: QWidget, title: str, text: str, error: bool = False) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning if error else QMessageBox.Icon.Information, title,
                      text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    name_icon(box, _("Warning") if error else _("Information"))
    box.open()
    return box


def name_icon(box: QMessageBox, name: str) -> None:
    """The box's icon is a picture: screen readers need a word for it."""
    icon = box.findChild(QLabel, "qt_msgboxex_icon_label")
    if icon is not None:
        icon.setAccessibleName(name)


class UndoBar(QFrame):
    """'Deleted. Undo' for a few seconds after a deletion."""

    undo = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self._label = QLabel()
        self._button = QPushButton(_("Undo"))
        self._button.clicked.connect(self._undo)
        layout.addWidget(self._label, 1)
        layout.addWidget(self._button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_message(self, text: str, seconds: int = 15) -> None:
        self._label.setText(text)
        self.show()
        self._timer.start(seconds * 1000)

    def _undo(self) -> None:
        self.hide()
        self.undo.emit()
