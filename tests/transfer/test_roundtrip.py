"""Acceptance 7: export → import into a new vault → export again gives the same document."""

import json
from datetime import date, datetime

import pytest

from commsdesk.domain import (
    AgeGroup,
    Channel,
    Dimension,
    Ending,
    MediaKind,
    MediaSource,
    Plan,
    PlanStatus,
    PlanStep,
    Reflection,
    Relationship,
    Reminder,
    StepStatus,
    Temperature,
)
from commsdesk.transfer.json_export import export_document
from commsdesk.transfer.json_import import ImportInvalid, check_file, import_document, import_file
from commsdesk.transfer.markdown_export import export_markdown
from helpers import add_observation, add_person, add_talk


def fill(vault):
    mother = add_person(
        vault, "Мама", region="Поволжье", age_group=AgeGroup.FROM_60_TO_74,
        channels=[Channel.WHATSAPP, Channel.PHONE],
        media_diet=[MediaSource(MediaKind.STATE_TV, "Первый канал"), MediaSource(MediaKind.NONE)],
        values_interests="внуки, дача", topics_to_avoid="папина болезнь",
        safety_notes="работает в школе", tags=["семья", "ТВ"], stay_in_touch_weeks=2,
        phones=["+7 900 000-00-00"], address="ул. Вымышленная, 1")
    friend = add_person(vault, "Dima", relationship=Relationship.FORMER_COWORKER, archived=True)
    talk = add_talk(vault, mother.id, "**Говорили** о ценах.\n\n- пенсия\n- лекарства",
                    topics=["цены", "пенсия"], techniques=["technique-listening-oars"],
                    temperature=Temperature.TENSE, ending=Ending.CHANGED_TOPIC, self_rating=3,
                    duration_minutes=40, follow_up_on=date(2026, 12, 1))
    add_talk(vault, friend.id, "Talked about work.", when=datetime(2026, 10, 3, 8, 5),
             channel=Channel.TELEGRAM)
    add_observation(vault, mother.id, 7, "«ну не знаю»", conversation_id=talk.id)
    custom = vault.repos.dimensions.add(Dimension("Доверие ко мне", better_when="higher"))
    vault.repos.observations.add(__import__("commsdesk.domain", fromlist=["Observation"]).Observation(
        mother.id, custom.id, date(2026, 11, 2), 6, "позвонила сама"))
    vault.repos.plans.add(Plan(mother.id, "Посеять сомнение", "за полгода", PlanStatus.ACTIVE,
                               date(2026, 9, 1), date(2027, 3, 1),
                               [PlanStep("Слушать", "месяц", StepStatus.DONE, date(2026, 9, 30),
                                         date(2026, 10, 2)), PlanStep("Рассказать свою историю")],
                               expected_months=6, shared_values="внуки", topics_to_avoid="папа",
                               techniques=["technique-my-story"]))
    vault.repos.reminders.add(Reminder(date(2026, 12, 5), "позвонить", contact_id=mother.id,
                                       conversation_id=talk.id))
    vault.repos.reminders.add(Reminder(date(2026, 12, 6), "без контакта"))
    vault.repos.reflections.add(Reflection(datetime(2026, 11, 3, 22, 0), 2, "тяжело", "прогулка",
                                           "заметка", contact_id=mother.id))
    from commsdesk.storage.library_marks import Mark

    vault.repos.library_marks.save(Mark("technique-repair", True, 0.5, "попробовать с мамой"))
    from commsdesk.storage.stages import StageChange

    vault.repos.stage_changes.add(StageChange(mother.id, "doubting", date(2026, 11, 2),
                                              "спросила, правда ли всё так"))
    from commsdesk.domain import NarrativeResponse, PrepSheet, TalkReview

    plan = vault.repos.plans.list_all()[0]
    vault.repos.prep_sheets.add(PrepSheet(
        mother.id, date(2026, 12, 5), plan.id, "один вопрос", "как дача?", ["что тревожит?"],
        "почему уехал", [NarrativeResponse("narrative-eight-years-donbas", "спросить о Гале")],
        "без крика", "созвонимся", ["technique-open-questions"],
        TalkReview("спросила обо мне", "partly", "better", custom.id, 8, 7, "облегчение",
                   date(2026, 12, 5), talk.id)))
    vault.repos.prep_sheets.add(PrepSheet(friend.id, None, goal="просто поговорить"))
    _club(vault)
    vault.repos.strategy_templates.add({
        "title": "Мой шаблон", "language": "ru", "stage": "doubting", "expected_months": 4,
        "techniques": ["technique-my-story"], "goal": "сомнение", "small_win": "вопрос",
        "shared_values": "семья", "topics_to_avoid": "…", "steps": [["слушать", "месяц"]]})


def _club(vault):
    from commsdesk.club.pack_signing import generate_signing_key, raw_public_key
    from commsdesk.club.packs import build_pack, read_pack, sign_pack
    from commsdesk.club.shelf import keep_card
    from commsdesk.club.story_card import StoryCard, StorySource
    from commsdesk.paths import resources_dir
    from commsdesk.storage.club import PracticeEntry

    key = generate_signing_key()
    data = sign_pack(build_pack(resources_dir() / "packs" / "example"), key)
    vault.repos.trusted_keys.add(raw_public_key(key), "trainer", date(2026, 11, 2))
    vault.repos.content_packs.add(read_pack(data), data, date(2026, 11, 3))
    keep_card(vault, StoryCard(
        "Полгода с бабушкой", Relationship.GRANDPARENT, story="Сама выключила радио.",
        techniques=["technique-my-story"], created="2026-10",
        source=StorySource("babushka.cdstory.json", date(2026, 11, 4), "Ереван")))
    vault.repos.practice.add(PracticeEntry("drill", "some-drill", datetime(2026, 11, 5, 20, 0),
                                           reply="А ты как думаешь?", ticks=["asked"]))
    vault.repos.practice.add(PracticeEntry("roleplay", "roleplay-mother-state-tv",
                                           datetime(2026, 11, 6, 19, 0), role="observer",
                                           what_worked="паузы"))


def canonical(document):
    document = dict(document)
    document.pop("exported_at")
    return json.dumps(document, ensure_ascii=False, sort_keys=True)


def test_every_record_round_trips_exactly(make_vault, tmp_path):
    first = make_vault(tmp_path / "a.commsdesk")
    fill(first)
    exported = export_document(first)
    second = make_vault(tmp_path / "b.commsdesk")
    summary = import_document(second, json.loads(json.dumps(exported)))
    assert summary.added["contacts"] == 2 and summary.added["conversations"] == 2
    assert canonical(export_document(second)) == canonical(exported)
    # Everything is searchable in the new vault too.
    assert second.repos.search.run("пенсии")
    # Importing the same file again adds nothing.
    again = import_document(second, exported)
    assert sum(again.added.values()) == 0 and again.skipped > 0


def test_export_lists_every_section(vault):
    fill(vault)
    document = export_document(vault)
    assert document["format"] == "commsdesk-export" and document["version"] == 1
    for section, count in {"contacts": 2, "conversations": 2, "observations": 2, "plans": 1,
                           "reminders": 2, "reflections": 1, "dimensions": 5,
                           "library_marks": 1, "stage_changes": 1, "prep_sheets": 2,
                           "strategy_templates": 1, "club_stories": 1, "content_packs": 1,
                           "trusted_keys": 1, "practice_log": 2}.items():
        assert len(document[section]) == count, section


def test_markdown_copy_reads_well(vault):
    fill(vault)
    text = export_markdown(vault)
    assert "## Мама" in text and "**Говорили** о ценах." in text
    assert "Посеять сомнение" in text and "- [x] Слушать" in text




@pytest.fixture
def exported(vault):
    fill(vault)
    return export_document(vault)


@pytest.mark.parametrize("mutate, section, field", [
    (lambda d: d["contacts"][0].update(relationship="enemy"), "contacts", "relationship"),
    (lambda d: d["contacts"][1].pop("display_name"), "contacts", "display_name"),
    (lambda d: d["conversations"][0].update(self_rating=9), "conversations", "self_rating"),
    (lambda d: d["conversations"][0].update(occurred_at="вчера"), "conversations", "occurred_at"),
    (lambda d: d["conversations"][0].update(contact_uid="nobody"), "conversations", "contact_uid"),
    (lambda d: d["observations"][0].update(value=11), "observations", "value"),
    (lambda d: d["observations"][0].update(value=True), "observations", "value"),
    (lambda d: d["plans"][0]["steps"][0].update(status="?"), "plans", "steps[0].status"),
    (lambda d: d["reminders"][0].update(extra=1), "reminders", "extra"),
    (lambda d: d["contacts"].append(dict(d["contacts"][0])), "contacts", "uid"),
    (lambda d: d["contacts"][0].update(tags="семья"), "contacts", "tags"),
    (lambda d: d["content_packs"][0].update(data=d["content_packs"][0]["data"][:-8] + "AAAAAAA="),
     "content_packs", "data"),
    (lambda d: d["club_stories"][0]["card"].update(relationship="enemy"), "club_stories", "card"),
    (lambda d: d["trusted_keys"][0].update(uid="not a key"), "trusted_keys", "uid"),
    (lambda d: d["practice_log"][0].update(kind="exam"), "practice_log", "kind"),
])
def test_invalid_records_are_named_and_nothing_is_written(make_vault, tmp_path, exported, mutate,
                                                          section, field):
    mutate(exported)
    target = make_vault(tmp_path / "target.commsdesk")
    with pytest.raises(ImportInvalid) as caught:
        import_document(target, exported)
    assert any(p.section == section and p.field == field for p in caught.value.problems), \
        [(p.section, p.field) for p in caught.value.problems]
    assert f"{section} #" in str(caught.value) and field in str(caught.value)
    assert target.repos.contacts.count() == 0 and target.repos.conversations.count() == 0


@pytest.mark.parametrize("content", [
    b"", b"\xff\xfe\x00garbage", b"{", b"[]", b'{"format": "other"}',
    b'{"format": "commsdesk-export", "version": 99}', b"[" * 100_000 + b"]" * 100_000,
    b'{"format": "commsdesk-export", "version": 1, "contacts": {}}',
    b'{"format": "commsdesk-export", "version": 1, "contacts": [1, "x", null]}',
])
def test_hostile_files_get_a_clear_error(vault, tmp_path, content):
    path = tmp_path / "in.json"
    path.write_bytes(content)
    with pytest.raises(ImportInvalid) as caught:
        import_file(vault, path)
    assert str(caught.value).startswith("The file cannot be imported; nothing was written.")
    assert vault.repos.contacts.count() == 0


def test_directory_and_oversized_files(vault, tmp_path, monkeypatch):
    with pytest.raises(ImportInvalid, match="folder"), check_file(tmp_path):
        pass
    from commsdesk.transfer import json_import

    monkeypatch.setattr(json_import, "MAX_BYTES", 10)
    (tmp_path / "big.json").write_text('{"format": "commsdesk-export"}')
    with pytest.raises(ImportInvalid, match="too large"), check_file(tmp_path / "big.json"):
        pass


def test_a_file_round_trips_through_the_streaming_reader(make_vault, tmp_path):
    first = make_vault(tmp_path / "a.commsdesk")
    fill(first)
    exported = export_document(first)
    path = tmp_path / "export.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(exported, ensure_ascii=False, indent=1).encode())
    second = make_vault(tmp_path / "b.commsdesk")
    summary = import_file(second, path)
    assert summary.added["contacts"] == 2 and summary.added["club_stories"] == 1
    assert canonical(export_document(second)) == canonical(exported)


def test_sections_in_any_order_are_written_after_what_they_refer_to(make_vault, tmp_path):
    first = make_vault(tmp_path / "a.commsdesk")
    fill(first)
    exported = export_document(first)
    reordered = dict(reversed(list(exported.items())))
    path = tmp_path / "export.json"
    path.write_text(json.dumps(reordered, ensure_ascii=False))
    second = make_vault(tmp_path / "b.commsdesk")
    import_file(second, path)
    assert canonical(export_document(second)) == canonical(exported)


def test_a_file_from_before_phone_fields_still_imports(make_vault, tmp_path):
    first = make_vault(tmp_path / "a.commsdesk")
    fill(first)
    document = json.loads(json.dumps(export_document(first)))
    for contact in document["contacts"]:
        del contact["phones"], contact["address"]
    second = make_vault(tmp_path / "b.commsdesk")
    import_document(second, document)
    assert all(c.phones == [] and c.address == "" for c in second.repos.contacts.list(
        __import__("commsdesk.storage.contacts", fromlist=["ContactFilter"]).ContactFilter(archived=None)))
