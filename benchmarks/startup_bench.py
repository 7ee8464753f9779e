"""Start-up: time from launch to the unlock window painted, next to a bare PySide6 window.

    python benchmarks/startup_bench.py [--runs N]
    python benchmarks/startup_bench.py --bundle build/dist/commsdesk [--runs N] [--display :48]

Each run is a fresh process (offscreen platform); the figure is the median wall time from
starting the process to its first painted frame. Target: CommsDesk ≤ 1.3 × the bare window.

With --bundle: the built bundle's executable against the same app from source, both started as a
user starts them (no argument: the desktop app), runs interleaved, each timed until its unlock
window is shown on an Xvfb display (polled with xdotool). Target: bundle ≤ 1.2 × source.
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


def shown_after(command: list[str], env: dict[str, str]) -> float:
    """Milliseconds from starting `command` until a CommsDesk window is mapped on the display."""
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=log, stderr=log, env=env)
        try:
            while True:
                found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "CommsDesk"],
                                       capture_output=True, text=True, env=env)
                if found.stdout.strip():
                    return (time.perf_counter() - start) * 1000
                if process.poll() is not None:
                    log.seek(0)
                    raise RuntimeError(f"{command[0]} exited before showing a window: "
                                       f"{log.read().decode(errors='replace')[-2000:]}")
                if time.perf_counter() - start > 60:
                    raise RuntimeError("no window after 60 s")
        finally:
            process.terminate()
            process.wait(timeout=30)


def spread(label: str, values: list[float]) -> str:
    return (f"{label}: min {min(values):6.0f}  median {statistics.median(values):6.0f}  "
            f"max {max(values):6.0f} ms (n={len(values)})")


def bundle_vs_source(bundle: Path, runs: int, display: str) -> int:
    home = Path(tempfile.mkdtemp(prefix="commsdesk-startup-"))
    (home / "data" / "CommsDesk").mkdir(parents=True)
    (home / "data" / "CommsDesk" / "vault.commsdesk").write_bytes(os.urandom(4096))
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x900x24", "-nolisten", "tcp", "-noreset"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.5)
        env = {"HOME": str(home), "PATH": "/usr/local/bin:/usr/bin:/bin", "DISPLAY": display,
               "LANG": "ru_RU.UTF-8", "XDG_CONFIG_HOME": str(home / "config"),
               "XDG_DATA_HOME": str(home / "data"), "XDG_CACHE_HOME": str(home / "cache")}
        source_env = dict(env, PYTHONPATH=str(ROOT / "src"))
        source = [sys.executable, "-m", "commsdesk"]
        frozen = [str(bundle / "commsdesk")]
        shown_after(source, source_env)  # warm the OS file cache once each
        shown_after(frozen, env)
        from_source, from_bundle = [], []
        for _ in range(runs):  # interleaved, so a busy moment of the machine hits both
            from_source.append(shown_after(source, source_env))
            from_bundle.append(shown_after(frozen, env))
    finally:
        xvfb.terminate()
        xvfb.wait()
    ratio = statistics.median(from_bundle) / statistics.median(from_source)
    print(spread("from source", from_source))
    print(spread("bundle     ", from_bundle))
    print(f"ratio of medians: {ratio:.2f}× (target ≤ 1.2×)")
    return 0 if ratio <= 1.2 else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--bundle", type=Path, help="a built one-folder bundle to compare with source")
    parser.add_argument("--display", default=":48", help="the Xvfb display --bundle starts")
    args = parser.parse_args()
    if args.bundle:
        return bundle_vs_source(args.bundle.resolve(), args.runs, args.display)
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
