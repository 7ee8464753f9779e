"""The app's restore and passphrase change, failing at each step (issue 10, §1), and a vault on
read-only media shown with a banner (§4). Driven through the controller the Settings screen uses."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton

from commsdesk.storage import Vault, errors, safety
from commsdesk.ui.start.unlock import UnlockPage
from helpers import PASSPHRASE, TEST_LEVEL, add_person, add_talk

NEW = "passphrase of the backup"


def idle(qtbot, controller) -> None:
    qtbot.waitUntil(lambda: not controller.tasks.busy, timeout=30_000)


@pytest.fixture
def fail_at():
    def install(step):
        def hook(name):
            if name == step:
                raise OSError(errno.EIO, "injected")
        safety.step_hook = hook
    yield install
    safety.step_hook = None


def shown_error(controller) -> str:
    page = controller.window.centralWidget()
    if isinstance(page, UnlockPage):
        return page.error.text()
    return controller.window.statusBar().currentMessage() if hasattr(controller.window, "statusBar") \
        else ""


def uids(path, passphrase):
    with Vault.open(path, passphrase) as vault, vault.reading() as conn:
        return {r[0] for r in conn.execute("SELECT uid FROM conversations")}


def opens_with(path):
    for passphrase in (PASSPHRASE, NEW):
        try:
            Vault.open(path, passphrase).close()
            return passphrase
        except errors.WrongPassphrase:
            pass
    raise AssertionError("opens with neither")


@pytest.mark.parametrize("step", safety.PASSWD_STEPS)
def test_change_passphrase_failing_at_each_step(qtbot, unlocked, fail_at, step):
    person = add_person(unlocked.vault)
    saved = {add_talk(unlocked.vault, person.id, f"заметка {i}").uid for i in range(5)}
    path = unlocked.vault_path
    fail_at(step)
    unlocked.change_passphrase(NEW, None)
    idle(qtbot, unlocked)
    safety.step_hook = None
    if unlocked.vault is not None:  # back where the user was, the vault still open
        assert unlocked.window.workspace is not None
        unlocked.lock()
    else:  # closed along the way: the unlock page says what happened
        assert shown_error(unlocked)
        assert "OSError" not in shown_error(unlocked)
    replaced = safety.PASSWD_STEPS.index(step) > safety.PASSWD_STEPS.index("replace")
    assert opens_with(path) == (NEW if replaced else PASSPHRASE)
    assert saved <= uids(path, opens_with(path))


@pytest.mark.parametrize("step", safety.RESTORE_STEPS)
def test_restore_failing_at_each_step(qtbot, unlocked, make_vault, tmp_path, fail_at, step):
    person = add_person(unlocked.vault)
    saved = {add_talk(unlocked.vault, person.id, f"заметка {i}").uid for i in range(5)}
    source = Vault.create(tmp_path / "src.commsdesk", NEW, level=TEST_LEVEL, allow_testing_level=True)
    safety.backup(source, tmp_path / "b.commsdesk")
    source.close()
    path = unlocked.vault_path
    fail_at(step)
    unlocked.restore_backup(tmp_path / "b.commsdesk", NEW)
    idle(qtbot, unlocked)
    safety.step_hook = None
    page = unlocked.window.centralWidget()
    assert isinstance(page, UnlockPage)
    assert page.error.text() and "OSError" not in page.error.text()
    replaced = safety.RESTORE_STEPS.index(step) > safety.RESTORE_STEPS.index("replace")
    assert opens_with(path) == (NEW if replaced else PASSPHRASE)
    found = uids(path, PASSPHRASE) if not replaced else set()
    for kept in path.parent.glob(path.name + ".before-restore*"):
        if not kept.name.endswith(("-wal", "-shm")):
            found |= uids(kept, PASSPHRASE)
    assert saved <= found


def test_restore_while_another_window_has_the_vault_open_is_refused(qtbot, unlocked, tmp_path):
    other = Vault.open(unlocked.vault_path, PASSPHRASE)  # as a second window would
    source = Vault.create(tmp_path / "src.commsdesk", NEW, level=TEST_LEVEL, allow_testing_level=True)
    safety.backup(source, tmp_path / "b.commsdesk")
    source.close()
    try:
        unlocked.restore_backup(tmp_path / "b.commsdesk", NEW)
        idle(qtbot, unlocked)
        assert "in use" in unlocked.window.centralWidget().error.text()
    finally:
        other.close()
    assert opens_with(unlocked.vault_path) == PASSPHRASE


def test_read_only_vault_shows_a_banner_and_cannot_log(qtbot, controller, make_vault, tmp_path):
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("needs root to mount")
    source, point = tmp_path / "source", tmp_path / "stick"
    source.mkdir()
    point.mkdir()
    vault = make_vault(source / "v.commsdesk")
    add_talk(vault, add_person(vault).id, "заметка")
    vault.close()
    if subprocess.run(["mount", "--bind", str(source), str(point)]).returncode:
        pytest.skip("cannot bind-mount here")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(point)], check=True)
        controller.open_vault(Vault.open(point / "v.commsdesk", PASSPHRASE))
        banner = controller.window.workspace.read_only_banner
        assert banner is not None and banner.isVisibleTo(controller.window)
        assert "read-only" in banner.text()
        log = next(b for b in controller.window.workspace.findChildren(QPushButton)
               if b.text() == "Log a conversation")
        assert not log.isEnabled()
        # the Overview's own button says why at once, before anything is typed
        overview_log = next(b for b in controller.window.workspace.sections[0].findChildren(QPushButton)
                            if b.text() == "Log a conversation")
        qtbot.mouseClick(overview_log, Qt.MouseButton.LeftButton)
        assert "Changes are off" in controller.window.statusBar().currentMessage()
        assert not [d for d in controller.window.findChildren(QDialog) if d.isVisible()]
        controller.lock()
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)
