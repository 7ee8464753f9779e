"""`commsdesk story check FILE [--vault PATH] [--json] [--apply]` as a club moderator runs it: findings
with offsets, exit codes 0/3/1/2, the vault's contacts only when --vault is given (issue 11)."""

import io
import json
import os

import pytest

from commsdesk import cli
from commsdesk.club.story_card import StoryCard
from commsdesk.club.story_file import export_card
from commsdesk.domain import Relationship
from helpers import PASSPHRASE, add_person

TEXT = "Поговорил с Ниной Сергеевной. Соседка Галина Петровна из Воронежа пишет @galya_vrn.\n"


def run(*argv, stdin=""):
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(["story", "check", *map(str, argv)], stdin=io.StringIO(stdin), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def text_file(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_json_findings_point_at_the_text_as_written(text_file):
    code, out, err = run(text_file, "--json")
    assert code == 3, err
    document = json.loads(out)
    assert document["text"] == TEXT
    findings = document["findings"]
    assert [(f["kind"], f["found"]) for f in findings] == [
        ("name", "Ниной Сергеевной"), ("name", " Галина Петровна"), ("place", "Воронежа"),
        ("handle", "@galya_vrn")]
    for finding in findings:
        assert set(finding) == {"kind", "found", "start", "end", "replacement"}
        assert TEXT[finding["start"]:finding["end"]] == finding["found"]
    assert findings[0]["replacement"] == "одной знакомой"


def test_apply_prints_the_anonymized_text(text_file):
    code, out, err = run(text_file, "--json", "--apply")
    assert code == 3, err
    assert json.loads(out)["text"] == ("Поговорил с одной знакомой. Соседка из одного из городов пишет"
                                       " [аккаунт в мессенджере].\n")
    code, out, err = run(text_file, "--apply")
    assert code == 3 and out.startswith("Поговорил с одной знакомой.") and "Воронежа" in err


def test_plain_output_lists_kind_offsets_and_replacement(text_file):
    code, out, _ = run(text_file)
    assert code == 3
    first = out.splitlines()[0].split("\t")
    assert first[1] == "12–28" and "«Ниной Сергеевной» → «одной знакомой»" in first[2]


def test_nothing_found_exits_0(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text("Мы говорили о ценах и о погоде.", encoding="utf-8")
    code, out, _ = run(path)
    assert code == 0 and out.strip()
    code, out, _ = run(path, "--json")
    assert code == 0 and json.loads(out) == {"findings": [], "text": "Мы говорили о ценах и о погоде."}


def test_with_the_vault_its_contacts_are_replaced_by_their_role(make_vault, tmp_path, text_file):
    vault = make_vault(tmp_path / "v.commsdesk")
    add_person(vault, "Нина Сергеевна", relationship=Relationship.MOTHER)
    vault.close()
    code, out, err = run(text_file, "--json", "--vault", tmp_path / "v.commsdesk", stdin=PASSPHRASE + "\n")
    assert code == 3, err
    assert json.loads(out)["findings"][0]["replacement"] == "мамой"
    code, _, err = run(text_file, "--vault", tmp_path / "v.commsdesk", stdin="wrong passphrase\n")
    assert code == 1 and err.startswith("commsdesk:")


def test_a_story_card_is_checked_field_by_field(tmp_path):
    card = StoryCard(title="Мама, за четыре месяца", relationship=Relationship.MOTHER, language="ru",
                     story="Тётя Галя из Тамбова звонила.", tip="Спросите у Серёжи.")
    path = tmp_path / "mama.cdstory.json"
    path.write_bytes(export_card(card))
    code, out, err = run(path, "--json", "--apply")
    assert code == 3, err
    document = json.loads(out)
    assert {(f["field"], f["found"]) for f in document["findings"]} == {
        ("story", " Галя"), ("story", "Тамбова"), ("tip", "Серёжи")}
    applied = json.loads(document["text"])
    assert applied["story"] == "Тётя из одного из городов звонила."
    assert applied["tip"] == "Спросите у одного знакомого."


@pytest.mark.parametrize("content", [b"\xff\xfe\xfa broken", b'{"format": "commsdesk-story"}'])
def test_unreadable_input_is_an_error(tmp_path, content):
    path = tmp_path / ("bad.cdstory.json" if content.startswith(b"{") else "bad.txt")
    path.write_bytes(content)
    code, out, err = run(path)
    assert code == 1 and out == "" and err.startswith("commsdesk:")


def test_a_fifo_is_refused_without_blocking(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _, err = run(fifo)
    assert code == 1 and "regular" in err


@pytest.mark.parametrize("argv", [[], ["a.txt", "--bogus"]])
def test_wrong_arguments_exit_2(argv):
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(["story", "check", *argv], stdin=io.StringIO(""), out=out, err=err) == 2


def test_an_english_card_gets_english_roles_from_the_vault(make_vault, tmp_path):
    vault = make_vault(tmp_path / "v.commsdesk")
    add_person(vault, "Нина Сергеевна", relationship=Relationship.MOTHER)
    vault.close()
    card = StoryCard(title="Mother", relationship=Relationship.MOTHER, language="en",
                     story="Нина Сергеевна и я говорили.")
    path = tmp_path / "mother.cdstory.json"
    path.write_bytes(export_card(card))
    code, out, err = run(path, "--json", "--vault", tmp_path / "v.commsdesk", stdin=PASSPHRASE + "\n")
    assert code == 3, err
    assert [f["replacement"] for f in json.loads(out)["findings"]] == ["My mother"]
