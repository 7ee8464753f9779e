"""The headless commands, driven as a script would drive them (passphrases on standard input)."""

import io
import json

import pytest

from commsdesk import cli
from commsdesk.storage import Vault
from helpers import PASSPHRASE, add_person, add_talk

OTHER = "another passphrase"


def run(*argv, stdin=""):
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), stdin=io.StringIO(stdin), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def path(make_vault, tmp_path):
    vault = make_vault(tmp_path / "v.commsdesk")
    person = add_person(vault, "Мама")
    add_talk(vault, person.id, "Говорили о войне и о Соловьёве")
    vault.close()
    return tmp_path / "v.commsdesk"


def test_no_command_prints_help():
    code, out, _ = run()
    assert code == 0 and "init" in out and "search" in out


def test_init_creates_a_vault_with_the_production_kdf(tmp_path):
    target = tmp_path / "new.commsdesk"
    code, _, err = run("init", "--vault", str(target), stdin=PASSPHRASE + "\n")
    assert code == 0, err
    assert "cannot be recovered" in err
    with Vault.open(target, PASSPHRASE) as vault:
        assert vault.kdf_level.name == "standard"
    code, _, err = run("init", "--vault", str(target), stdin=PASSPHRASE + "\n")
    assert code == 1 and "already exists" in err


def test_init_refuses_a_short_passphrase(tmp_path):
    code, _, err = run("init", "--vault", str(tmp_path / "x"), stdin="short\n")
    assert code == 1 and "at least 8" in err
    assert not (tmp_path / "x").exists()


def test_check(path):
    code, out, _ = run("check", "--vault", str(path), stdin=PASSPHRASE + "\n")
    assert code == 0 and "intact" in out and "1 person" in out and "1 conversation" in out


def test_search_text_and_json(path):
    code, out, _ = run("search", "Соловьев", "--vault", str(path), stdin=PASSPHRASE + "\n")
    assert code == 0 and "«Соловьёве»" in out and "[conversation] Мама" in out
    code, out, _ = run("search", "войны", "--json", "--vault", str(path), stdin=PASSPHRASE + "\n")
    hits = json.loads(out)
    assert hits[0]["kind"] == "conversation" and hits[0]["highlights"]
    code, out, _ = run("search", '" AND OR NOT', "--vault", str(path), stdin=PASSPHRASE + "\n")
    assert code == 0


@pytest.mark.parametrize("argv", [
    ["search", "-Соловьёв", "войне"],
    ["search", "--vault", "{path}", "--", "-Соловьёв", "войне"],
    ["search", "-Соловьёв", "--vault", "{path}", "войне"],
    ["search", "--json", "-Соловьёв", "войне"],
    ["search", "--lim", "5", "-Соловьёв", "войне"],
])
def test_a_search_query_may_start_with_a_minus(path, make_vault, tmp_path, argv):
    vault = Vault.open(path, PASSPHRASE)
    add_talk(vault, vault.repos.contacts.list()[0].id, "Опять о войне, про дачу")
    vault.close()
    argv = [a.replace("{path}", str(path)) for a in argv]
    if "--vault" not in argv:
        argv += ["--vault", str(path)]
    code, out, err = run(*argv, stdin=PASSPHRASE + "\n")
    assert code == 0, err
    assert "про дачу" in out and "Соловьёв" not in out


def test_a_search_of_only_operators_finds_nothing(path):
    code, out, _ = run("search", "AND", "OR", "NOT", "--vault", str(path), stdin=PASSPHRASE + "\n")
    assert code == 0 and "Nothing found." in out
    assert run("search", "--vault", str(path))[0] == 2  # still: a query is required


def test_backup_restore_and_passwd(path, tmp_path):
    backup = tmp_path / "b.commsdesk"
    code, _, err = run("backup", str(backup), "--new-passphrase", "--vault", str(path),
                       stdin=f"{PASSPHRASE}\n{OTHER}\n")
    assert code == 0, err
    code, _, err = run("passwd", "--vault", str(path), stdin=f"{PASSPHRASE}\n{OTHER}\n")
    assert code == 0, err
    Vault.open(path, OTHER).close()
    code, _, err = run("restore", str(backup), "--vault", str(path), stdin=f"{OTHER}\n")
    assert code == 0, err
    assert "kept" in err
    with Vault.open(path, OTHER) as vault:
        assert vault.repos.conversations.count() == 1


def test_export_and_import(path, make_vault, tmp_path):
    out_file = tmp_path / "export.json"
    code, _, err = run("export", "--output", str(out_file), "--vault", str(path),
                       stdin=PASSPHRASE + "\n")
    assert code == 0 and "NOT encrypted" in err
    assert oct(out_file.stat().st_mode & 0o777) == "0o600"
    target = make_vault(tmp_path / "t.commsdesk")
    target.close()
    code, out, err = run("import", str(out_file), "--vault", str(tmp_path / "t.commsdesk"),
                         stdin=PASSPHRASE + "\n")
    assert code == 0, err
    assert "Imported" in out
    code, out, _ = run("export", "-o", "-", "--format", "markdown", "--vault", str(path),
                       stdin=PASSPHRASE + "\n")
    assert code == 0 and out.startswith("# CommsDesk journal")
    code, _, err = run("export", "--output", str(out_file), "--vault", str(path),
                       stdin=PASSPHRASE + "\n")
    assert code == 1 and "already exists" in err


def test_import_reports_which_record_and_field(path, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "commsdesk-export", "version": 1, "contacts": [
        {"uid": "x"}]}), encoding="utf-8")
    code, _, err = run("import", str(bad), "--vault", str(path), stdin=PASSPHRASE + "\n")
    assert code == 1
    assert "contacts #1, field “display_name”: is missing" in err


def test_missing_passphrase_and_bad_arguments(path):
    code, _, err = run("check", "--vault", str(path), stdin="")
    assert code == 1 and "No passphrase" in err
    assert run("frobnicate")[0] == 2
    assert run("search")[0] == 2


def test_passphrase_never_comes_from_arguments_or_environment():
    parser = cli.build_parser()
    options = {a for action in parser._actions for a in action.option_strings}
    for sub in parser._subparsers._group_actions[0].choices.values():
        options |= {a for action in sub._actions for a in action.option_strings}
    assert not [o for o in options if "pass" in o and o != "--new-passphrase"]
    import inspect

    assert "environ" not in inspect.getsource(cli.Cli)


@pytest.fixture
def russian():
    from commsdesk import i18n

    i18n.set_language("ru")
    yield
    i18n.set_language("en")


def test_argparse_own_words_are_russian_too(russian, capsys):
    """The usage line, headings and argparse's error messages come from the app's catalog."""
    text = cli.build_parser().format_help()
    assert text.startswith("использование: commsdesk")
    for english in ("usage:", "options", "positional arguments", "show this help", "version number"):
        assert english not in text
    for argv in (["search"], ["frobnicate"], ["init", "--strength"]):
        with pytest.raises(SystemExit) as exit_:
            cli.build_parser().parse_args(argv)
        assert exit_.value.code == 2
        err = capsys.readouterr().err
        assert "ошибка:" in err and "error" not in err and "usage" not in err, err
