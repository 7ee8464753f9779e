"""One helper runs slow vault work in the background and reports back on the GUI thread.

Screens call `tasks.run(fn, on_success, on_failure)` instead of starting threads themselves
(the idea of Anki's CollectionOp).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay):
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # reported on the GUI thread, never lost
            self._relay.failed.emit(exc)
        else:
            self._relay.done.emit(result)


class Tasks(QObject):
    """Background runner; `busy` tells whether anything is still running."""

    busy_changed = Signal(bool)
    error = Signal(object)  # an exception nobody handled

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool: QThreadPool | None = None  # made on first use, not at start-up
        self._relays: set[_Relay] = set()

    @property
    def pool(self) -> QThreadPool:
        if self._pool is None:
            self._pool = QThreadPool(self)
            self._pool.setMaxThreadCount(2)
        return self._pool

    @property
    def busy(self) -> bool:
        return bool(self._relays)

    def run(self, fn: Callable[[], Any], on_success: Callable[[Any], None] | None = None,
            on_failure: Callable[[BaseException], None] | None = None) -> None:
        relay = _Relay()
        self._relays.add(relay)
        if len(self._relays) == 1:
            self.busy_changed.emit(True)

        def finish() -> None:
            self._relays.discard(relay)
            relay.deleteLater()
            # A job may report after its runner is gone (the vault closing on the worker after
            # `lock()` as the app quits): then nobody listens for `busy_changed` any more.
            if not self._relays and shiboken6.isValid(self):
                self.busy_changed.emit(False)

        def succeeded(result: Any) -> None:
            finish()
            if on_success is not None:
                on_success(result)

        def failed(exc: BaseException) -> None:
            finish()
            if on_failure is not None:
                on_failure(exc)
            else:
                self.error.emit(exc)

        relay.done.connect(succeeded)
        relay.failed.connect(failed)
        self.pool.start(_Job(fn, relay))

    def wait(self, msecs: int = 30_000) -> bool:
        return self._pool is None or self._pool.waitForDone(msecs)
