"""The streamed export: random vault content survives export → import → export unchanged, the text
is the one the format has always had, records come in the documented order across pages, and the
CLI never leaves half a file."""

import io
import json
from datetime import UTC, date, datetime, timedelta
from itertools import count

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_roundtrip import canonical, fill

from commsdesk.domain import (
    AgeGroup,
    Channel,
    Contact,
    Conversation,
    Dimension,
    Ending,
    MediaKind,
    MediaSource,
    NarrativeResponse,
    Observation,
    Plan,
    PlanStatus,
    PlanStep,
    PrepSheet,
    Reflection,
    Relationship,
    Reminder,
    StepStatus,
    TalkReview,
    Temperature,
)
from commsdesk.storage.club import PracticeEntry
from commsdesk.storage.library_marks import Mark
from commsdesk.storage.stages import StageChange
from commsdesk.transfer import json_export
from commsdesk.transfer.json_export import export_document, export_to
from commsdesk.transfer.json_import import import_file

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
NAME = TEXT.filter(lambda s: s.strip())
WORDS = st.lists(NAME, max_size=3)
DAY = st.dates(date(1990, 1, 1), date(2040, 12, 31))
MOMENT = st.datetimes(datetime(1990, 1, 1), datetime(2040, 12, 31)).map(
    lambda d: d.replace(microsecond=d.microsecond // 1000 * 1000, tzinfo=UTC))
MINUTE = st.datetimes(datetime(1990, 1, 1), datetime(2040, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0))
STAMP = st.none() | MOMENT  # None: the repository stamps the record itself
SCALE = st.integers(0, 10)


def _enum(enum):
    return st.sampled_from(list(enum))


CONTACT = st.builds(
    Contact, display_name=NAME, relationship=_enum(Relationship), region=TEXT,
    age_group=_enum(AgeGroup), channels=st.lists(_enum(Channel), max_size=3, unique=True),
    media_diet=st.lists(st.builds(MediaSource, _enum(MediaKind), TEXT), max_size=2),
    values_interests=TEXT, topics_to_avoid=TEXT, safety_notes=TEXT, tags=WORDS,
    stay_in_touch_weeks=st.none() | st.integers(1, 520), archived=st.booleans(),
    phones=WORDS, address=TEXT, created_at=STAMP)


@st.composite
def contents(draw):
    """What to put in a vault: each record names the records it refers to by position."""
    people = draw(st.lists(CONTACT, min_size=1, max_size=4))
    n = len(people)
    person = st.integers(0, n - 1)
    talks = draw(st.lists(st.tuples(person, st.builds(
        Conversation, contact_id=st.just(0), occurred_at=MINUTE, channel=_enum(Channel),
        duration_minutes=st.none() | st.integers(0, 100_000), topics=WORDS, techniques=WORDS,
        notes=TEXT, temperature=_enum(Temperature), ending=_enum(Ending),
        self_rating=st.none() | st.integers(1, 5), follow_up_on=st.none() | DAY, created_at=STAMP)),
        max_size=6))
    talk = st.none() | st.integers(0, max(len(talks) - 1, 0)) if talks else st.none()
    return {
        "people": people, "talks": talks,
        "dimensions": draw(st.lists(st.builds(Dimension, name=NAME, better_when=st.sampled_from(
            ["higher", "lower"]), archived=st.booleans()), max_size=2)),
        "observations": draw(st.lists(st.tuples(person, st.integers(0, 5), DAY, SCALE, TEXT, talk,
                                                STAMP), max_size=4)),
        "plans": draw(st.lists(st.tuples(person, st.builds(
            Plan, contact_id=st.just(0), goal=NAME, realistic_expectation=TEXT,
            status=_enum(PlanStatus), started_on=st.none() | DAY, review_on=st.none() | DAY,
            steps=st.lists(st.builds(PlanStep, title=NAME, expectation=TEXT, status=_enum(StepStatus),
                                     due_on=st.none() | DAY, done_on=st.none() | DAY), max_size=3),
            expected_months=st.none() | st.integers(1, 120), shared_values=TEXT, topics_to_avoid=TEXT,
            techniques=WORDS, created_at=STAMP)), max_size=3)),
        "reminders": draw(st.lists(st.tuples(st.none() | person, talk, DAY, TEXT,
                                             st.none() | MOMENT, STAMP), max_size=3)),
        "reflections": draw(st.lists(st.tuples(st.none() | person, MOMENT, st.none() | st.integers(1, 5),
                                               TEXT, TEXT, TEXT, STAMP), max_size=3)),
        "stages": draw(st.lists(st.tuples(person, st.sampled_from(["doubting", "acting", "holding"]),
                                          DAY, TEXT), max_size=3)),
        "sheets": draw(st.lists(st.tuples(person, st.booleans(), st.none() | DAY, TEXT, WORDS,
                                          st.lists(st.tuples(NAME, TEXT), max_size=2),
                                          st.none() | st.tuples(st.sampled_from(["as_planned", "partly"]),
                                                                st.none() | SCALE, talk, TEXT),
                                          STAMP), max_size=3)),
        "marks": draw(st.dictionaries(NAME, st.tuples(st.booleans(), st.floats(0, 1), TEXT),
                                      max_size=2)),
        "practice": draw(st.lists(st.tuples(st.sampled_from(["roleplay", "drill"]), NAME, MOMENT,
                                            TEXT, WORDS), max_size=2)),
        "deleted": draw(st.sets(person, max_size=1)),
    }


def fill_randomly(vault, content) -> None:
    repos = vault.repos
    people = [repos.contacts.add(c).id for c in content["people"]]
    talks = []
    for who, talk in content["talks"]:
        talk.contact_id = people[who]
        talks.append(repos.conversations.add(talk).id)
    dims = [d.id for d in repos.dimensions.list()]
    dims += [repos.dimensions.add(d).id for d in content["dimensions"]]
    for who, dim, on, value, evidence, t, stamp in content["observations"]:
        repos.observations.add(Observation(people[who], dims[dim % len(dims)], on, value, evidence,
                                           None if t is None else talks[t], created_at=stamp))
    plans = []
    for who, plan in content["plans"]:
        plan.contact_id = people[who]
        plans.append(repos.plans.add(plan).id)
    for who, t, due, note, done, stamp in content["reminders"]:
        repos.reminders.add(Reminder(due, note, None if who is None else people[who],
                                     None if t is None else talks[t], done, created_at=stamp))
    for who, written, mood, hard, helped, notes, stamp in content["reflections"]:
        repos.reflections.add(Reflection(written, mood, hard, helped, notes,
                                         None if who is None else people[who], created_at=stamp))
    for who, stage, on, evidence in content["stages"]:
        repos.stage_changes.add(StageChange(people[who], stage, on, evidence))
    for who, with_plan, planned, goal, questions, narratives, review, stamp in content["sheets"]:
        talk_review = None
        if review is not None:
            versus, view, t, feelings = review
            talk_review = TalkReview("", versus, "better", dims[0], view, view, feelings,
                                     date(2026, 1, 2), None if t is None else talks[t])
        repos.prep_sheets.add(PrepSheet(
            people[who], planned, plans[0] if with_plan and plans else None, goal, questions=questions,
            narratives=[NarrativeResponse(a, r) for a, r in narratives], review=talk_review,
            created_at=stamp))
    for article, (bookmarked, progress, note) in content["marks"].items():
        repos.library_marks.save(Mark(article, bookmarked, progress, note))
    for kind, item, at, reply, ticks in content["practice"]:
        repos.practice.add(PracticeEntry(kind, item, at, reply=reply, ticks=ticks))
    for who in content["deleted"]:  # a deleted person's records stay out of the export
        repos.contacts.delete(people[who])


def test_random_vaults_survive_export_import_export(make_vault, tmp_path, monkeypatch):
    monkeypatch.setattr(json_export, "PAGE", 2)  # several pages even for a handful of records
    numbers = count()

    @settings(max_examples=25, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(content=contents())
    def run(content):
        n = next(numbers)
        first = make_vault(tmp_path / f"{n}-a.commsdesk")
        fill_randomly(first, content)
        path = tmp_path / f"{n}.json"
        with open(path, "w", encoding="utf-8") as handle:
            export_to(first, handle)
        second = make_vault(tmp_path / f"{n}-b.commsdesk")
        import_file(second, path)
        again = io.StringIO()
        export_to(second, again)
        text = path.read_text("utf-8")
        assert canonical(json.loads(again.getvalue())) == canonical(json.loads(text))
        assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=1) + "\n"
        first.close()
        second.close()

    run()


def test_the_text_is_the_one_json_dumps_always_wrote(vault, monkeypatch):
    fill(vault)
    monkeypatch.setattr(json_export, "PAGE", 1)
    stream = io.StringIO()
    export_to(vault, stream)
    document = export_document(vault)
    document["exported_at"] = json.loads(stream.getvalue())["exported_at"]
    assert stream.getvalue() == json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    assert list(document)[:4] == ["format", "version", "exported_at", "app_version"]


def test_records_follow_created_at_not_the_order_they_were_stored(vault, monkeypatch):
    monkeypatch.setattr(json_export, "PAGE", 2)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for i in range(7):  # stored newest first: ids run against the documented order
        vault.repos.contacts.add(Contact(f"P{i}", created_at=start - timedelta(days=i)))
    names = [c["display_name"] for c in export_document(vault)["contacts"]]
    assert names == [f"P{i}" for i in reversed(range(7))]


def test_a_deleted_conversation_is_no_longer_referred_to(vault):
    person = vault.repos.contacts.add(Contact("Мама"))
    talk = vault.repos.conversations.add(Conversation(person.id, datetime(2026, 1, 1, 10, 0)))
    vault.repos.reminders.add(Reminder(date(2026, 2, 1), "позвонить", person.id, talk.id))
    vault.repos.conversations.delete(talk.id)
    document = export_document(vault)
    assert document["conversations"] == []
    assert document["reminders"][0]["conversation_uid"] is None
    assert document["reminders"][0]["contact_uid"] == person.uid


def test_cli_export_that_fails_midway_leaves_no_file(make_vault, tmp_path, monkeypatch):
    from helpers import PASSPHRASE
    from test_cli import run

    vault = make_vault(tmp_path / "v.commsdesk")
    fill(vault)
    vault.close()
    monkeypatch.setattr(json_export, "PAGE", 1)
    pages = count()
    original = json_export._Refs.page

    def failing(self, section, objects):
        if next(pages) == 1:  # the disk fills up after the first record was written
            raise OSError("No space left on device")
        original(self, section, objects)

    monkeypatch.setattr(json_export._Refs, "page", failing)
    out_file = tmp_path / "export.json"
    code, _, _ = run("export", "--output", str(out_file), "--vault", str(tmp_path / "v.commsdesk"),
                     stdin=PASSPHRASE + "\n")
    assert code != 0
    assert not out_file.exists()


def test_a_plan_of_a_deleted_person_is_not_named_by_another_persons_sheet(make_vault, tmp_path):
    first = make_vault(tmp_path / "a.commsdesk")
    mother = first.repos.contacts.add(Contact("Мама"))
    father = first.repos.contacts.add(Contact("Папа"))
    plan = first.repos.plans.add(Plan(father.id, "Посеять сомнение"))
    first.repos.prep_sheets.add(PrepSheet(mother.id, None, plan.id, "один вопрос"))
    first.repos.contacts.delete(father.id)
    path = tmp_path / "export.json"
    with open(path, "w", encoding="utf-8") as handle:
        export_to(first, handle)
    document = json.loads(path.read_text("utf-8"))
    assert document["plans"] == [] and document["prep_sheets"][0]["plan_uid"] is None
    second = make_vault(tmp_path / "b.commsdesk")
    assert import_file(second, path).added["prep_sheets"] == 1  # the export imports
