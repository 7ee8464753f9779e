"""Start-up: time from launch to the unlock window painted, next to a bare PySide6 window.

    python benchmarks/startup_bench.py [--runs N]

Each run is a fresh process (offscreen platform); the figure is the median wall time from
starting the process to its first painted frame. Target: CommsDesk ≤ 1.3 × the bare window.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PAINTED = """
from PySide6.QtCore import QObject, QEvent, QTimer
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and obj is WINDOW:
            print("painted", flush=True)
            QTimer.singleShot(0, APP.quit)
        return False
"""

BARE = PAINTED + """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
APP = QApplication(sys.argv[:1])
WINDOW = QMainWindow()
WINDOW.setCentralWidget(QLabel("hello"))
watcher = Painted(); WINDOW.installEventFilter(watcher)
WINDOW.resize(1100, 720); WINDOW.show()
APP.exec()
"""

COMMSDESK = PAINTED + """
import sys
from PySide6.QtWidgets import QApplication
from commsdesk import settings as settings_store
APP = QApplication(sys.argv[:1])
from commsdesk.ui.controller import AppController
controller = AppController(APP, settings_store.load())
WINDOW = controller.window
watcher = Painted(); WINDOW.installEventFilter(watcher)
WINDOW.show()
APP.exec()
"""


def one_run(script: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, env=env, text=True)
    line = process.stdout.readline()
    elapsed = time.perf_counter() - start
    process.wait(timeout=60)
    if "painted" not in line:
        raise RuntimeError("the window never painted")
    return elapsed * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="commsdesk-startup-"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"), PYTHONPATH=str(ROOT / "src"))
    # The unlock window, as on every start after the first: a vault file exists.
    (home / "data" / "CommsDesk").mkdir(parents=True)
    (home / "data" / "CommsDesk" / "vault.commsdesk").write_bytes(os.urandom(4096))
    for script in (BARE, COMMSDESK):  # warm the OS file cache once
        one_run(script, env)
    bare = [one_run(BARE, env) for _ in range(args.runs)]
    app = [one_run(COMMSDESK, env) for _ in range(args.runs)]
    ratio = statistics.median(app) / statistics.median(bare)
    print(f"bare PySide6 window painted:     {statistics.median(bare):6.0f} ms (median of {args.runs})")
    print(f"CommsDesk unlock window painted: {statistics.median(app):6.0f} ms (median of {args.runs})")
    print(f"ratio: {ratio:.2f}× (target ≤ 1.3×)")
    return 0 if ratio <= 1.3 else 1


if __name__ == "__main__":
    sys.exit(main())
