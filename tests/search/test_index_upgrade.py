"""The index format changes once (v8, pymorphy3 lemmas): old vaults are re-indexed on open, once;
and the unlock window never pays for the Russian analyzer."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from commsdesk.storage import Vault, migrations, search_index
from helpers import PASSPHRASE, TEST_LEVEL, add_person, add_talk, as_before_v8

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("pymorphy3", "pymorphy3_dicts_ru", "iuliia")


def _columns(vault: Vault) -> list[str]:
    with vault.reading() as conn:
        return [d[0] for d in conn.execute("SELECT * FROM search_fts LIMIT 0").description]


def test_an_old_vault_is_reindexed_once_on_open(make_vault, vault_path, monkeypatch):
    vault = make_vault(vault_path)
    person = add_person(vault, "Тётя Зина")
    talk = add_talk(vault, person.id, "Поговорили с матерью про Соловьёва")
    vault.close()
    as_before_v8(vault_path)

    vault = Vault.open(vault_path, PASSPHRASE)
    assert _columns(vault) == ["stems", "lemmas", "words", "names"]
    assert [h.ref for h in vault.repos.search.run("мать") if h.kind == "conversation"] == [talk.id]
    assert [h.ref for h in vault.repos.search.run("Solovyov")] == [talk.id]
    assert vault_path.with_name(vault_path.name + f".before-v{migrations.LATEST}").exists()
    vault.close()

    def must_not_rebuild(self, progress=None):
        raise AssertionError("rebuilt an index that was up to date")

    monkeypatch.setattr(search_index.Search, "rebuild", must_not_rebuild)
    with Vault.open(vault_path, PASSPHRASE) as again:
        assert [h.ref for h in again.repos.search.run("матери")] == [talk.id]


def test_an_interrupted_rebuild_is_done_again_on_the_next_open(make_vault, vault_path, monkeypatch):
    vault = make_vault(vault_path)
    talk = add_talk(vault, add_person(vault).id, "Отец молчит")
    vault.close()
    as_before_v8(vault_path)

    def crash(self, progress=None):
        raise OSError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(search_index.Search, "rebuild", crash)
        with pytest.raises(OSError):
            Vault.open(vault_path, PASSPHRASE)
    with Vault.open(vault_path, PASSPHRASE) as vault:
        assert [h.ref for h in vault.repos.search.run("отцом")] == [talk.id]


def test_rebuild_reports_progress_and_keeps_every_record(make_vault, vault_path):
    vault = make_vault(vault_path)
    person = add_person(vault, "Мама", values_interests="дача")
    for i in range(1203):
        add_talk(vault, person.id, f"заметка номер {i} про дачу")
    seen: list[tuple[int, int]] = []
    vault.repos.search.rebuild(lambda done, total: seen.append((done, total)))
    total = 1203 + 1
    assert seen[-1] == (total, total)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen) and len(seen) >= 3
    assert len(vault.repos.search.run("дачу", limit=2000)) == total


def test_the_unlock_window_does_not_load_the_analyzer(tmp_path):
    """Importing and showing the start-up window, and opening an up-to-date vault, load neither
    pymorphy3 nor the transliteration tables (they come with the first search)."""
    path = tmp_path / "v.commsdesk"
    vault = Vault.create(path, PASSPHRASE, level=TEST_LEVEL, allow_testing_level=True)
    add_talk(vault, add_person(vault).id, "Поговорили с матерью")
    vault.close()
    script = textwrap.dedent(f"""
        import sys
        from PySide6.QtWidgets import QApplication
        from commsdesk import settings as settings_store
        app = QApplication(sys.argv[:1])
        from commsdesk.ui.controller import AppController
        controller = AppController(app, settings_store.load())
        controller.window.show()
        app.processEvents()
        from commsdesk.storage import Vault
        vault = Vault.open({str(path)!r}, {PASSPHRASE!r})
        print(sorted(m for m in {HEAVY!r} if m in sys.modules))
        vault.repos.search.run("мать")
        print(sorted(m for m in {HEAVY!r} if m in sys.modules))
        vault.close()
    """)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT / "src"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"))
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env=env, timeout=120)
    before, after = result.stdout.strip().splitlines()[-2:]
    assert before == "[]", result.stderr
    assert "pymorphy3" in after  # positive control: the check can see it

