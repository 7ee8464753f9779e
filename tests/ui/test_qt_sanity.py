"""Guards against known-bad PySide6 releases (6.12.0 drops a reference to None per setChecked)."""

import sys

from PySide6.QtWidgets import QCheckBox


def test_widget_calls_do_not_leak_references_to_singletons(qtbot):
    box = QCheckBox()
    qtbot.addWidget(box)
    before = sys.getrefcount(None), sys.getrefcount(False)
    for i in range(5000):
        box.setChecked(i % 2 == 0)
        box.isChecked()
    after = sys.getrefcount(None), sys.getrefcount(False)
    assert abs(after[0] - before[0]) < 50 and abs(after[1] - before[1]) < 50
