"""Acceptance 8: no code path opens a network connection; the guard itself is proven to work."""

import io
import socket
import subprocess
import sys
import urllib.request

import pytest

from commsdesk import cli
from commsdesk.storage import safety
from commsdesk.transfer.json_export import export_document
from commsdesk.transfer.markdown_export import export_markdown
from helpers import PASSPHRASE, ROOT, add_person, add_talk, child_env


def test_the_guard_makes_any_connect_fail_loudly():
    with pytest.raises(RuntimeError, match="network access attempted"):
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    with pytest.raises(RuntimeError, match="network access attempted"):
        urllib.request.urlopen("http://example.org", timeout=1)


def test_every_vault_operation_runs_without_the_network(vault, tmp_path):
    person = add_person(vault)
    add_talk(vault, person.id, "заметка о войне")
    vault.repos.search.run("война")
    export_document(vault)
    export_markdown(vault)
    safety.backup(vault, tmp_path / "b.commsdesk")
    safety.check(vault)


def test_cli_commands_run_without_the_network(make_vault, tmp_path):
    path = tmp_path / "v.commsdesk"
    vault = make_vault(path)
    add_talk(vault, add_person(vault).id, "заметка")
    vault.close()
    for argv in (["check"], ["search", "заметка", "--json"], ["export", "-o", "-"]):
        out = io.StringIO()
        code = cli.main([*argv, "--vault", str(path)], stdin=io.StringIO(PASSPHRASE + "\n"),
                        out=out, err=io.StringIO())
        assert code == 0, argv


GUARD = (
    "import sys, runpy\n"
    "def hook(event, args):\n"
    "    if event in ('socket.connect', 'socket.getaddrinfo', 'socket.gethostbyname'):\n"
    "        sys.stderr.write('NETWORK ' + event + '\\n'); sys.stderr.flush()\n"
    "        import os; os._exit(99)\n"
    "sys.addaudithook(hook)\n"
    "sys.argv = ['commsdesk'] + sys.argv[1:]\n"
    "runpy.run_module('commsdesk', run_name='__main__')\n"
)


def test_demo_and_search_in_a_guarded_process(tmp_path):
    """The real entry point, with an audit hook that kills the process on any network call."""
    path = tmp_path / "demo.commsdesk"
    for argv in (["demo", "--vault", str(path)], ["search", "мама", "--vault", str(path)]):
        result = subprocess.run([sys.executable, "-c", GUARD, *argv], input=PASSPHRASE + "\n",
                                capture_output=True, text=True, env=child_env(), timeout=300,
                                cwd=ROOT)
        assert result.returncode == 0, result.stderr
        assert "NETWORK" not in result.stderr
