"""The Club's records in the vault: the stories shelf, installed packs and trusted signers, practice
(the cards and packs through `club/shelf.py`, which reads and writes their files)."""

from datetime import date, datetime

import pytest

from commsdesk.club.pack_signing import generate_signing_key, raw_public_key
from commsdesk.club.packs import PackStatus, build_pack, read_pack, sign_pack
from commsdesk.club.shelf import installed_packs, keep_card, kept_cards
from commsdesk.club.story_card import StoryCard, StorySource
from commsdesk.domain import Relationship
from commsdesk.paths import resources_dir
from commsdesk.storage import errors
from commsdesk.storage.club import PracticeEntry

EXAMPLE = resources_dir() / "packs" / "example"


def test_the_shelf_keeps_cards_and_where_they_came_from(vault):
    card = StoryCard("Four months with my mother", Relationship.MOTHER, "en", story="She asked *why*.",
                     source=StorySource("mother.cdstory.json", date(2026, 12, 1), "Tbilisi club"))
    keep_card(vault, card)
    [(row_id, stored)] = kept_cards(vault)
    assert stored.id == card.id and stored.story == "She asked *why*."
    assert stored.source == StorySource("mother.cdstory.json", date(2026, 12, 1), "Tbilisi club")
    with pytest.raises(errors.AlreadyPresent):
        keep_card(vault, card)
    vault.repos.club_stories.delete(row_id)
    assert kept_cards(vault) == [] and vault.repos.club_stories.all() == []


def test_a_packs_status_follows_the_trusted_keys(vault):
    key = generate_signing_key()
    data = sign_pack(build_pack(EXAMPLE), key)
    pack = read_pack(data, vault.repos.trusted_keys.all())
    assert pack.status is PackStatus.UNKNOWN_SIGNER
    vault.repos.content_packs.add(pack, data)
    [installed] = installed_packs(vault, "ru")
    assert installed.pack.articles[0].body and installed.pack.status is PackStatus.UNKNOWN_SIGNER
    vault.repos.trusted_keys.add(raw_public_key(key), "trainer")
    assert installed_packs(vault)[0].pack.status is PackStatus.TRUSTED
    vault.repos.content_packs.add(pack, data)  # the same pack again replaces, never doubles
    assert len(installed_packs(vault)) == 1 and installed_packs(vault, "en") == []
    vault.repos.content_packs.remove(installed.row_id)
    vault.repos.trusted_keys.remove(raw_public_key(key))
    assert vault.repos.content_packs.all() == [] and vault.repos.trusted_keys.all() == []


def test_practice_history_and_what_was_practised_last(vault):
    log = vault.repos.practice
    log.add(PracticeEntry("drill", "eight-years-where-were-you", datetime(2026, 11, 1, 10), reply="…",
                          ticks=["reflected"]))
    log.add(PracticeEntry("drill", "eight-years-where-were-you", datetime(2026, 11, 20, 10)))
    log.add(PracticeEntry("roleplay", "roleplay-mother-state-tv", datetime(2026, 11, 5, 19),
                          role="observer", what_worked="slow questions"))
    assert log.last_practised("drill") == {"eight-years-where-were-you": date(2026, 11, 20)}
    [first, second] = log.history("drill")
    assert first.practised_at > second.practised_at and second.ticks == ["reflected"]
    assert log.history("roleplay", "roleplay-mother-state-tv")[0].what_worked == "slow questions"
    with pytest.raises(errors.InvalidValue):
        log.add(PracticeEntry("nonsense", "x", datetime(2026, 11, 1)))
