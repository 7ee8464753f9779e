"""The one top-level window: start pages while locked, the workspace while unlocked.

The title is always just "CommsDesk": nothing about the vault shows in the task bar.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QByteArray, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from commsdesk.storage.errors import describe
from commsdesk.ui.start.frame import ProgressRelay
from commsdesk.ui.start.unlock import UnlockPage

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from commsdesk.ui.controller import AppController

_ARMED = "commsdeskShortcuts"  # a window that has the lock and quit keys already


class ShellWindow(QMainWindow):
    def __init__(self, controller: AppController):
        super().__init__()
        self.controller = controller
        self.setWindowTitle("CommsDesk")
        self.setMinimumSize(720, 480)
        self.resize(1100, 720)
        if controller.settings.geometry:
            self.restoreGeometry(QByteArray.fromBase64(controller.settings.geometry.encode()))
        self.workspace = None
        self._shortcuts_installed = False
        self._build_menu()  # now, not with the shortcuts: a menu bar appearing later moves the page
        self.show_start()
        QTimer.singleShot(250, self._install_shortcuts)  # once the first frame is up

    def _install_shortcuts(self) -> None:
        if self._shortcuts_installed:
            return
        self._shortcuts_installed = True
        from PySide6.QtCore import Qt  # not before the first frame: building `Qt` takes ~14 ms

        self._arm(self, Qt.ShortcutContext.ApplicationShortcut)
        # Qt does not deliver an application shortcut whose window is blocked by a modal dialog
        # (search, a file chooser, a message box): each modal window gets its own when it is
        # first focused, so the lock keys work wherever the user is. Only modal ones: over a
        # window that blocks nothing both would match, and Qt runs neither of two such keys.
        QApplication.instance().focusWindowChanged.connect(self._arm_focused)
        self._build_menu()  # again, now with F1

    def _arm(self, window: QWidget, context) -> None:
        from PySide6.QtGui import QKeySequence, QShortcut

        from commsdesk.ui import shortcuts as keys

        window.setProperty(_ARMED, True)
        for sequence, slot in ((keys.LOCK, self.controller.lock),
                               (keys.PANIC_LOCK, self.controller.lock),  # locks, no questions
                               (keys.QUIT, self.controller.quit)):
            shortcut = QShortcut(QKeySequence(sequence), window)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)

    def _arm_focused(self, focused) -> None:
        from PySide6.QtCore import Qt

        if focused is None or not shiboken6.isValid(self):
            return
        widget = next((w for w in QApplication.topLevelWidgets()
                       if w.windowHandle() is focused), None)
        if widget is not None and widget.property(_ARMED) is not True \
                and widget.windowModality() != Qt.WindowModality.NonModal:
            self._arm(widget, Qt.ShortcutContext.WindowShortcut)

    def _build_menu(self) -> None:
        """Help → Keyboard shortcuts (F1); built again in the new language after a switch."""
        from PySide6.QtGui import QKeySequence

        from commsdesk.i18n import _
        from commsdesk.ui import shortcuts as keys

        bar = self.menuBar()
        bar.clear()
        help_menu = bar.addMenu(_("&Help"))
        self._help_action = help_menu.addAction(_("Keyboard shortcuts"))
        self._help_action.triggered.connect(self.show_shortcuts)
        if self._shortcuts_installed:  # the first time, later: setShortcut costs ~150 ms
            self._help_action.setShortcut(QKeySequence(keys.HELP))

    def show_shortcuts(self) -> None:
        from commsdesk.ui.shortcuts import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        dialog.open()

    # -- what the window shows -------------------------------------------------------------
    def _set(self, widget: QWidget) -> None:
        self.setCentralWidget(widget)  # the previous view is deleted with everything it held
        widget.show()
        self.workspace = widget if getattr(widget, "is_workspace", False) else None

    def show_start(self) -> None:
        if self.controller.has_vault_file():
            self.show_unlock()
        else:
            self.show_welcome()

    def show_welcome(self, info: str = "", error: bool = False) -> None:
        from commsdesk.ui.start.welcome import WelcomePage

        page = WelcomePage()
        page.language.chosen.connect(self.controller.apply_language)
        page.create_requested.connect(self.show_create)
        page.demo_requested.connect(lambda: self._open_demo(page))
        page.open_requested.connect(lambda: self.controller.choose_vault_file(self._use_file))
        page.back_requested.connect(self._bring_back)
        if info:
            page.show_note(info, error)
        self._set(page)

    def show_create(self, before: QWidget | None = None) -> None:
        """`before`: the create page in another language, whose typed text carries over."""
        from commsdesk.ui.start.create import CreatePage

        page = CreatePage(str(self.controller.vault_path))
        page.language.chosen.connect(self.controller.apply_language)
        page.back.connect(self.show_start)
        page.create.connect(lambda passphrase: self._create(page, passphrase))
        if isinstance(before, CreatePage):
            page.first.setText(before.first.text())
            page.second.setText(before.second.text())
        self._set(page)
        page.first.setFocus()

    def show_busy(self, text: str) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        label = QLabel(text)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bar = QProgressBar()
        bar.setRange(0, 0)
        bar.setTextVisible(False)
        layout.addWidget(label)
        layout.addWidget(bar)
        layout.addStretch(1)
        self._set(page)

    def set_busy(self, busy: bool) -> None:
        """The pointer says when work runs in the background (`Tasks.busy_changed`)."""
        from PySide6.QtCore import Qt

        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def flash(self, text: str) -> None:
        """A short message in the status bar (never vault contents)."""
        self.statusBar().showMessage(text, 10_000)

    def show_unlock(self, error: str = "", info: str = "") -> None:
        page = UnlockPage(str(self.controller.vault_path))
        page.unlock.connect(lambda passphrase: self._unlock(page, passphrase))
        page.open_other.connect(lambda: self.controller.choose_vault_file(self._use_file))
        page.create_new.connect(self._create_new_elsewhere)
        if error:
            page.show_error(error)
        elif info:
            page.show_info(info)
        self._set(page)
        page.passphrase.setFocus()

    def show_locked(self) -> None:
        self.show_unlock()

    def show_workspace(self) -> None:
        from commsdesk.ui.workspace import Workspace

        self._install_shortcuts()  # at the latest now: Ctrl+L must lock at once
        workspace = Workspace(self.controller, self.controller.vault)
        self._set(workspace)
        workspace.go_to(self.controller.resume_section)
        workspace.nav.setFocus()  # the page that had the focus is gone: keyboard users start here
        self._offer_first_run_guide(workspace)

    def _offer_first_run_guide(self, workspace) -> None:
        """A vault just created: three steps to a first person, a small win and a next talk."""
        import shiboken6

        from commsdesk.planner.first_steps import guide_pending

        vault = self.controller.vault

        def show(pending: bool) -> None:
            if not pending or not shiboken6.isValid(workspace) or self.workspace is not workspace:
                return
            from commsdesk.ui.first_run import FirstRunGuide

            guide = FirstRunGuide(self.controller, vault, workspace)
            guide.person_added.connect(workspace.after_first_steps)
            guide.open()

        self.controller.tasks.run(lambda: guide_pending(vault), show, lambda _exc: None)

    def rebuild(self) -> None:
        """After a language or theme change: the same screen, built anew."""
        self._build_menu()
        if self.controller.vault is not None:
            self.controller.resume_section = self.current_section()
            self.show_workspace()
            self.controller.settle_workspace()
            return
        from commsdesk.ui.start.create import CreatePage

        if isinstance(self.centralWidget(), CreatePage):
            self.show_create(self.centralWidget())  # the page the language was chosen on
        else:
            self.show_start()

    def current_section(self) -> int:
        return self.workspace.current_index() if self.workspace is not None else 0

    # -- actions ---------------------------------------------------------------------------
    def _unlock(self, page: UnlockPage, passphrase: str) -> None:
        self._open_in_background(page, "open", passphrase)

    def _create(self, page, passphrase: str) -> None:
        self._open_in_background(page, "create", passphrase)

    def _open_in_background(self, page, how: str, passphrase: str) -> None:
        """Derive the key off the UI thread; errors come back to the page that asked."""
        page.set_busy(True)
        path = self.controller.vault_path
        relay = ProgressRelay(page)  # owned by the page: gone with it
        relay.changed.connect(page.show_progress)

        def progress(done: int, total: int) -> None:
            with contextlib.suppress(RuntimeError):  # the page was closed meanwhile: nobody to tell
                relay.changed.emit(done, total)

        def work():
            from commsdesk.storage.vault import Vault
            from commsdesk.ui.controller import CLOSE_WAIT_SECONDS

            self.controller.wait_closed(CLOSE_WAIT_SECONDS)  # the vault just locked, if any
            if how == "open":
                return Vault.open(path, passphrase, progress=progress)
            vault = getattr(Vault, how)(path, passphrase)
            if how == "create":
                from commsdesk.planner.first_steps import offer_guide

                offer_guide(vault)  # its first unlock shows the first-run guide
            return vault

        def failed(exc: BaseException) -> None:
            if page is self.centralWidget():
                page.set_busy(False)
                page.show_error(describe(exc))

        self.controller.tasks.run(work, self.controller.open_vault, failed)

    def _open_demo(self, page) -> None:
        page.set_busy(True)
        path = self.controller.demo_path()

        def work():
            from datetime import date

            from commsdesk.demo import populate
            from commsdesk.storage.vault import Vault
            from commsdesk.ui.start.welcome import DEMO_PASSPHRASE

            if path.exists():
                return Vault.open(path, DEMO_PASSPHRASE)
            vault = Vault.create(path, DEMO_PASSPHRASE)
            populate(vault, date.today())
            return vault

        def failed(exc: BaseException) -> None:
            page.set_busy(False)
            from commsdesk.ui.controls import inform

            inform(self, "CommsDesk", describe(exc), error=True)

        self.controller.tasks.run(work, self.controller.open_vault, failed)

    def _bring_back(self) -> None:
        """Travel mode, after the trip: choose the backup, type its passphrase, restore."""
        from commsdesk.i18n import _
        from commsdesk.ui.settings.dialogs import PassphraseDialog
        from commsdesk.ui.settings.travel import choose_backup

        def chosen(path: Path) -> None:
            dialog = PassphraseDialog(_("Backup passphrase"), _(
                "Type the passphrase of the backup (or the recovery phrase of an emergency kit)."),
                self)
            dialog.chosen.connect(lambda passphrase: self.controller.travel_back(path, passphrase))
            dialog.open()

        choose_backup(self, _("Choose the travel backup"), False, "", chosen)

    def _use_file(self, path: Path) -> None:
        self.controller.settings.vault_path = str(path)
        self.controller.save_settings()
        self.show_unlock()

    def _create_new_elsewhere(self) -> None:
        """A new vault beside the current one's folder, under a free name."""
        folder = self.controller.vault_path.parent
        candidate = folder / "vault.commsdesk"
        n = 2
        while candidate.exists():
            candidate = folder / f"vault-{n}.commsdesk"
            n += 1
        self.controller.settings.vault_path = str(candidate)
        self.show_create()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.WindowStateChange and self.isMinimized() \
                and self.controller.settings.lock_on_minimise:
            self.controller.lock()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.controller.settings.geometry = bytes(self.saveGeometry().toBase64()).decode()
        self.controller.save_settings()
        self.controller.lock()
        super().closeEvent(event)
