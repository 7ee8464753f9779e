"""Travel mode: after `out` nothing on this computer names the vault or a person in it; `back`
brings back every record; when the backup cannot be written or checked nothing is removed."""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest

from commsdesk import cli, travel
from commsdesk import settings as settings_store
from commsdesk.demo import populate
from commsdesk.paths import config_dir, data_dir, default_vault_path
from commsdesk.recovery import new_recovery_phrase
from commsdesk.storage import Vault, errors, safety
from commsdesk.storage.contacts import ContactFilter
from commsdesk.transfer.json_export import export_document
from helpers import PASSPHRASE, add_person, add_talk, child_env
from travel_scan import scan

OTHER = "a passphrase for the trip"


def export(vault) -> dict:
    document = export_document(vault)
    document.pop("exported_at")
    return document


@pytest.fixture
def demo(make_vault):
    """A demo vault at the usual place, with everything CommsDesk leaves around a vault."""
    vault = make_vault(default_vault_path())
    populate(vault, date(2026, 11, 1))
    path = vault.path
    (path.parent / f"{path.name}.before-restore").write_bytes(os.urandom(4096))
    (path.parent / f"{path.name}.before-v9").write_bytes(os.urandom(4096))
    settings_store.save(settings_store.Settings(language="ru", vault_path=str(path)))
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "CommsDesk"
    cache.mkdir()
    (cache / "thumbnails.bin").write_text(str(path), encoding="utf-8")
    qt = config_dir().parent / "QtProject.conf"
    qt.write_text(f"[FileDialog]\nhistory=file://{path.parent}\nlastVisited=file://{path.parent}\n"
                  "[Other]\nkept=yes\n", encoding="utf-8")
    return vault


def names(vault) -> list[str]:
    return [c.display_name for c in vault.repos.contacts.list(ContactFilter(archived=None))]


def test_out_leaves_no_trace_and_back_brings_every_record(demo, private_dirs, tmp_path):
    before, people, path = export(demo), names(demo), demo.path
    assert people and before["conversations"]
    usb = tmp_path / "usb"
    usb.mkdir()
    report = travel.travel_out(demo, usb / "trip.commsdesk")
    assert not demo.is_open
    assert report.counts["contacts"] == len(people) and not report.failed and not report.kept
    home = Path(os.environ["HOME"])
    assert usb not in home.parents
    leftovers = scan([home, *private_dirs.values()], [str(path.parent), path.name, *people],
                     names=["commsdesk", path.name])
    assert leftovers == []
    assert not data_dir().exists() and not config_dir().exists()
    assert (config_dir().parent / "QtProject.conf").read_text() == "[Other]\nkept=yes\n"
    assert settings_store.load().vault_path == ""  # the app starts on its welcome screen

    assert travel.travel_back(usb / "trip.commsdesk", PASSPHRASE) == path
    with Vault.open(path, PASSPHRASE) as back:
        assert export(back) == before
    assert not settings_store.settings_path().exists()  # the usual place: nothing to remember


def test_out_with_a_passphrase_for_the_trip(vault, tmp_path):
    add_talk(vault, add_person(vault, "Папа").id, "о поездке")
    before, path = export(vault), vault.path
    backup = tmp_path / "usb" / "trip.commsdesk"
    backup.parent.mkdir()
    travel.travel_out(vault, backup, OTHER)
    assert not path.exists()
    with pytest.raises(errors.WrongPassphrase):
        Vault.open(backup, PASSPHRASE)
    target = tmp_path / "home" / "vault.commsdesk"
    travel.travel_back(backup, OTHER, target)
    with Vault.open(target, OTHER) as back:
        assert export(back) == before
    assert settings_store.load().vault_path == str(target)  # the app offers it at start


def test_back_from_an_emergency_kit_typed_loosely(vault, tmp_path):
    phrase = new_recovery_phrase()
    safety.backup(vault, tmp_path / "kit.commsdesk", passphrase=phrase)
    vault.close()
    target = tmp_path / "back.commsdesk"
    travel.travel_back(tmp_path / "kit.commsdesk", phrase.lower().replace("-", " "), target)
    Vault.open(target, phrase).close()


def test_back_never_replaces_a_vault(vault, tmp_path):
    safety.backup(vault, tmp_path / "b.commsdesk")
    vault.close()
    before = vault.path.read_bytes()
    with pytest.raises(errors.VaultExists):
        travel.travel_back(tmp_path / "b.commsdesk", PASSPHRASE, vault.path)
    assert vault.path.read_bytes() == before


def assert_untouched(path: Path, traces: list[Path]) -> None:
    kept_copies = [p for p in traces if not p.name.endswith(travel.SIDE_FILES)]
    assert path in kept_copies and len(kept_copies) == 3
    assert all(p.exists() for p in kept_copies)
    assert settings_store.settings_path().exists()
    Vault.open(path, PASSPHRASE).close()


@pytest.mark.parametrize("code, error", [(errno.EACCES, errors.WriteFailed),
                                         (errno.ENOSPC, errors.DiskFull)])
def test_unwritable_or_full_destination_removes_nothing(demo, tmp_path, monkeypatch, code, error):
    usb = tmp_path / "usb"
    usb.mkdir()
    real_open = os.open

    def failing_open(path, flags, *args, **kwargs):
        if Path(path).parent == usb:
            raise OSError(code, os.strerror(code))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", failing_open)
    traces = travel.vault_traces(demo.path)
    with pytest.raises(error):
        travel.travel_out(demo, usb / "trip.commsdesk")
    monkeypatch.setattr(os, "open", real_open)
    assert list(usb.iterdir()) == []
    demo.close()
    assert_untouched(demo.path, traces)


def test_destination_that_is_not_a_folder_removes_nothing(demo, tmp_path):
    (tmp_path / "stick").write_text("not a folder")
    traces = travel.vault_traces(demo.path)
    with pytest.raises(errors.VaultError):
        travel.travel_out(demo, tmp_path / "stick" / "trip.commsdesk")
    demo.close()
    assert_untouched(demo.path, traces)


def test_a_backup_that_reads_back_damaged_removes_nothing(demo, tmp_path, monkeypatch):
    real_backup = safety.backup

    def damaging_backup(vault, destination, **kwargs):
        real_backup(vault, destination, **kwargs)
        with open(destination, "r+b") as handle:  # the stick loses a page on the way
            handle.seek(3 * 4096 + 100)
            handle.write(bytes(64))

    monkeypatch.setattr(safety, "backup", damaging_backup)
    traces = travel.vault_traces(demo.path)
    with pytest.raises(errors.VaultError):
        travel.travel_out(demo, tmp_path / "trip.commsdesk")
    assert demo.is_open
    demo.close()
    assert_untouched(demo.path, traces)
    assert not list(demo.path.parent.glob(".*travel-check*"))
    assert not (tmp_path / "trip.commsdesk").exists()  # a backup not to rely on is not left


def test_a_write_from_another_thread_after_the_backup_is_refused_not_lost(vault, tmp_path,
                                                                         monkeypatch):
    """A reader's progress or a draft saved by another thread once the backup is checked would be
    confirmed, then removed with the vault, and not be in the backup."""
    person = add_person(vault)
    real_verify = travel.verify_backup
    outcome = []

    def write():
        try:
            outcome.append(add_talk(vault, person.id, "после резервной копии").uid)
        except errors.VaultError:
            outcome.append("refused")

    def verify_then_write(*args):
        counts = real_verify(*args)
        other = threading.Thread(target=write)
        other.start()
        other.join()
        return counts

    monkeypatch.setattr(travel, "verify_backup", verify_then_write)
    (tmp_path / "stick").mkdir()
    travel.travel_out(vault, tmp_path / "stick" / "trip.commsdesk")
    assert outcome == ["refused"]


def test_a_backup_that_differs_from_the_vault_removes_nothing(demo, tmp_path, monkeypatch):
    digests = iter(["backup", "vault"])
    monkeypatch.setattr(travel, "export_digest", lambda _vault: next(digests))
    with pytest.raises(errors.VaultDamaged):
        travel.travel_out(demo, tmp_path / "trip.commsdesk")
    assert demo.is_open and demo.path.exists()


def test_refused_beside_the_vault_or_in_the_folders_it_empties(demo):
    cache = travel.cache_dirs()[0]
    for place in (demo.path.parent / "trip.commsdesk", cache / "keep" / "trip.commsdesk",
                  config_dir() / "trip.commsdesk"):
        place.parent.mkdir(parents=True, exist_ok=True)
        with pytest.raises(travel.BackupBesideVault):
            travel.travel_out(demo, place)
        assert demo.is_open and not place.exists()


HOLDER = """
import sys
from commsdesk.storage import Vault
vault = Vault.open(sys.argv[1], sys.argv[2])
vault.repos.contacts.count()
print("open", flush=True)
sys.stdin.readline()
vault.close()
"""


def test_refused_while_another_process_has_the_vault_open(demo, tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(demo.path), PASSPHRASE],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                              env=child_env())
    try:
        assert holder.stdout.readline().strip() == "open"
        traces = travel.vault_traces(demo.path)
        with pytest.raises(errors.VaultBusy):
            travel.travel_out(demo, tmp_path / "trip.commsdesk")
        assert all(p.exists() for p in traces)
    finally:
        holder.communicate("\n", timeout=60)
    assert_untouched(demo.path, traces)


def test_confirm_passphrase(vault):
    travel.confirm_passphrase(vault, PASSPHRASE)
    with pytest.raises(errors.WrongPassphrase):
        travel.confirm_passphrase(vault, PASSPHRASE + "x")


# -- the command line -------------------------------------------------------------------------
def run(*argv, stdin=""):
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), stdin=io.StringIO(stdin), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_out_and_back(demo, tmp_path):
    path, before = demo.path, export(demo)
    demo.close()
    backup = tmp_path / "trip.commsdesk"
    code, _, err = run("travel", "out", str(backup), "--new-passphrase",
                       stdin=f"{PASSPHRASE}\n{OTHER}\n")
    assert code == 0, err
    assert "read back and checked" in err and "cannot remove" in err and "installed app" in err
    assert not path.exists() and not data_dir().exists()
    code, _, err = run("travel", "out", str(backup), stdin=f"{PASSPHRASE}\n")
    assert code == 1 and "already exists" in err
    code, _, err = run("travel", "back", str(backup), stdin=f"{PASSPHRASE}\n")
    assert code == 1 and not path.exists()
    code, _, err = run("travel", "back", str(backup), stdin=f"{OTHER}\n")
    assert code == 0, err
    assert str(path) in err
    with Vault.open(path, OTHER) as back:
        assert json.dumps(export(back), sort_keys=True) == json.dumps(before, sort_keys=True)


def test_cli_wrong_passphrase_and_arguments(demo, tmp_path):
    demo.close()
    code, _, err = run("travel", "out", str(tmp_path / "t.commsdesk"), stdin="wrong passphrase\n")
    assert code == 1 and "Wrong passphrase" in err and demo.path.exists()
    assert not (tmp_path / "t.commsdesk").exists()
    assert run("travel")[0] == 2
    assert run("travel", "sideways", "x")[0] == 2
    assert run("travel", "out")[0] == 2


def test_a_vault_reached_through_a_link_goes_with_the_link(make_vault, tmp_path):
    real = tmp_path / "elsewhere" / "real.commsdesk"
    make_vault(real).close()
    link = tmp_path / "home" / "vault.commsdesk"
    link.parent.mkdir()
    link.symlink_to(real)
    vault = Vault.open(link, PASSPHRASE)
    report = travel.travel_out(vault, tmp_path / "usb.commsdesk")
    assert not real.exists() and not link.is_symlink() and {real, link} <= set(report.removed)
