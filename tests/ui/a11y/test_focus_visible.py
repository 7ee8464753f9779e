"""Issue 13 §4: where the keyboard is must show — on buttons, check boxes, fields and list rows, in the
light and the dark theme: each control looks different with the focus than without it.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QCheckBox, QPushButton, QWidget

from commsdesk.ui.workspace import JOURNAL, PEOPLE, SETTINGS
from helpers import add_person


def changed_pixels(before: QImage, after: QImage) -> int:
    assert before.size() == after.size()
    return sum(1 for y in range(before.height()) for x in range(before.width())
               if before.pixel(x, y) != after.pixel(x, y))


def looks(qtbot, widget: QWidget, focused: bool, elsewhere: QWidget) -> QImage:
    if not focused:
        elsewhere.setFocus()
    else:  # Tab from the control before it: styles draw the focus once the keyboard moved it
        before = widget.previousInFocusChain()
        while not (before.isVisible() and before.isEnabled()
                   and before.focusPolicy() & Qt.FocusPolicy.TabFocus):
            before = before.previousInFocusChain()
        before.setFocus()
        qtbot.keyClick(before, Qt.Key.Key_Tab)
    QApplication.processEvents()
    assert widget.hasFocus() == focused
    return widget.grab().toImage()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_focus_shows_on_every_kind_of_control(qtbot, unlocked, theme):
    add_person(unlocked.vault, "Мама")
    add_person(unlocked.vault, "Папа")
    unlocked.settings.theme = theme
    unlocked.apply_appearance()  # the workspace is built anew, with the people
    window = unlocked.window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    workspace = window.workspace
    elsewhere = workspace.search_field
    controls = {"section list": workspace.nav}
    workspace.go_to(JOURNAL)
    controls["button"] = next(b for b in workspace.sections[JOURNAL].findChildren(QPushButton)
                              if b.isVisible())
    controls["combo box"] = workspace.sections[JOURNAL].channel
    workspace.go_to(PEOPLE)
    controls["people list"] = workspace.sections[PEOPLE].table
    controls["field"] = workspace.sections[PEOPLE].name_filter
    workspace.go_to(SETTINGS)
    controls["check box"] = next(b for b in workspace.sections[SETTINGS].findChildren(QCheckBox)
                                 if b.isVisible())
    invisible = []
    for name, widget in controls.items():
        if name != "section list":
            workspace.go_to({"button": JOURNAL, "combo box": JOURNAL, "people list": PEOPLE,
                             "field": PEOPLE, "check box": SETTINGS}[name])
        if name == "people list":
            widget.selectRow(0)
        off, on = looks(qtbot, widget, False, elsewhere), looks(qtbot, widget, True, elsewhere)
        if changed_pixels(off, on) < 20:
            invisible.append(name)
    assert invisible == [], f"the focus does not show on: {invisible} ({theme})"
