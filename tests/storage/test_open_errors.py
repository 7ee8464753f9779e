"""Acceptance 2: files that are not an openable vault get one clear line, and stay untouched."""

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from commsdesk.storage import Vault, errors
from helpers import PASSPHRASE, add_person, add_talk, child_env


def run_cli(*args, stdin=PASSPHRASE + "\n", lang="en"):
    env = child_env()
    env["COMMSDESK_LANG"] = lang
    return subprocess.run([sys.executable, "-m", "commsdesk", *args], input=stdin,
                          capture_output=True, text=True, env=env, timeout=120)


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"


def listing(path):
    return sorted(p.name for p in path.parent.iterdir())


@pytest.fixture
def filled_vault(make_vault, vault_path):
    vault = make_vault(vault_path)
    person = add_person(vault)
    for i in range(60):
        add_talk(vault, person.id, f"Разговор номер {i}: " + "длинная заметка " * 80)
    vault.close()
    return vault_path


def _wrong_passphrase(path, filled):
    return filled, "wrong passphrase, surely\n"


def _truncated_mid_page(path, filled):
    data = filled.read_bytes()
    filled.write_bytes(data[: len(data) // 2 + 123])
    return filled, PASSPHRASE + "\n"


def _truncated_at_page(path, filled):
    data = filled.read_bytes()
    filled.write_bytes(data[: (len(data) // 4096 // 2) * 4096])
    return filled, PASSPHRASE + "\n"


def _random_bytes(path, filled):
    path.write_bytes(os.urandom(4096 * 8))
    return path, PASSPHRASE + "\n"


def _empty(path, filled):
    path.write_bytes(b"")
    return path, PASSPHRASE + "\n"


def _plain_sqlite(path, filled):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (text)")
    conn.execute("INSERT INTO notes VALUES ('hello')")
    conn.commit()
    conn.close()
    return path, PASSPHRASE + "\n"


def _directory(path, filled):
    path.mkdir()
    return path, PASSPHRASE + "\n"


CASES = {
    "wrong passphrase": (_wrong_passphrase, "Wrong passphrase"),
    "truncated mid-page": (_truncated_mid_page, "damaged"),
    "truncated at a page boundary": (_truncated_at_page, "damaged"),
    "random bytes": (_random_bytes, "not a CommsDesk vault"),
    "empty file": (_empty, "is empty"),
    "plain SQLite": (_plain_sqlite, "unencrypted database"),
    "directory": (_directory, "is a folder"),
}


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("command", ["check", "search", "export"])
def test_bad_vault_gives_one_clear_line_and_stays_identical(case, command, filled_vault, tmp_path):
    make, expected = CASES[case]
    target, stdin = make(tmp_path / "other.commsdesk", filled_vault)
    before, files_before = digest(target), listing(target)
    extra = {"check": [], "search": ["мама"], "export": ["--output", str(tmp_path / "out.json")]}
    result = run_cli(command, *extra[command], "--vault", str(target), stdin=stdin)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert expected in lines[0]
    assert "Traceback" not in result.stderr + result.stdout
    assert digest(target) == before
    assert listing(target) == files_before


def test_message_is_in_russian_when_the_user_reads_russian(filled_vault):
    result = run_cli("check", "--vault", str(filled_vault), stdin="не тот пароль\n", lang="ru")
    assert result.returncode != 0
    assert "Неверная парольная фраза" in result.stderr


@pytest.mark.parametrize("case", list(CASES))
def test_api_raises_a_vault_error(case, filled_vault, tmp_path):
    make, _expected = CASES[case]
    target, stdin = make(tmp_path / "other.commsdesk", filled_vault)
    with pytest.raises(errors.VaultError) as caught:
        vault = Vault.open(target, stdin.strip())
        try:
            from commsdesk.storage import safety

            safety.check(vault)
        finally:
            vault.close()
    assert str(caught.value)


def test_a_vault_the_user_may_not_read_is_explained_in_their_language(tmp_path, make_vault):
    """The system's own text ("Permission denied") must not reach a Russian message."""
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root to run the command as another user")
    folder = tmp_path / "mine"
    folder.mkdir()
    make_vault(folder / "v.commsdesk").close()
    os.chmod(tmp_path, 0o755)
    os.chmod(folder, 0o755)
    env = child_env()
    env.update(COMMSDESK_LANG="ru", HOME=str(tmp_path))
    done = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable,
                           "-m", "commsdesk", "check", "--vault", str(folder / "v.commsdesk")],
                          input=PASSPHRASE + "\n", capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 1
    assert "Permission" not in done.stderr and "Traceback" not in done.stderr
    assert "нет прав" in done.stderr or "доступ" in done.stderr, done.stderr
