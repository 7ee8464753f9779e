"""Drafts from a real vault: anonymized by default, every flag shown, nothing written to the vault."""

import contextlib
from datetime import date, datetime

import pytest

from commsdesk.club.stories import (
    card_markdown,
    check_card,
    draft_from_conversation,
    draft_from_journey,
    export_card,
    read_card,
)
from commsdesk.domain import Ending, Relationship
from commsdesk.library.articles import render
from commsdesk.planner.stages import Stage
from commsdesk.storage.errors import RecordNotFound
from commsdesk.storage.stages import StageChange
from helpers import add_observation, add_person, add_talk

SECRETS = ("Наталья", "Наталь", "Петровн", "Маш", "Саратов", "916", "masha@", "12 марта", "Олег")


@pytest.fixture
def journey(vault):
    mother = add_person(vault, "Наталья Петровна", region="Саратовская область")
    add_person(vault, "Маша", relationship=Relationship.SIBLING)
    add_person(vault, "Олег", relationship=Relationship.FRIEND)
    first = add_talk(vault, mother.id, "Наталья Петровна сказала, что Маша звонила ей 12 марта из Саратова.",
                     when=datetime(2026, 1, 10, 19, 0), techniques=["technique-listening-oars"],
                     ending=Ending.WARM)
    add_talk(vault, mother.id, "", when=datetime(2026, 2, 3, 19, 0))
    last = add_talk(vault, mother.id, "С Машей и Олегом поговорили, в Саратовской области тихо. "
                    "Её номер +7 916 123-45-67, почта masha@mail.ru.", when=datetime(2026, 5, 12, 19, 0),
                    ending=Ending.QUARREL, techniques=["technique-street-epistemology"])
    add_observation(vault, mother.id, 6, "Натальи Петровны не было дома", on=date(2026, 3, 1),
                    conversation_id=last.id)
    vault.repos.stage_changes.add(StageChange(mother.id, Stage.DOUBTING.value, date(2026, 2, 1),
                                              "Наталья засомневалась"))
    vault.repos.stage_changes.add(StageChange(mother.id, Stage.QUESTIONING.value, date(2026, 5, 20)))
    return vault, mother, first, last


@pytest.fixture
def read_only(journey):
    """Drafting must never open a write transaction (restored before the vault closes)."""
    vault = journey[0]

    @contextlib.contextmanager
    def refuse():
        raise AssertionError("a draft wrote to the vault")
        yield

    vault.transaction = refuse
    yield journey
    del vault.transaction


def no_secrets(text: str) -> None:
    for secret in SECRETS:
        assert secret.casefold() not in text.casefold(), secret


def test_a_journey_draft_is_anonymized_and_complete(read_only):
    vault, mother, _first, _last = read_only
    with pytest.raises(AssertionError), vault.transaction():
        pass  # the guard works
    draft = draft_from_journey(vault, mother.id, "en")
    card = draft.card
    assert card.relationship == Relationship.MOTHER
    assert (card.stage_before, card.stage_after) == (Stage.DOUBTING, Stage.QUESTIONING)
    assert card.duration == "over four months" and card.title == "Mother, over four months"
    assert card.techniques == ["technique-listening-oars", "technique-street-epistemology"]
    assert "OARS" in card.what_worked and "epistemology" in card.what_did_not.lower()
    assert "My mother сказала, что my brother or sister звонила ей after two months from a region" \
        in card.story
    # Drafts are plain text now (issue 11): the moments open with a plain "After four months."
    assert "After four months. " in card.story and "[phone number]" in card.story
    assert not any(mark in card.story + card.what_worked for mark in ("**", "*", "\n- "))
    assert len(card.created) == 7
    no_secrets(export_card(card).decode())
    assert draft.remaining() == {}


def test_the_draft_shows_every_flag_and_lets_the_user_keep_one(read_only):
    vault, _mother, _first, last = read_only
    draft = draft_from_conversation(vault, last.id, "en")
    kinds = [(f.kind, f.found) for f in draft.flags["story"]]
    assert kinds == [("name", "Машей"), ("name", "Олегом"), ("region", "в Саратовской области"),
                     ("phone", "+7 916 123-45-67"), ("email", "masha@mail.ru"),
                     ("name", "Натальи Петровны")]
    assert draft.originals["story"].startswith("С Машей")
    kept = draft.choose("story", [0, 2, 3, 4, 5])  # the user keeps "Олегом"
    assert "Олегом" in kept and draft.card.story == kept
    assert [f.found for f in draft.remaining()["story"]] == ["Олегом"]
    draft.card.story = draft.card.story.replace("Олегом", "с другом")
    assert draft.remaining() == {}


def test_a_conversation_draft_is_placed_in_the_journey(read_only):
    vault, _mother, first, last = read_only
    card = draft_from_conversation(vault, last.id, "en").card
    assert card.duration == "after four months"
    assert (card.stage_before, card.stage_after) == (Stage.DOUBTING, Stage.QUESTIONING)
    assert card.techniques == ["technique-street-epistemology"]
    assert "my mother" in card.story.lower()  # the observation's evidence, anonymized
    opening = draft_from_conversation(vault, first.id, "en").card
    assert opening.duration == "in the first days" and opening.stage_before is None
    assert "after two months" in opening.story


def test_markdown_of_a_draft_contains_no_names(read_only):
    vault, mother, _first, _last = read_only
    card = draft_from_journey(vault, mother.id, "en").card
    for text in (card_markdown(card, "en"), render(card_markdown(card, "en"))):
        no_secrets(text)
        assert "Who: Mother" in text or "Who: Mother" in text.replace("<li>", "")


def test_a_draft_survives_export_and_import(read_only):
    vault, mother, _first, _last = read_only
    card = draft_from_journey(vault, mother.id, "en").card
    back = read_card(export_card(card), "mother.cdstory.json")
    assert back.story == card.story and back.techniques == card.techniques


def test_check_card_finds_names_the_user_typed_later(read_only):
    vault, mother, _first, _last = read_only
    draft = draft_from_journey(vault, mother.id, "en")
    draft.card.tip = "Ask Маша about it, she lives in Саратове."
    assert [(f.kind, f.found) for f in check_card(draft.card, draft.names)["tip"]] == [
        ("name", "Маша"), ("region", "in Саратове")]


def test_a_person_without_conversations_still_gets_a_draft(vault):
    quiet = add_person(vault, "Тётя Оля", relationship=Relationship.OTHER_RELATIVE)
    draft = draft_from_journey(vault, quiet.id, "en")
    assert draft.card.title == "Other relative" and draft.card.story == ""
    assert draft.since is None


def test_drafting_a_missing_record_is_a_clear_error(vault):
    with pytest.raises(RecordNotFound):
        draft_from_conversation(vault, 999, "en")
    with pytest.raises(RecordNotFound):
        draft_from_journey(vault, 999, "en")


def test_what_worked_lists_only_techniques_of_talks_the_user_marked_helpful(vault):
    """A warm ending the user rated 2 did not help; a rating of 5 did; an unrated talk counts by its
    ending. The conversation draft says what worked in that talk alone."""
    sister = add_person(vault, "Маша", relationship=Relationship.SIBLING)
    add_talk(vault, sister.id, "Говорили о ценах.", when=datetime(2026, 1, 10, 19, 0),
             techniques=["technique-listening-oars"], ending=Ending.WARM, self_rating=2)
    helped = add_talk(vault, sister.id, "Говорили о детстве.", when=datetime(2026, 2, 10, 19, 0),
                      techniques=["technique-street-epistemology"], ending=Ending.NEUTRAL, self_rating=5)
    journey = draft_from_journey(vault, sister.id, "en").card
    assert "epistemology" in journey.what_worked.lower() and "OARS" not in journey.what_worked
    assert "OARS" in journey.what_did_not and "epistemology" not in journey.what_did_not.lower()
    talk = draft_from_conversation(vault, helped.id, "en").card
    assert "epistemology" in talk.what_worked.lower() and talk.what_did_not == ""
    for text in (journey.story, journey.what_worked, talk.story, talk.what_worked):
        assert "**" not in text and not text.startswith("- ") and "\n- " not in text


def test_a_technique_of_good_and_bad_talks_is_listed_on_the_side_it_leans_to_never_both(vault):
    """Seen in the screenshot of a draft: OARS stood under both "what worked" and "what did not"."""
    brother = add_person(vault, "Петя", relationship=Relationship.SIBLING)
    for day, rating in ((1, 5), (2, 1), (3, 2)):
        add_talk(vault, brother.id, "Разговор.", when=datetime(2026, 3, day, 19, 0),
                 techniques=["technique-listening-oars"], self_rating=rating)
    add_talk(vault, brother.id, "Разговор.", when=datetime(2026, 3, 4, 19, 0),
             techniques=["technique-street-epistemology"], self_rating=3)  # neither good nor bad
    card = draft_from_journey(vault, brother.id, "en").card
    assert "OARS" in card.what_did_not and "OARS" not in card.what_worked
    assert "epistemology" not in (card.what_worked + card.what_did_not).lower()
