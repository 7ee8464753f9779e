"""Shared test set-up: offscreen Qt, no network, private directories, a cheap KDF on request."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["COMMSDESK_LANG"] = "en"

from helpers import PASSPHRASE, TEST_LEVEL

_NETWORK_EVENTS = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
                   "socket.gethostbyaddr", "socket.sendto", "socket.sendmsg"}


def _refuse_network(event: str, args: tuple) -> None:
    # Installed for the whole session: any code path that touches the network fails loudly.
    if event in _NETWORK_EVENTS:
        target = args[1] if len(args) > 1 else args
        raise RuntimeError(f"network access attempted: {event} {target!r}")


sys.addaudithook(_refuse_network)

# Vaults made with the cheap test KDF level open only where this is set: here and in the child
# processes the tests start (they inherit the environment). The app itself never sets it.
os.environ["COMMSDESK_TEST_KDF"] = "allow"


@pytest.fixture(autouse=True)
def private_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> dict:
    """Fresh config, data, cache, state and temp directories for each test, so scans see only
    ours."""
    base = tmp_path_factory.mktemp("home")
    dirs = {name: base / name for name in ("config", "data", "cache", "state", "tmp")}
    for path in dirs.values():
        path.mkdir()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(dirs["config"]))
    monkeypatch.setenv("XDG_DATA_HOME", str(dirs["data"]))
    monkeypatch.setenv("XDG_CACHE_HOME", str(dirs["cache"]))
    monkeypatch.setenv("XDG_STATE_HOME", str(dirs["state"]))
    monkeypatch.setenv("TMPDIR", str(dirs["tmp"]))
    monkeypatch.setenv("HOME", str(base))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(dirs["tmp"]))
    return dirs


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "vault.commsdesk"


@pytest.fixture
def make_vault():
    """Create vaults with the cheap test KDF level (production parameters are tested once)."""
    from commsdesk.storage import Vault

    opened = []

    def make(path: Path, passphrase: str = PASSPHRASE):
        vault = Vault.create(path, passphrase, level=TEST_LEVEL, allow_testing_level=True)
        opened.append(vault)
        return vault

    yield make
    for vault in opened:
        vault.close()


@pytest.fixture
def vault(make_vault, vault_path: Path):
    return make_vault(vault_path)
