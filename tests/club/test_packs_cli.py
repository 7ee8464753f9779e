"""`commsdesk pack …` as a trainer runs it: keygen, build, sign, verify, and their exit codes."""

import io
import os
import subprocess
import sys

import pytest
from test_packs_support import EXAMPLE, article_text, write_source

from commsdesk import cli
from helpers import child_env

PASSPHRASE = "trainer passphrase"


def run(*argv, stdin=""):
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(["pack", *map(str, argv)], stdin=io.StringIO(stdin), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def keys(tmp_path):
    code, out, err = run("keygen", "--out", tmp_path / "trainer", "--strength", "basic",
                         stdin=PASSPHRASE + "\n")
    assert code == 0, err
    return tmp_path / "trainer.key", tmp_path / "trainer.pub", out.split(": ")[1].strip()


@pytest.fixture
def pack(tmp_path):
    target = tmp_path / "example.cdpack"
    code, out, err = run("build", EXAMPLE, "--out", target)
    assert code == 0, err
    assert "Built" in out and "2 articles" in out and "not signed" in out
    return target


def test_keygen_writes_a_protected_key_and_a_public_key(keys, tmp_path):
    secret, public, shown = keys
    assert oct(secret.stat().st_mode & 0o777) == "0o600"
    assert public.read_text().startswith("commsdesk-pack-key ed25519 ")
    assert PASSPHRASE not in secret.read_text() and len(shown) == 29
    code, _, err = run("keygen", "--out", tmp_path / "trainer", stdin=PASSPHRASE + "\n")
    assert code == 1 and "already exists" in err
    code, _, err = run("keygen", "--out", tmp_path / "short", "--strength", "basic", stdin="short\n")
    assert code == 1 and "at least 8" in err and not list(tmp_path.glob("short*"))


def test_keygen_defaults_to_files_in_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run("keygen", "--strength", "basic", stdin=PASSPHRASE + "\n")
    assert code == 0, err
    assert (tmp_path / "commsdesk-pack.key").exists() and (tmp_path / "commsdesk-pack.pub").exists()


def test_build_sign_verify_round_trip(keys, pack, tmp_path):
    secret, public, shown = keys
    code, out, _ = run("verify", pack)
    assert code == 3 and "Intact" in out and "Not signed" in out and "Первые разговоры" in out
    code, out, err = run("sign", pack, "--key", secret, stdin=PASSPHRASE + "\n")
    assert code == 0, err
    assert shown in out
    code, out, _ = run("verify", pack, "--trust", public)
    assert code == 0 and f"Signed by a trusted key: {shown}." in out
    code, out, _ = run("verify", pack)
    assert code == 0 and "Signed by an unknown key" in out and shown in out and "Клуб" in out
    run("keygen", "--out", tmp_path / "other", "--strength", "basic", stdin=PASSPHRASE + "\n")
    code, out, _ = run("verify", pack, "--trust", tmp_path / "other.pub")
    assert code == 3 and "unknown key" in out
    code, out, _ = run("verify", pack, "--trust", tmp_path / "other.pub", "--trust", public)
    assert code == 0 and "trusted key" in out


def test_a_tampered_pack_fails_verification_and_is_never_signed(keys, pack):
    secret, public, _ = keys
    run("sign", pack, "--key", secret, stdin=PASSPHRASE + "\n")
    data = bytearray(pack.read_bytes())
    data[data.index("Дочь".encode())] ^= 1
    pack.write_bytes(bytes(data))
    code, out, err = run("verify", pack, "--trust", public)
    assert code == 1 and out == "" and "checksum does not match" in err
    text = pack.read_bytes().replace("Мама".encode(), "Папа".encode(), 1)  # still valid UTF-8
    pack.write_bytes(text)
    code, out, err = run("verify", pack, "--trust", public)
    assert code == 1 and "was changed after it was built or signed" in err
    code, _, err = run("sign", pack, "--key", secret, stdin="")  # refused before asking anything
    assert code == 1 and "was changed" in err and pack.read_bytes() == text


def test_a_wrong_passphrase_leaves_the_pack_untouched(keys, pack):
    before = pack.read_bytes()
    code, _, err = run("sign", pack, "--key", keys[0], stdin="wrong passphrase\n")
    assert code == 1 and "Wrong passphrase for the signing key" in err
    assert pack.read_bytes() == before and sorted(p.name for p in pack.parent.iterdir()) == [
        "example.cdpack", "trainer.key", "trainer.pub"]
    code, _, err = run("sign", pack, "--key", keys[1], stdin=PASSPHRASE + "\n")
    assert code == 1 and "not a CommsDesk signing key" in err


def test_signing_keeps_the_file_mode(keys, pack):
    os.chmod(pack, 0o640)
    assert run("sign", pack, "--key", keys[0], stdin=PASSPHRASE + "\n")[0] == 0
    assert oct(pack.stat().st_mode & 0o777) == "0o640"


def test_a_failed_build_writes_nothing(tmp_path):
    folder = write_source(tmp_path / "src", {"a.md": article_text("<script>alert(1)</script>")})
    target = tmp_path / "out.cdpack"
    code, out, err = run("build", folder, "--out", target)
    assert code == 1 and out == "" and not target.exists()
    assert err.startswith("commsdesk: Article “a.md”, field “body”: contains raw HTML")


def test_build_refuses_to_overwrite_and_names_the_file_after_the_pack(pack, tmp_path, monkeypatch):
    before = pack.read_bytes()
    code, _, err = run("build", EXAMPLE, "--out", pack)
    assert code == 1 and "already exists" in err and pack.read_bytes() == before
    monkeypatch.chdir(tmp_path)
    assert run("build", EXAMPLE)[0] == 0
    assert (tmp_path / "example-first-talks-1.0.cdpack").read_bytes() == before


def written(path, data):
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("make, words", [
    (lambda p: p / "missing.cdpack", "there is no such file"),
    (lambda p: p, "it is a folder"),
    (lambda p: written(p / "x.cdpack", b"hello"), "not a pack document"),
    (lambda p: written(p / "big.cdpack", b" " * (9 << 20)), "larger than 8 MB"),
])
def test_verify_explains_files_it_cannot_use(tmp_path, make, words):
    code, out, err = run("verify", make(tmp_path))
    assert code == 1 and out == "" and words in err


def test_verify_refuses_a_bad_trust_file(pack, tmp_path):
    (tmp_path / "bad.pub").write_text("ssh-ed25519 AAAA")
    code, _, err = run("verify", pack, "--trust", tmp_path / "bad.pub")
    assert code == 1 and "not a CommsDesk public key" in err
    code, _, err = run("verify", pack, "--trust", tmp_path / "none.pub")
    assert code == 1 and "none.pub" in err


def test_usage_errors_and_no_passphrase_options():
    assert run()[0] == 2 and run("verify")[0] == 2 and run("sign", "x.cdpack")[0] == 2
    assert run("frobnicate")[0] == 2
    parser = cli.build_parser()
    pack = parser._subparsers._group_actions[0].choices["pack"]
    for sub in pack._subparsers._group_actions[0].choices.values():
        assert not [o for a in sub._actions for o in a.option_strings if "pass" in o]


def test_the_installed_entry_point(tmp_path):
    target = tmp_path / "p.cdpack"
    command = [sys.executable, "-m", "commsdesk", "pack"]
    done = subprocess.run([*command, "build", str(EXAMPLE), "--out", str(target)], env=child_env(),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    done = subprocess.run([*command, "verify", str(target)], env=child_env(), capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 3 and "Not signed" in done.stdout
