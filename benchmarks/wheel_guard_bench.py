"""What the application-wide wheel guard (ui/wheel.py) costs: it sees every event of every widget.

    python benchmarks/wheel_guard_bench.py [--reps 7]

Prints, without and with the guard, min/median/max over the repetitions of: 200,000 plain events
sent to a widget (the guard's cost per event), and 100 full repaints of the "log a conversation"
form laid out at 760×720 (paint events to every child, the busiest thing a form does).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "src")]

from PySide6.QtCore import QCoreApplication, QEvent  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QWidget,
)

EVENTS = 200_000
REPAINTS = 100


def form() -> QScrollArea:
    body = QWidget()
    layout = QFormLayout(body)
    for i in range(12):
        combo = QComboBox()
        combo.addItems(["not said", "calm", "uneasy", "tense", "heated", "hostile"])
        layout.addRow(f"combo {i}", combo)
        layout.addRow(f"spin {i}", QSpinBox())
        layout.addRow(f"text {i}", QLineEdit("some text"))
    layout.addRow("notes", QPlainTextEdit("notes " * 50))
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(body)
    scroll.resize(760, 720)
    scroll.show()
    return scroll


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def measure(window: QScrollArea, reps: int) -> tuple[list[float], list[float]]:
    target = window.widget()
    event = QEvent(QEvent.Type.User)

    def send() -> None:
        for _ in range(EVENTS):
            QCoreApplication.sendEvent(target, event)

    def repaint() -> None:
        for _ in range(REPAINTS):
            window.repaint()

    sends = [timed(send) for _ in range(reps)]
    paints = [timed(repaint) for _ in range(reps)]
    return sends, paints


def line(label: str, values: list[float], per: int, unit: str, scale: float) -> str:
    each = [v / per * scale for v in values]
    return (f"{label:<34} min {min(each):8.3f}  median {statistics.median(each):8.3f}  "
            f"max {max(each):8.3f} {unit}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=7)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    window = form()
    app.processEvents()
    from commsdesk.ui import wheel

    results = {}
    for guarded in (False, True):
        if guarded:
            wheel.install(app)
        results[guarded] = measure(window, args.reps)
    for guarded, (sends, paints) in results.items():
        name = "with guard" if guarded else "without guard"
        print(line(f"event delivery, {name}", sends, EVENTS, "µs/event", 1e6))
        print(line(f"form repaint, {name}", paints, REPAINTS, "ms/repaint", 1e3))
    extra = statistics.median(results[True][0]) - statistics.median(results[False][0])
    print(f"guard's cost per event (median difference): {extra / EVENTS * 1e6:.3f} µs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
