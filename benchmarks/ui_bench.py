"""The app on a 100k-conversation vault: longest UI-thread stall while scrolling and filtering,
and resident memory.

    python benchmarks/ui_bench.py [--contacts N] [--conversations N]
    python benchmarks/ui_bench.py --vault PATH [--passphrase P] [--reps 5]

Uses the vault that benchmarks/vault_bench.py builds (building it first if needed), or the one
given with --vault (e.g. benchmarks/scale_bench.py's). With --reps N, runs N times, each in a new
process, and prints the min/median/max of the longest stall. A 2 ms
heartbeat timer runs on the UI thread while a script scrolls and filters the People and Journal
lists; the longest gap between heartbeats is the longest stall a user would feel.
Targets: stall ≤ 50 ms, resident memory ≤ 220 MB.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "src"), str(HERE)]

from PySide6.QtCore import QDate, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def rss_mb() -> tuple[float, float]:
    """Current and peak resident memory (Linux /proc), in MB."""
    values = {}
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith(("VmRSS:", "VmHWM:")):
                values[line.split(":")[0]] = int(line.split()[1]) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


class Heartbeat:
    def __init__(self, interval_ms: int = 2):
        self.interval = interval_ms / 1000
        self.last = time.perf_counter()
        self.worst = 0.0
        self.where = ""
        self.step = ""
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.beat)

    def beat(self) -> None:
        now = time.perf_counter()
        gap = now - self.last - self.interval
        if gap > self.worst:
            self.worst, self.where = gap, self.step
        self.last = now

    def start(self) -> None:
        self.last = time.perf_counter()
        self.timer.start()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--vault", type=Path)
    parser.add_argument("--passphrase")
    parser.add_argument("--reps", type=int, default=1)
    args = parser.parse_args()
    if args.reps > 1:
        return repeat(args.reps)
    from synthetic import build
    from vault_bench import PASSPHRASE

    passphrase = args.passphrase or PASSPHRASE
    path = args.vault or HERE / "out" / f"bench-{args.contacts}-{args.conversations}.commsdesk"
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        build(path, PASSPHRASE, args.contacts, args.conversations, level=1)

    home = Path(tempfile.mkdtemp(prefix="commsdesk-uibench-"))
    os.environ["XDG_CONFIG_HOME"] = str(home / "config")
    app = QApplication([])
    from commsdesk.settings import Settings
    from commsdesk.storage import Vault
    from commsdesk.ui.controller import AppController
    from commsdesk.ui.workspace import JOURNAL, OVERVIEW, PEOPLE

    controller = AppController(app, Settings(language="ru", vault_path=str(path)),
                               home / "settings.json")
    controller.window.resize(1280, 820)
    controller.window.show()
    if os.environ.get("COMMSDESK_TEST_KDF") is None:
        os.environ["COMMSDESK_TEST_KDF"] = "allow"  # benchmark vaults may use the cheap test KDF
    vault = Vault.open(path, passphrase)
    counts = (vault.repos.contacts.count(), vault.repos.conversations.count())
    started = time.perf_counter()
    controller.open_vault(vault)
    open_ms = (time.perf_counter() - started) * 1000
    workspace = controller.window.workspace
    people, journal = workspace.sections[PEOPLE], workspace.sections[JOURNAL]
    beat = Heartbeat()

    def scroll(view, pages: int):
        def run():
            bar = view.verticalScrollBar()
            for _ in range(pages):
                bar.setValue(bar.maximum())
                app.processEvents()
        return run

    def pick(combo, index):
        return lambda: combo.setCurrentIndex(min(index, combo.count() - 1))

    steps = [
        ("overview", lambda: workspace.go_to(OVERVIEW)),
        ("people list", lambda: workspace.go_to(PEOPLE)),
        ("scroll people", scroll(people.table, 10)),
        ("filter people: relationship", pick(people.relationship, 1)),
        ("filter people: channel", pick(people.channel, 2)),
        ("filter people: tag", pick(people.tag, 1)),
        ("filter people: name", lambda: people.name_filter.setText("мама 1")),
        ("clear people filters", lambda: (people.name_filter.clear(), pick(people.relationship, 0)(),
                                          pick(people.channel, 0)(), pick(people.tag, 0)())),
        ("open a person", lambda: people.show_person(people.model.record(3).id)),
        ("journal list", lambda: workspace.go_to(JOURNAL)),
        ("scroll journal", scroll(journal.table, 20)),
        ("filter journal: person", pick(journal.person, 5)),
        ("filter journal: all people", pick(journal.person, 0)),
        ("filter journal: channel", pick(journal.channel, 3)),
        ("filter journal: technique", pick(journal.technique, 2)),
        ("filter journal: mood", pick(journal.temperature, 4)),
        ("filter journal: dates", lambda: (journal.since.setDate(QDate(2024, 6, 1)),
                                           journal.use_dates.setChecked(True))),
        ("clear journal filters", lambda: (journal.use_dates.setChecked(False),
                                           pick(journal.channel, 0)(), pick(journal.technique, 0)(),
                                           pick(journal.temperature, 0)())),
        ("scroll journal again", scroll(journal.table, 20)),
    ]
    timings = []

    def run_step(index: int = 0) -> None:
        if index == len(steps):
            beat.timer.stop()
            app.quit()
            return
        name, action = steps[index]
        beat.step = name
        start = time.perf_counter()
        action()
        timings.append((name, (time.perf_counter() - start) * 1000))
        QTimer.singleShot(30, lambda: run_step(index + 1))

    def begin() -> None:
        beat.start()  # after the unlocked window's first paint has settled
        QTimer.singleShot(50, run_step)

    QTimer.singleShot(500, begin)
    app.exec()
    current, peak = rss_mb()
    print(f"vault: {counts[0]} active contacts, {counts[1]} conversations")
    print(f"workspace opened in {open_ms:.0f} ms")
    for name, ms in timings:
        print(f"  {name:<32} {ms:7.1f} ms")
    print(f"longest UI-thread stall: {beat.worst * 1000:.1f} ms during “{beat.where}” "
          f"(target ≤ 50)")
    print(f"resident memory: {current:.0f} MB now, {peak:.0f} MB peak (target ≤ 220)")
    controller.lock()
    return 0 if beat.worst * 1000 <= 50 and current <= 220 else 1


def repeat(reps: int) -> int:
    """The same run `reps` times, each in a new process: the longest stall's spread."""
    import re
    import statistics
    import subprocess

    argv = [a for a in sys.argv[1:]]
    at = argv.index("--reps")
    del argv[at:at + 2]
    stalls, where = [], []
    for rep in range(reps):
        out = subprocess.run([sys.executable, __file__, *argv], capture_output=True, text=True).stdout
        found = re.search(r"longest UI-thread stall: ([0-9.]+) ms during “(.*?)”", out)
        if found is None:
            print(out)
            return 2
        stalls.append(float(found.group(1)))
        where.append(found.group(2))
        print(f"  run {rep + 1}: {stalls[-1]:.1f} ms during “{where[-1]}”", flush=True)
    print(f"longest UI-thread stall over {reps} runs: min {min(stalls):.1f} / median"
          f" {statistics.median(stalls):.1f} / max {max(stalls):.1f} ms (target: median ≤ 16, none > 32)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
