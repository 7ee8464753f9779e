"""Issue 13 §4: at 150 % and 200 % (QT_SCALE_FACTOR) every screen and dialog of the demo vault fits
a 1920×1080 screen and no label or button is cut; and the text size of Settings reaches dialogs too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from conftest import type_text

HERE = Path(__file__).resolve().parent
SCALES = ("1.5", "2")


@pytest.fixture(scope="module")
def tours(tmp_path_factory) -> dict[str, tuple[list[dict], Path]]:
    """Both scales at once, each in its own process (the scale is fixed when Qt starts)."""
    folder = tmp_path_factory.mktemp("scaled")
    runs = {}
    for scale in SCALES:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=scale, TMPDIR=str(folder),
                   HOME=str(folder))
        report, shots = folder / f"tour-{scale}.jsonl", folder / f"shots-{scale}"
        runs[scale] = (subprocess.Popen([sys.executable, str(HERE / "tour.py"), str(report), "ru", "layout",
                                         str(shots)], env=env, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE, text=True), report, shots)
    results = {}
    for scale, (process, report, shots) in runs.items():
        _out, err = process.communicate(timeout=300)
        stops = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()] \
            if report.exists() else []
        assert stops and stops[-1] == {"done": True}, f"the tour at {scale} stopped early:\n{err[-3000:]}"
        results[scale] = (stops[:-1], shots)
    return results


@pytest.mark.parametrize("scale", SCALES)
def test_nothing_is_cut_and_every_window_fits_the_screen(tours, scale):
    stops, _shots = tours[scale]
    assert len(stops) > 35
    cut = [f"{stop['stop']}: {text}" for stop in stops for text in stop["clipped"]]
    assert cut == [], "\n".join(cut)
    too_big = [f"{stop['stop']}: {title!r} needs {w}×{h}, the screen has {stop['screen']}"
               for stop in stops for title, w, h in stop["windows"]
               if w > stop["screen"][0] or h > stop["screen"][1]]
    assert too_big == [], "\n".join(too_big)


@pytest.mark.parametrize("scale", SCALES)
def test_screenshots_are_drawn_at_the_scale(tours, scale):
    stops, shots = tours[scale]
    image = QImage(str(shots / next(s["screenshot"] for s in stops if s["stop"] == "Journal")))
    width, _height = stops[0]["screen"]
    assert image.width() == round(min(1100, width) * float(scale))
    for stop in stops:
        assert (shots / stop["screenshot"]).stat().st_size > 2_000, stop["stop"]


def test_text_size_reaches_dialogs(qtbot, unlocked):
    """Settings → Text size 150 %, typed as a user would; the dialogs opened afterwards, Qt's own
    included, use the larger text."""
    from commsdesk.ui.controls import inform
    from commsdesk.ui.settings.dialogs import PassphraseDialog
    from commsdesk.ui.workspace import SETTINGS

    base = QApplication.font().pointSizeF()
    workspace = unlocked.window.workspace
    workspace.go_to(SETTINGS)
    spin = workspace.sections[SETTINGS].font_scale
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, spin, "150")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert unlocked.settings.font_scale == 150
    assert QApplication.font().pointSizeF() == pytest.approx(base * 1.5)
    workspace = unlocked.window.workspace  # rebuilt with the new size
    try:
        dialogs: list[QWidget] = [PassphraseDialog("t", "e", workspace), inform(workspace, "t", "e")]
        dialogs[0].open()
        workspace.log_conversation()
        dialogs.append(QApplication.activeModalWidget())
        for dialog in dialogs:
            qtbot.waitUntil(dialog.isVisible)
            texts = [w for w in dialog.findChildren(QWidget) if w.isVisible() and hasattr(w, "text")]
            assert texts
            for widget in texts:
                assert widget.font().pointSizeF() >= base * 1.5 - 0.01, (type(widget).__name__, widget.text())
            dialog.reject()
    finally:
        unlocked.settings.font_scale = 100
        unlocked.apply_appearance()
