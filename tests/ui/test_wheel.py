"""The wheel scrolls forms and never edits a value the user did not touch (issue 13 §1)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollArea,
    QSlider,
    QWidget,
)

from commsdesk.ui.journal.dialog import ConversationDialog
from commsdesk.ui.workspace import JOURNAL, PEOPLE
from helpers import add_person


def turn_wheel(over: QWidget, notches: int = -3) -> QWidget:
    """Turn the wheel with the pointer over the middle of a control, as a mouse would: the event
    goes to the innermost widget under the pointer. Negative notches scroll down."""
    window = over.window()
    centre = over.mapTo(window, over.rect().center())
    target = window.childAt(centre) or window
    local = target.mapFrom(window, centre)
    for _notch in range(abs(notches)):
        event = QWheelEvent(QPointF(local), QPointF(target.mapToGlobal(local)), QPoint(),
                            QPoint(0, 120 if notches > 0 else -120), Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(target, event)
    return target


def scroll_area_of(widget: QWidget) -> QScrollArea:
    parent = widget.parentWidget()
    while not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    return parent


def test_wheel_over_the_rating_scrolls_the_dialog_and_keeps_not_rated(qtbot, unlocked):
    add_person(unlocked.vault, "Мама")
    dialog = unlocked.window.workspace.sections[JOURNAL].log_conversation()
    dialog.resize(640, 420)
    qtbot.waitExposed(dialog)
    scroll = scroll_area_of(dialog.rating)
    bar = scroll.verticalScrollBar()
    scroll.ensureWidgetVisible(dialog.rating)
    assert bar.value() < bar.maximum()
    before = bar.value()
    target = turn_wheel(dialog.rating)
    assert target is dialog.rating or dialog.rating.isAncestorOf(target)
    assert dialog.rating.value() is None and dialog.rating.currentText() == "not rated"
    assert bar.value() > before  # the form moved instead
    # Over an observation's 0–10 box (a spin box: the text field inside it is under the pointer).
    row = dialog.observations.rows[0]
    scroll.ensureWidgetVisible(row.value)
    turn_wheel(row.value, 2)
    assert row.value.value() == 5 and not row.record.isChecked()
    dialog.reject()
    assert unlocked.vault.repos.conversations.list() == []


def test_a_focused_control_still_takes_the_wheel(qtbot, unlocked):
    add_person(unlocked.vault, "Мама")
    dialog = unlocked.window.workspace.sections[JOURNAL].log_conversation()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    scroll_area_of(dialog.rating).ensureWidgetVisible(dialog.rating)
    dialog.rating.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(dialog.rating.hasFocus)
    turn_wheel(dialog.rating, -1)
    assert dialog.rating.value() == 1  # the user chose this control: the wheel is theirs


def test_value_controls_take_focus_by_click_or_tab_not_by_wheel(qtbot, unlocked):
    add_person(unlocked.vault, "Мама")
    workspace = unlocked.window.workspace
    dialog = workspace.sections[JOURNAL].log_conversation()
    qtbot.waitExposed(dialog)
    workspace.go_to(PEOPLE)
    controls = [w for root in (dialog, workspace) for w in root.findChildren(QWidget)
                if isinstance(w, (QComboBox, QAbstractSpinBox, QSlider))]
    assert len(controls) > 10
    wheel_focus = [w.accessibleName() or type(w).__name__ for w in controls
                   if w.focusPolicy() == Qt.FocusPolicy.WheelFocus]
    assert wheel_focus == []
    assert isinstance(dialog, ConversationDialog)
