"""The wheel scrolls forms, it never edits them: one application-wide guard for value controls.

A combo box, spin box, date edit or slider takes the wheel only while it has the keyboard focus
(the user clicked or tabbed into it). Otherwise the wheel goes to the scroll area around it, so
scrolling a long form with the pointer over "How I did" no longer turns "not rated" into five stars.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QSlider,
    QWidget,
)

GUARDED = (QComboBox, QAbstractSpinBox, QSlider)


def _focused(control: QWidget) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and (focus is control or control.isAncestorOf(focus))


def _scroll_areas(control: QWidget):
    """The scroll areas around a control, innermost first."""
    parent = control.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            yield parent
        if parent.isWindow():
            return
        parent = parent.parentWidget()


def _pass_to_scroll_area(control: QWidget, event: QWheelEvent) -> None:
    """Give the wheel to the innermost scroll area that can still move that way.

    Done by hand rather than by ignoring the event: Qt propagates only spontaneous wheel events to
    parents, so the guard behaves the same for the real wheel and for events sent by tests or
    assistive tools."""
    for area in _scroll_areas(control):
        viewport = area.viewport()
        where = QPointF(viewport.mapFromGlobal(event.globalPosition().toPoint()))
        copy = QWheelEvent(where, event.globalPosition(), event.pixelDelta(), event.angleDelta(),
                           event.buttons(), event.modifiers(), event.phase(), event.inverted(),
                           event.source())
        copy.setAccepted(False)
        QApplication.sendEvent(viewport, copy)
        if copy.isAccepted():
            return


def _guarded(watched: QObject) -> QWidget | None:
    """The value control that would take this wheel event: the widget itself, or the one whose
    part it is (the text field inside a spin box or an editable combo box)."""
    if not isinstance(watched, QWidget) or watched.isWindow():
        return None
    if isinstance(watched, GUARDED):
        return watched
    parent = watched.parentWidget()
    return parent if isinstance(parent, GUARDED) else None


_WHEEL, _POLISH = QEvent.Type.Wheel, QEvent.Type.Polish


class WheelGuard(QObject):
    """Installed once on the application; sees every widget's events before the widget does.

    Every event of the app passes through here, so the common case is kept to one call and two
    identity checks (enum `==` costs several times more: see benchmarks/wheel_guard_bench.py)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind is _WHEEL:
            control = _guarded(watched)
            if control is None or _focused(control):
                return False
            _pass_to_scroll_area(control, event)
            event.accept()
            return True
        if kind is _POLISH and isinstance(watched, GUARDED):
            calm_focus(watched)
        return False


def calm_focus(control: QWidget) -> None:
    # WheelFocus would give the control the focus as the wheel passes over it, and with it the wheel.
    if control.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        control.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def install(app: QApplication) -> WheelGuard:
    """Guard every value control of the application (idempotent: one guard per application)."""
    guard = app.findChild(WheelGuard)
    if guard is None:
        guard = WheelGuard(app)
        app.installEventFilter(guard)
        for widget in QApplication.allWidgets():  # made before the guard: already polished
            if isinstance(widget, GUARDED):
                calm_focus(widget)
    return guard
