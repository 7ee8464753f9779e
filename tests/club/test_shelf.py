"""The club's use cases, without Qt (issue 12 §1)."""

from __future__ import annotations

from datetime import date, datetime

from commsdesk.club.pack_signing import generate_signing_key, raw_public_key
from commsdesk.club.packs import PackStatus, build_pack, sign_pack
from commsdesk.club.shelf import (
    check_pack,
    import_pack,
    import_story_cards,
    installed_packs,
    kept_cards,
    record_practice,
    remove_pack,
    remove_story,
    trust_key,
)
from commsdesk.club.stories import StoryCard, export_card
from commsdesk.domain import Relationship
from commsdesk.library.marks import save_mark
from commsdesk.storage.club import PracticeEntry
from helpers import ROOT

EXAMPLE = ROOT / "resources" / "packs" / "example"


def test_story_cards_go_in_file_by_file_and_can_be_removed(vault, tmp_path):
    good = tmp_path / "good.cdstory.json"
    good.write_bytes(export_card(StoryCard("Бабушка и радио", Relationship.GRANDPARENT, "ru",
                                           story="Она сама выключила радио.")))
    bad = tmp_path / "bad.cdstory.json"
    bad.write_bytes(b'{"format": "commsdesk-story", "version": 1, "title": 5}')
    missing = tmp_path / "missing.cdstory.json"
    result = import_story_cards(vault, [good, bad, missing], " Тбилиси ", today=date(2026, 12, 1))
    assert result.added == 1 and len(result.problems) == 2
    assert result.problems[0].startswith("bad.cdstory.json: ")
    assert result.problems[1].startswith("missing.cdstory.json: ")
    [(row, card)] = kept_cards(vault)
    assert card.source.club == "Тбилиси" and card.source.imported_on == date(2026, 12, 1)
    remove_story(vault, row)
    assert vault.repos.club_stories.all() == []


def test_a_pack_is_checked_imported_trusted_and_removed(vault, tmp_path):
    key = generate_signing_key()
    path = tmp_path / "example.cdpack"
    path.write_bytes(sign_pack(build_pack(EXAMPLE), key))
    pack, data = check_pack(vault, path)
    assert pack.status is PackStatus.UNKNOWN_SIGNER and vault.repos.content_packs.all() == []
    row = import_pack(vault, pack, data)
    trust_key(vault, pack.signer_key, pack.author)
    assert vault.repos.trusted_keys.all() == [raw_public_key(key)]
    [installed] = installed_packs(vault)
    assert installed.pack.status is PackStatus.TRUSTED
    article = f"pack:{pack.id}/{pack.articles[0].id}"
    save_mark(vault, article, True, 0.5, "заметка")
    remove_pack(vault, row)
    assert vault.repos.content_packs.all() == []
    assert vault.repos.library_marks.get(article).note == ""  # the notes on it went with it


def test_practice_is_recorded(vault):
    entry = record_practice(vault, PracticeEntry("drill", "d1", datetime(2026, 12, 1, 10), reply="Мам?"))
    assert entry.id is not None
    [stored] = vault.repos.practice.history("drill")
    assert stored.reply == "Мам?"


def test_reading_progress_only_grows_and_an_unchanged_mark_is_not_written(vault):
    assert save_mark(vault, "technique-open-questions", False, 0.6, "")
    assert save_mark(vault, "technique-open-questions", True, 0.2, "с папой")
    mark = vault.repos.library_marks.get("technique-open-questions")
    assert mark.progress == 0.6 and mark.bookmarked and mark.note == "с папой"
    assert not save_mark(vault, "technique-open-questions", True, 0.3, "с папой")
