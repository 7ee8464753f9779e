"""Opening Progress on the 100k-conversation vault: one person's chart and the overall view.

`python benchmarks/progress_bench.py` prints medians (target: each ≤ 200 ms). It measures what a
user waits for: the figures read from the vault (on the worker) plus the charts and tables built
and painted on the UI thread. The synthetic vault has no strategies, so 300 are added once, with
steps, before measuring.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

TARGET_MS = 200


def add_strategies(vault, count: int, rng: random.Random, today: date) -> None:
    from commsdesk.domain import Plan, PlanStep, StepStatus

    if vault.repos.plans.list_all(limit=1):
        return
    ids = [c.id for c in vault.repos.contacts.list(limit=count * 3)]
    with vault.transaction():
        for cid in rng.sample(ids, count):
            start = today - timedelta(days=rng.randint(60, 500))
            steps = [PlanStep(f"Шаг {i}", "", StepStatus.DONE if i < 2 else StepStatus.PLANNED,
                              start + timedelta(days=30 * (i + 1)),
                              start + timedelta(days=30 * (i + 1)) if i < 2 else None)
                     for i in range(4)]
            vault.repos.plans.add(Plan(cid, "Сомнение", "вопрос в ответ", started_on=start,
                                       steps=steps, expected_months=rng.choice([3, 6, 12])))


def busiest_people(vault, n: int) -> list[int]:
    with vault.reading() as conn:
        return [r[0] for r in conn.execute(
            "SELECT contact_id FROM observations WHERE deleted_at IS NULL GROUP BY contact_id"
            " ORDER BY count(*) DESC LIMIT ?", (n,))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    from synthetic import build
    from vault_bench import PASSPHRASE

    path = HERE / "out" / "bench-10000-100000.commsdesk"
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        build(path, PASSPHRASE, 10_000, 100_000, level=1)
    home = Path(tempfile.mkdtemp(prefix="commsdesk-progressbench-"))
    os.environ["XDG_CONFIG_HOME"] = str(home / "config")
    app = QApplication([])
    from commsdesk.progress.figures import overall_progress, person_progress
    from commsdesk.settings import Settings
    from commsdesk.storage import Vault
    from commsdesk.ui.controller import AppController
    from commsdesk.ui.workspace import PROGRESS

    vault = Vault.open(path, PASSPHRASE)
    with vault.reading() as conn:
        last = conn.execute("SELECT max(occurred_at) FROM conversations").fetchone()[0]
    today = date.fromisoformat(last[:10])  # the synthetic journal's last day: a full window
    add_strategies(vault, 300, random.Random(5), today)
    controller = AppController(app, Settings(language="ru", vault_path=str(path)),
                               home / "settings.json")
    controller.window.resize(1280, 820)
    controller.window.show()
    controller.open_vault(vault)
    workspace = controller.window.workspace
    workspace.go_to(PROGRESS)
    page = workspace.sections[PROGRESS]
    controller.tasks.wait()
    app.processEvents()

    def timed(compute) -> tuple[float, float]:
        started = time.perf_counter()
        figures = compute()
        read = time.perf_counter()
        page._show(figures)
        page.repaint()
        app.processEvents()
        return (read - started) * 1000, (time.perf_counter() - started) * 1000

    people = busiest_people(vault, args.runs)
    timed(lambda: person_progress(vault, people[0]))  # warm caches and pyqtgraph's first use
    person = [timed(lambda cid=cid: person_progress(vault, cid)) for cid in people]
    overall = [timed(lambda: overall_progress(vault, today)) for _ in range(args.runs)]
    counts = (vault.repos.contacts.count(), vault.repos.conversations.count(),
              len(vault.repos.plans.list_all()))
    print(f"vault: {counts[0]} contacts, {counts[1]} conversations, {counts[2]} strategies;"
          f" window ends {today}")
    for name, runs in (("person's progress", person), ("overall view", overall)):
        read = statistics.median(r for r, _t in runs)
        total = statistics.median(t for _r, t in runs)
        worst = max(t for _r, t in runs)
        verdict = "ok" if total <= TARGET_MS else "OVER TARGET"
        print(f"{name:18s} median {total:6.1f} ms (reading {read:5.1f} ms), slowest {worst:6.1f} ms"
              f"  target ≤ {TARGET_MS} ms: {verdict}")
    controller.lock()
    return 0


if __name__ == "__main__":
    sys.exit(main())
