"""The application object: settings, the open vault, locking, language; owns the one window."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from commsdesk import i18n
from commsdesk import settings as settings_store
from commsdesk.domain.changes import EVERYTHING
from commsdesk.i18n import _
from commsdesk.paths import data_dir, default_vault_path
from commsdesk.settings import Settings
from commsdesk.storage import errors
from commsdesk.storage.errors import describe
from commsdesk.ui import theme, wheel
from commsdesk.ui.shell import ShellWindow
from commsdesk.ui.tasks import Tasks

if TYPE_CHECKING:
    from commsdesk.storage.vault import Vault




# How long an operation on the vault file waits for the vault just locked to finish closing
# (erasing what was deleted since the last purge takes milliseconds; a worker may be busy).
CLOSE_WAIT_SECONDS = 120.0


class AppController(QObject):
    """Every screen reaches shared services through this object; sections never know each other."""

    vault_changed = Signal(object)  # frozenset of domain.changes.Change: records added, edited, removed
    locked = Signal()

    def __init__(self, app: QApplication, prefs: Settings, settings_file: Path | None = None,
                 clock: Callable[[], float] | None = None):
        super().__init__(app)
        self.app = app
        self.settings = prefs
        self._settings_file = settings_file
        self.vault: Vault | None = None
        self._closing: Vault | None = None  # locked, still erasing and closing on the worker
        self.tasks = Tasks(self)
        from commsdesk.ui.paged_model import PageReader

        self.pages = PageReader(self)  # lists' next pages, read while the user scrolls
        self.tasks.changed.connect(self.notify_changed)
        self.tasks.error.connect(self._show_error)
        self._clock = clock  # None: the awake clock of ui.guard
        self._clipboard = None
        self._idle = None
        self._notifier = None
        self._screen_lock = None
        self._reauth_throttle = None
        self.resume_section = 0
        self.changes = 0  # counts writes, so sections reload only when something changed
        self.apply_language(prefs.language, rebuild=False)
        theme.apply(app, prefs.theme, prefs.font_scale)
        wheel.install(app)  # the wheel scrolls forms, it never edits their values
        self.window = ShellWindow(self)
        self.tasks.busy_changed.connect(self.window.set_busy)

    # The guards exist from the first unlock on: nothing to lock or clear before.
    @property
    def idle(self):
        if self._idle is None:
            from commsdesk.ui.guard import IdleLock, awake_clock

            self._idle = IdleLock(self.settings.lock_minutes, self._clock or awake_clock, self)
            self._idle.timed_out.connect(self.lock)
        return self._idle

    @property
    def clipboard(self):
        if self._clipboard is None:
            from commsdesk.ui.guard import ClipboardGuard

            self._clipboard = ClipboardGuard(self)
        return self._clipboard

    @property
    def reauth_throttle(self):
        """Wrong answers to "type your current passphrase", counted until the next unlock."""
        if self._reauth_throttle is None:
            from commsdesk.ui.guard import awake_clock
            from commsdesk.ui.reauth import ReauthThrottle

            self._reauth_throttle = ReauthThrottle(self._clock or awake_clock)
        return self._reauth_throttle

    @property
    def notifier(self):
        """Created at the first unlock: nothing to remind of before (and start-up stays quick)."""
        if self._notifier is None:
            from commsdesk.ui.notifier import ReminderNotifier

            self._notifier = ReminderNotifier(self)
        return self._notifier

    # -- settings --------------------------------------------------------------------------
    def save_settings(self) -> None:
        settings_store.save(self.settings, self._settings_file)

    def apply_language(self, language: str, rebuild: bool = True) -> None:
        self.settings.language = language
        i18n.set_language(language if language != "system" else i18n.system_language())
        if rebuild:
            self._install_qt_language()
        else:  # at start-up: Qt's own catalog only matters for its standard dialogs, later
            QTimer.singleShot(200, self._install_qt_language)
        if rebuild:
            self.save_settings()
            self.window.rebuild()

    def _install_qt_language(self) -> None:
        """The language now, not when asked: it may have changed within the start-up delay."""
        from commsdesk.ui import qt_i18n

        qt_i18n.install(self.app, i18n.current_language())

    def apply_appearance(self) -> None:
        theme.apply(self.app, self.settings.theme, self.settings.font_scale)
        self.save_settings()
        self.window.rebuild()

    # -- the vault -------------------------------------------------------------------------
    @property
    def vault_path(self) -> Path:
        return Path(self.settings.vault_path) if self.settings.vault_path else default_vault_path()

    def demo_path(self) -> Path:
        return data_dir() / "demo.commsdesk"

    def has_vault_file(self) -> bool:
        return self.vault_path.is_file()

    def open_vault(self, vault: Vault) -> None:
        self.vault = vault
        self._reauth_throttle = None  # the passphrase was just typed right
        self.settings.vault_path = str(vault.path)
        self.save_settings()
        self.window.show_workspace()
        self.idle.set_minutes(self.settings.lock_minutes)
        self.idle.start()
        self.notifier.start()
        self._watch_screen_lock()
        self.settle_workspace()

    def settle_workspace(self) -> None:
        """Take the freshly built workspace's long-lived objects out of the garbage collector's
        walks (every full collection would visit them again: pauses of 60 ms and more while
        scrolling a 100k journal). `lock` gives them back."""
        gc.unfreeze()
        gc.collect()
        gc.freeze()

    def _watch_screen_lock(self) -> None:
        if self._screen_lock is None:
            from commsdesk.ui.screenlock import ScreenLockWatcher

            self._screen_lock = ScreenLockWatcher(self)
            self._screen_lock.session_locked.connect(self._on_session_locked)

    def _on_session_locked(self) -> None:
        if self.settings.lock_on_screen_lock:
            self.lock()

    def lock(self) -> None:
        """Destroy every view of vault data, drop the key and close the vault. The key goes at
        once (`Vault.seal`); erasing what was deleted and closing the connection run on the
        worker after the lock screen is shown (`wait_closed` waits for them)."""
        if self.vault is None:
            return
        self.resume_section = self.window.current_section()
        self.idle.stop()
        if self._notifier is not None:
            self._notifier.stop()
        drafts = self.window.workspace.drafts() if self.window.workspace is not None else []
        # What is still running reports to no widget; what has not started runs before closing.
        last_writes = self.tasks.drop_pending() + drafts
        self.window.show_locked()
        self.clipboard.clear()
        vault, self.vault = self.vault, None
        vault.seal()
        self._closing = vault
        # Operations not yet started and open dialogs' drafts are written by the closing worker,
        # the one thread the sealed vault still serves: the UI thread never waits for a write.
        self.tasks.run(lambda: vault.close(last_writes=last_writes))  # close() keeps its own errors
        gc.unfreeze()
        # What the workspace held goes at the next turn of the event loop, once the lock screen
        # is painted, not at some later collection. A full collection walks every object of the
        # app (some 40 ms): it would stall the lock itself.
        QTimer.singleShot(0, gc.collect)
        self.locked.emit()

    def wait_closed(self, timeout: float | None = None) -> bool:
        """Wait until the vault last locked has let its file go (before the process ends, or an
        operation on the file itself, such as a restore, begins)."""
        vault = self._closing
        return vault is None or vault.wait_closed(timeout)

    def quit(self) -> None:
        self.lock()
        self.window.close()
        self.wait_closed()

    # -- operations that replace the open vault ---------------------------------------------
    def change_passphrase(self, passphrase: str, level: int | None) -> None:
        """Re-encrypt under a new passphrase; the screen waits, then comes back as it was."""
        vault = self.vault
        if vault is None:
            return
        self.resume_section = self.window.current_section()
        self.idle.stop()
        self.vault = None
        self.window.show_busy(_("Re-encrypting the vault with the new passphrase…"))

        def work():
            from commsdesk.storage import safety

            return safety.change_passphrase(vault, passphrase, level=level)

        def done(new_vault) -> None:
            self.open_vault(new_vault)
            self.window.flash(_("The passphrase was changed."))

        def failed(exc: BaseException) -> None:
            if vault.is_open:
                self.open_vault(vault)
                self.window.flash(describe(exc))
            else:
                self.window.show_unlock(describe(exc))

        self.tasks.run(work, done, failed)

    def restore_backup(self, backup: Path, passphrase: str) -> None:
        """Lock, then replace the vault file by a verified backup; the unlock page follows."""
        self.lock()
        target = self.vault_path

        def work() -> Path | None:
            from commsdesk.recovery import normalize_recovery_phrase
            from commsdesk.storage import safety

            self.wait_closed(CLOSE_WAIT_SECONDS)  # our own vault lets the file go first
            try:
                return safety.restore(target, backup, passphrase)
            except errors.BackupInvalid:  # perhaps a recovery phrase typed carelessly
                typed_back = normalize_recovery_phrase(passphrase)
                if typed_back == passphrase:
                    raise
                return safety.restore(target, backup, typed_back)

        def done(kept: Path | None) -> None:
            info = _("Restored. The vault now opens with the backup's passphrase.")
            if kept is not None:
                info += " " + _("The previous vault was kept at {path}.").format(path=kept)
            self.window.show_unlock(info=info)

        self.window.show_busy(_("Checking the backup and restoring it…"))
        self.tasks.run(work, done, lambda exc: self.window.show_unlock(describe(exc)))

    def travel_out(self, destination: Path, current: str | None, passphrase: str | None) -> None:
        """Travel mode: check it is the owner, back up, verify, then remove the vault and its
        traces; the app then shows its first-run page. Any failure before the removal leaves
        everything as it was."""
        vault = self.vault
        if vault is None:
            return
        from commsdesk import travel

        self.resume_section = self.window.current_section()
        self.idle.stop()
        if self._notifier is not None:
            self._notifier.stop()
        drafts = self.tasks.drop_pending()
        drafts += self.window.workspace.drafts() if self.window.workspace is not None else []
        self.vault = None
        self.window.show_busy(_("Writing the backup and checking it…"))

        def work():
            for keep in drafts:  # drafts live in the vault: into the backup
                with contextlib.suppress(errors.VaultError):
                    keep()
            if current is not None:  # None: already verified (ui/reauth.confirm_identity)
                travel.confirm_passphrase(vault, current)
            return travel.travel_out(vault, destination, passphrase,
                                     settings_file=self._settings_file)

        def done(report) -> None:
            self.clipboard.clear()
            self.settings.vault_path = ""
            self.settings.geometry = ""
            self.resume_section = 0
            gc.unfreeze()
            gc.collect()
            self.window.show_welcome(
                info="\n".join(travel.account(report, removed=False)), error=bool(report.failed))
            self.locked.emit()

        def failed(exc: BaseException) -> None:
            from commsdesk.ui.controls import inform

            text = describe(exc) + "\n" + _("Nothing was removed from this computer.")
            if vault.is_open:
                self.open_vault(vault)
            else:
                self.window.show_start()
            inform(self.window, _("Travel mode"), text, error=True)

        self.tasks.run(work, done, failed)

    def travel_back(self, backup: Path, passphrase: str) -> None:
        """After a trip: the vault comes back from a backup or an emergency kit."""
        target = self.vault_path

        def work() -> Path:
            from commsdesk import travel

            return travel.travel_back(backup, passphrase, target, settings_file=self._settings_file)

        def done(path: Path) -> None:
            self.settings.vault_path = str(path)
            self.save_settings()
            self.window.show_unlock(info=_("The vault is back. It opens with the backup's "
                                           "passphrase."))

        def failed(exc: BaseException) -> None:
            self.window.show_welcome(info=describe(exc), error=True)

        self.window.show_busy(_("Checking the backup and restoring it…"))
        self.tasks.run(work, done, failed)

    def choose_vault_file(self, on_chosen: Callable[[Path], None]) -> None:
        from commsdesk.ui.files import choose_file

        choose_file(self.window, _("Open a vault file"),
                    [_("CommsDesk vaults (*.commsdesk)"), _("All files (*)")], on_chosen,
                    suggested=self.vault_path.parent)

    def notify_changed(self, kinds: frozenset[str] = EVERYTHING) -> None:
        """Operations announce what they changed here (`Tasks.changed`); sections refresh."""
        self.changes += 1
        self.vault_changed.emit(frozenset(kinds))

    def _show_error(self, exc: BaseException) -> None:
        """The standard report of a failure no screen handled itself."""
        if self.vault is None:  # locked meanwhile: the vault's refusal is no news
            return
        from commsdesk.ui.controls import inform

        inform(self.window, "CommsDesk", describe(exc), error=True)  # the window's own title
