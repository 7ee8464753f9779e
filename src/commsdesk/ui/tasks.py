"""One runner for work off the UI thread, and on it every change to the vault (the idea of
Anki's CollectionOp).

`tasks.run(fn, on_success, on_failure)` runs any slow work (opening, backups, search).
An `Operation` wraps one use case that changes the vault:

    Operation(lambda: save_person(vault, contact), changes={Change.CONTACTS}, parent=self) \\
        .success(self.show_person).run(controller.tasks)

It runs on the worker; a failure is shown in the one standard way (`Tasks.error`) unless the
screen handles it itself; `Tasks.changed` announces which kinds of records changed, so the
sections showing them refresh themselves; after `drop_pending()` (the vault locked) operations
not yet started never run and the results of those still running reach no widget.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay, claim: Callable[[_Job], bool] | None = None):
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._relay = relay
        self._claim = claim  # operations: False once `drop_pending` took the job over

    def run(self) -> None:
        if self._claim is not None and not self._claim(self):
            return
        try:
            result = self._fn()
        except BaseException as exc:  # reported on the GUI thread, never lost
            self._relay.failed.emit(exc)
        else:
            self._relay.done.emit(result)


class Dropped(Exception):
    """An operation queued before the vault locked: it never ran."""


class Operation:
    """One change to the vault, run by `Tasks.run_op` (see the module's docstring)."""

    def __init__(self, fn: Callable[[], Any],
                 changes: Iterable[str] | Callable[[Any], Iterable[str]] = (),
                 parent: QObject | None = None):
        self.fn = fn
        # What it changes, or a function of its result saying so (a save that found nothing
        # new changes nothing).
        self.changes = changes if callable(changes) else frozenset(changes)
        # Callbacks go to `parent`'s widgets: none is called once it is deleted.
        self.parent = parent
        self.on_success: Callable[[Any], None] | None = None
        self.on_failure: Callable[[BaseException], None] | None = None

    def success(self, callback: Callable[[Any], None]) -> Operation:
        self.on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Operation:
        """Handle failures here instead of the standard message (e.g. a dialog's own line)."""
        self.on_failure = callback
        return self

    def run(self, tasks: Tasks) -> None:
        tasks.run_op(self)

    def _parent_alive(self) -> bool:
        return self.parent is None or shiboken6.isValid(self.parent)


class Tasks(QObject):
    """Background runner; `busy` tells whether anything is still running."""

    busy_changed = Signal(bool)
    error = Signal(object)  # an exception nobody handled: the window shows it
    changed = Signal(object)  # frozenset of `domain.changes.Change`: what an operation changed

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool: QThreadPool | None = None  # made on first use, not at start-up
        self._relays: set[_Relay] = set()
        self._generation = 0  # bumped by `drop_pending`
        self._op_pool: QThreadPool | None = None
        # Operations queued and not started (guarded: the worker claims a job as it starts).
        self._queued: dict[_Job, Callable[[], Any]] = {}
        self._relay_of: dict[_Job, _Relay] = {}
        self._queue_lock = threading.Lock()

    @property
    def pool(self) -> QThreadPool:
        if self._pool is None:
            self._pool = QThreadPool(self)
            self._pool.setMaxThreadCount(2)
        return self._pool

    @property
    def busy(self) -> bool:
        return bool(self._relays)

    @property
    def op_pool(self) -> QThreadPool:
        """One thread: operations change the vault in the order the user asked for them."""
        if self._op_pool is None:
            self._op_pool = QThreadPool(self)
            self._op_pool.setMaxThreadCount(1)
        return self._op_pool

    def run(self, fn: Callable[[], Any], on_success: Callable[[Any], None] | None = None,
            on_failure: Callable[[BaseException], None] | None = None, *,
            _op: Callable[[], Any] | None = None) -> None:
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
            elif shiboken6.isValid(self):
                self.error.emit(exc)

        relay.done.connect(succeeded)
        relay.failed.connect(failed)
        if _op is None:
            self.pool.start(_Job(fn, relay))
            return
        job = _Job(fn, relay, self._claim)
        with self._queue_lock:
            self._queued[job] = _op  # the use case itself, for `drop_pending`
            self._relay_of[job] = relay
        self.op_pool.start(job)

    def _claim(self, job: _Job) -> bool:
        with self._queue_lock:
            self._relay_of.pop(job, None)
            return self._queued.pop(job, None) is not None

    def run_op(self, op: Operation) -> None:
        generation = self._generation

        def work() -> Any:
            if generation != self._generation:  # the vault locked while it waited
                raise Dropped()
            return op.fn()

        def succeeded(result: Any) -> None:
            if generation != self._generation:
                return
            changes = frozenset(op.changes(result)) if callable(op.changes) else op.changes
            if changes:
                self.changed.emit(changes)
            if op.on_success is not None and op._parent_alive():
                op.on_success(result)

        def failed(exc: BaseException) -> None:
            if generation != self._generation or isinstance(exc, Dropped):
                return
            if op.on_failure is not None and op._parent_alive():
                op.on_failure(exc)
            else:
                self.error.emit(exc)

        self.run(work, succeeded, failed, _op=op.fn)

    def drop_pending(self) -> list[Callable[[], Any]]:
        """The vault locks: what operations still running return (or raise) reaches no widget,
        and those not yet started are handed back, in order, for the closing worker to run
        (`Vault.close(last_writes=…)`): a change the user asked for is not lost to a lock."""
        self._generation += 1
        with self._queue_lock:
            taken, self._queued = self._queued, {}
            relays, self._relay_of = self._relay_of, {}
        for job in taken:
            relays[job].failed.emit(Dropped())
        return list(taken.values())

    def wait(self, msecs: int = 30_000) -> bool:
        return all(pool is None or pool.waitForDone(msecs) for pool in (self._op_pool, self._pool))
