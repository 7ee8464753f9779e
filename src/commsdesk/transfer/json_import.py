"""Import the JSON exchange format: validate every record first, then write all or nothing."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

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
from commsdesk.i18n import N_, _
from commsdesk.storage.errors import VaultError
from commsdesk.storage.vault import Vault
from commsdesk.transfer.json_export import FORMAT, SECTIONS, VERSION

MAX_BYTES = 256 * 1024 * 1024
MAX_TEXT = 1_000_000
MAX_LIST = 1000
MAX_PROBLEMS = 50

# field -> kind; a trailing "?" allows null.
_SPEC: dict[str, dict[str, str]] = {
    "dimensions": {"uid": "uid", "key": "str?", "name": "text", "better_when": "direction",
                   "builtin": "bool", "position": "int", "archived": "bool"},
    "contacts": {"uid": "uid", "display_name": "name", "relationship": "relationship",
                 "region": "text", "age_group": "age_group", "channels": "channels",
                 "media_diet": "media", "values_interests": "text", "topics_to_avoid": "text",
                 "safety_notes": "text", "tags": "strings", "stay_in_touch_weeks": "weeks?",
                 "archived": "bool", "created_at": "datetime", "updated_at": "datetime",
                 "phones": "strings", "address": "text"},
    "conversations": {"uid": "uid", "contact_uid": "contact", "occurred_at": "minute",
                      "channel": "channel", "duration_minutes": "count?", "topics": "strings",
                      "techniques": "strings", "notes": "text", "temperature": "temperature",
                      "ending": "ending", "self_rating": "rating?", "follow_up_on": "date?",
                      "created_at": "datetime", "updated_at": "datetime"},
    "observations": {"uid": "uid", "contact_uid": "contact", "dimension_uid": "dimension",
                     "observed_on": "date", "value": "scale", "evidence": "text",
                     "conversation_uid": "conversation?", "created_at": "datetime",
                     "updated_at": "datetime"},
    "plans": {"uid": "uid", "contact_uid": "contact", "goal": "name",
              "realistic_expectation": "text", "status": "plan_status", "started_on": "date?",
              "review_on": "date?", "created_at": "datetime", "updated_at": "datetime",
              "expected_months": "months?", "shared_values": "text", "topics_to_avoid": "text",
              "techniques": "strings", "steps": "steps"},
    "reminders": {"uid": "uid", "contact_uid": "contact?", "conversation_uid": "conversation?",
                  "due_on": "date", "note": "text", "done_at": "datetime?",
                  "created_at": "datetime", "updated_at": "datetime"},
    "reflections": {"uid": "uid", "written_at": "datetime", "mood": "rating?", "hard": "text",
                    "helped": "text", "notes": "text", "contact_uid": "contact?",
                    "created_at": "datetime", "updated_at": "datetime"},
    "library_marks": {"uid": "uid", "article_id": "name", "bookmarked": "bool",
                      "progress": "fraction", "note": "text"},
    "stage_changes": {"uid": "uid", "contact_uid": "contact", "stage": "stage",
                      "evidence": "text", "changed_on": "date"},
    "prep_sheets": {"uid": "uid", "contact_uid": "contact", "plan_uid": "plan?",
                    "planned_for": "date?", "goal": "text", "opening": "text", "questions": "strings",
                    "story": "text", "narratives": "narratives", "boundary": "text",
                    "exit_line": "text", "techniques": "strings", "review": "review?",
                    "created_at": "datetime", "updated_at": "datetime"},
    "strategy_templates": {"uid": "uid", "body": "template"},
    "club_stories": {"uid": "uid", "card": "story_card", "source_file": "text", "imported_on": "date",
                     "club": "text"},
    "content_packs": {"uid": "uid", "data": "pack_data", "imported_on": "date"},
    "trusted_keys": {"uid": "public_key", "label": "text", "added_on": "date"},
    "practice_log": {"uid": "uid", "kind": "practice_kind", "item_id": "name",
                     "practised_at": "datetime", "role": "text", "reply": "text", "ticks": "strings",
                     "what_worked": "text"},
}
# Fields added after version 1 was published: files from older apps lack them.
_ADDED_LATER = {"contacts": {"phones": list, "address": str}}
_REVIEW = {"reviewed_on": "date", "outcome": "text", "versus_plan": "versus_plan",
           "versus_expectation": "versus_expectation", "dimension_uid": "dimension?",
           "view_before": "scale?", "view_after": "scale?", "feelings": "text",
           "conversation_uid": "conversation?"}
_TEMPLATE = {"title": "name", "language": "str", "stage": "str", "expected_months": "months",
             "techniques": "strings", "goal": "text", "small_win": "text", "shared_values": "text",
             "topics_to_avoid": "text", "steps": "pairs"}
_STEP = {"uid": "uid", "title": "name", "expectation": "text", "status": "step_status",
         "due_on": "date?", "done_on": "date?"}
_ENUMS = {"relationship": Relationship, "age_group": AgeGroup, "channel": Channel,
          "temperature": Temperature, "ending": Ending, "plan_status": PlanStatus,
          "step_status": StepStatus}


@dataclass(frozen=True)
class Problem:
    section: str
    index: int | None
    field: str
    message: str  # msgid

    def user_message(self) -> str:
        if self.index is None:
            return _("{section}: {problem}").format(section=self.section, problem=_(self.message))
        return _("{section} #{index}, field “{field}”: {problem}").format(
            section=self.section, index=self.index + 1, field=self.field, problem=_(self.message))


class ImportInvalid(VaultError):
    msgid = N_("The file cannot be imported; nothing was written.")

    def __init__(self, problems: list[Problem]):
        super().__init__()
        self.problems = problems

    def user_message(self) -> str:
        lines = [_(self.msgid)] + [p.user_message() for p in self.problems[:MAX_PROBLEMS]]
        return "\n".join(lines)


@dataclass
class ImportSummary:
    added: dict[str, int] = field(default_factory=dict)
    skipped: int = 0


def read_document(path: Path) -> dict[str, Any]:
    """Parse the file with limits; any failure is one clear problem, never a traceback."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise ImportInvalid([Problem("file", None, "", N_("this is a folder, not a file"))]) from None
    except OSError:
        raise ImportInvalid([Problem("file", None, "", N_("the file cannot be read"))]) from None
    if len(raw) > MAX_BYTES:
        raise ImportInvalid([Problem("file", None, "", N_("the file is too large"))])
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportInvalid([Problem("file", None, "", N_("the file is not UTF-8 text"))]) from None
    except (ValueError, RecursionError):
        raise ImportInvalid([Problem("file", None, "", N_("the file is not valid JSON"))]) from None
    return document


def validate(document: Any) -> list[Problem]:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        return [Problem("file", None, "", N_("this is not a CommsDesk export"))]
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return [Problem("file", None, "", N_("the format version is missing or invalid"))]
    if version > VERSION:
        return [Problem("file", None, "", N_("the file comes from a newer CommsDesk; update"))]
    problems: list[Problem] = []
    unknown = set(document) - {"format", "version", "exported_at", "app_version", *SECTIONS}
    for name in sorted(unknown):
        problems.append(Problem(name, None, "", N_("unknown section")))
    uids: dict[str, set[str]] = {}
    for section in SECTIONS:
        records = document.get(section, [])
        if not isinstance(records, list):
            problems.append(Problem(section, None, "", N_("must be a list")))
            continue
        seen = uids.setdefault(section, set())
        for index, record in enumerate(records):
            if isinstance(record, dict):
                for name, default in _ADDED_LATER.get(section, {}).items():
                    record.setdefault(name, default())
            problems += _check_record(section, index, record, _SPEC[section])
            uid = record.get("uid") if isinstance(record, dict) else None
            if isinstance(uid, str):
                if uid in seen:
                    problems.append(Problem(section, index, "uid", N_("appears twice")))
                seen.add(uid)
    if not problems:
        problems += _check_references(document, uids)
    return problems


def _check_record(section: str, index: int, record: Any, spec: dict[str, str]) -> list[Problem]:
    if not isinstance(record, dict):
        return [Problem(section, index, "", N_("must be an object"))]
    problems = [Problem(section, index, name, N_("unknown field")) for name in record
                if name not in spec]
    for name, kind in spec.items():
        if name not in record:
            problems.append(Problem(section, index, name, N_("is missing")))
            continue
        message = _check_value(kind, record[name])
        if message:
            problems.append(Problem(section, index, name, message))
        elif kind == "steps":
            for step_index, step in enumerate(record[name]):
                for p in _check_record(section, index, step, _STEP):
                    problems.append(Problem(section, index, f"steps[{step_index}].{p.field}",
                                            p.message))
    return problems


def _check_value(kind: str, value: Any) -> str | None:
    nullable = kind.endswith("?")
    kind = kind.rstrip("?")
    if value is None:
        return None if nullable else N_("must not be empty")
    if kind in ("uid", "name", "text", "str", "contact", "conversation", "dimension", "plan"):
        if not isinstance(value, str):
            return N_("must be text")
        if len(value) > MAX_TEXT:
            return N_("is too long")
        if kind in ("uid", "name") and not value.strip():
            return N_("must not be empty")
        if kind == "uid" and len(value) > 100:
            return N_("is too long")
        return None
    if kind == "bool":
        return None if isinstance(value, bool) else N_("must be true or false")
    if kind in ("int", "count", "weeks", "rating", "scale", "months"):
        if not isinstance(value, int) or isinstance(value, bool):
            return N_("must be a whole number")
        bounds = {"int": (-(2**31), 2**31), "count": (0, 100_000), "weeks": (1, 520),
                  "rating": (1, 5), "scale": (0, 10), "months": (1, 120)}[kind]
        return None if bounds[0] <= value <= bounds[1] else N_("is out of range")
    if kind == "stage":
        from commsdesk.planner.stages import Stage

        return None if value in {s.value for s in Stage} else N_("has an unknown value")
    if kind == "fraction":
        ok = isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 1
        return None if ok else N_("must be a number from 0 to 1")
    if kind == "direction":
        return None if value in ("higher", "lower") else N_("must be higher or lower")
    if kind in _ENUMS:
        return None if value in {e.value for e in _ENUMS[kind]} else N_("has an unknown value")
    if kind in ("date", "datetime", "minute"):
        return _check_moment(kind, value)
    if kind in ("story_card", "pack_data", "public_key", "practice_kind"):
        return _check_club(kind, value)
    if kind in ("versus_plan", "versus_expectation"):
        from commsdesk.storage.prep_sheets import VERSUS_EXPECTATION, VERSUS_PLAN

        allowed = VERSUS_PLAN if kind == "versus_plan" else VERSUS_EXPECTATION
        return None if value in allowed else N_("has an unknown value")
    if kind in ("review", "template"):
        if not isinstance(value, dict):
            return N_("must be an object")
        problems = _check_record("", 0, value, _REVIEW if kind == "review" else _TEMPLATE)
        return problems[0].message if problems else None
    if kind == "narratives":
        ok = isinstance(value, list) and len(value) <= MAX_LIST and all(
            isinstance(v, dict) and set(v) == {"article_id", "response"}
            and all(isinstance(x, str) and len(x) <= MAX_TEXT for x in v.values()) for v in value)
        return None if ok else N_("has an invalid entry")
    if kind == "pairs":
        ok = isinstance(value, list) and len(value) <= MAX_LIST and all(
            isinstance(v, list) and len(v) == 2
            and all(isinstance(x, str) and len(x) <= MAX_TEXT for x in v) for v in value)
        return None if ok else N_("has an invalid entry")
    if kind in ("strings", "channels", "media", "steps"):
        return _check_list(kind, value)
    return N_("has an unknown value")


def _check_club(kind: str, value: Any) -> str | None:
    """Cards and packs are checked by their own readers, exactly as when they were imported."""
    import base64
    import binascii

    if kind == "practice_kind":
        return None if value in ("roleplay", "drill") else N_("has an unknown value")
    if kind == "public_key":
        ok = isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)
        return None if ok else N_("has an unknown value")
    try:
        if kind == "story_card":
            from commsdesk.club.story_file import card_from_document

            card_from_document(value)
        else:
            from commsdesk.club.packs import read_pack

            if not isinstance(value, str):
                return N_("must be text")
            read_pack(base64.b64decode(value, validate=True))
    except (VaultError, binascii.Error, ValueError):
        return N_("is damaged or not valid")
    return None


def _check_moment(kind: str, value: Any) -> str | None:
    if not isinstance(value, str) or len(value) > 40:
        return N_("must be a date")
    try:
        if kind == "date":
            date.fromisoformat(value)
        else:
            parsed = datetime.fromisoformat(value)
            if kind == "minute" and parsed.tzinfo is not None:
                return N_("must be a local date and time")
    except ValueError:
        return N_("must be a date")
    return None


def _check_list(kind: str, value: Any) -> str | None:
    if not isinstance(value, list):
        return N_("must be a list")
    if len(value) > MAX_LIST:
        return N_("is too long")
    if kind == "strings":
        ok = all(isinstance(v, str) and len(v) <= 1000 for v in value)
        return None if ok else N_("must be a list of short texts")
    if kind == "channels":
        ok = all(v in {c.value for c in Channel} for v in value)
        return None if ok else N_("has an unknown value")
    if kind == "media":
        kinds = {m.value for m in MediaKind}
        ok = all(isinstance(v, dict) and set(v) == {"kind", "name"} and v["kind"] in kinds
                 and isinstance(v["name"], str) and len(v["name"]) <= 1000 for v in value)
        return None if ok else N_("has an invalid media entry")
    return None  # steps are checked field by field


def _check_references(document: dict[str, Any], uids: dict[str, set[str]]) -> list[Problem]:
    problems = []
    targets = {"contact_uid": "contacts", "conversation_uid": "conversations",
               "dimension_uid": "dimensions", "plan_uid": "plans"}
    for section in SECTIONS:
        for index, record in enumerate(document.get(section, [])):
            review = record.get("review") or {}
            for name, target in targets.items():
                ref = record.get(name, review.get(name))
                if ref is not None and ref not in uids.get(target, set()) \
                        and not (target == "dimensions" and ref.startswith("builtin:")):
                    problems.append(Problem(section, index, name,
                                            N_("refers to a record that is not in the file")))
    return problems


def import_document(vault: Vault, document: dict[str, Any]) -> ImportSummary:
    """Validate, then write everything in one transaction; records already present are skipped."""
    problems = validate(document)
    if problems:
        raise ImportInvalid(problems)
    return _Writer(vault, document).run()


def import_file(vault: Vault, path: Path) -> ImportSummary:
    return import_document(vault, read_document(path))


class _Writer:
    def __init__(self, vault: Vault, document: dict[str, Any]):
        self.vault = vault
        self.doc = document
        self.summary = ImportSummary()
        self.ids: dict[str, dict[str, int]] = {"contacts": {}, "conversations": {},
                                               "dimensions": {}, "plans": {}}

    def run(self) -> ImportSummary:
        with self.vault.transaction() as conn:
            self.existing = {
                table: dict(conn.execute(f"SELECT uid, id FROM {table}"))
                for table in ("contacts", "conversations", "observations", "plans", "reminders",
                              "reflections", "dimensions", "stage_changes", "prep_sheets",
                              "strategy_templates", "practice_log")
            }
            self._dimensions()
            self._library_marks()
            for section, build in (("contacts", self._contact),
                                   ("conversations", self._conversation),
                                   ("observations", self._observation), ("plans", self._plan),
                                   ("reminders", self._reminder),
                                   ("reflections", self._reflection),
                                   ("stage_changes", self._stage_change),
                                   ("prep_sheets", self._prep_sheet)):
                repo = getattr(self.vault.repos, section)
                for record in self.doc.get(section, []):
                    if record["uid"] in self.existing[section]:
                        self.ids.get(section, {})[record["uid"]] = self.existing[section][
                            record["uid"]]
                        self.summary.skipped += 1
                        continue
                    stored = repo.add(build(record))
                    if section in self.ids:
                        self.ids[section][record["uid"]] = stored.id
                    self.summary.added[section] = self.summary.added.get(section, 0) + 1
            self._strategy_templates()
            self._club()
        return self.summary

    def _club(self) -> None:
        import base64

        from commsdesk.club.packs import read_pack
        from commsdesk.club.story_card import StorySource
        from commsdesk.club.story_file import card_from_document
        from commsdesk.storage.club import PracticeEntry
        from commsdesk.storage.errors import AlreadyPresent

        repos = self.vault.repos

        def added(section: str) -> None:
            self.summary.added[section] = self.summary.added.get(section, 0) + 1

        for r in self.doc.get("trusted_keys", []):
            key = bytes.fromhex(r["uid"])
            if key in repos.trusted_keys.all():
                self.summary.skipped += 1
                continue
            repos.trusted_keys.add(key, r["label"], date.fromisoformat(r["added_on"]))
            added("trusted_keys")
        for r in self.doc.get("club_stories", []):
            card = card_from_document(r["card"])
            card.source = StorySource(r["source_file"], date.fromisoformat(r["imported_on"]), r["club"])
            try:
                repos.club_stories.add(card)
                added("club_stories")
            except AlreadyPresent:
                self.summary.skipped += 1
        installed = {i.pack.id for i in repos.content_packs.all()}
        for r in self.doc.get("content_packs", []):
            if r["uid"] in installed:
                self.summary.skipped += 1
                continue
            data = base64.b64decode(r["data"])
            repos.content_packs.add(read_pack(data), data, date.fromisoformat(r["imported_on"]))
            added("content_packs")
        known = set(self.existing["practice_log"])
        for r in self.doc.get("practice_log", []):
            if r["uid"] in known:
                self.summary.skipped += 1
                continue
            repos.practice.add(PracticeEntry(r["kind"], r["item_id"],
                                             datetime.fromisoformat(r["practised_at"]), r["role"],
                                             r["reply"], list(r["ticks"]), r["what_worked"],
                                             uid=r["uid"]))
            added("practice_log")

    def _strategy_templates(self) -> None:
        for record in self.doc.get("strategy_templates", []):
            if record["uid"] in self.existing["strategy_templates"]:
                self.summary.skipped += 1
                continue
            self.vault.repos.strategy_templates.add(record["body"], uid=record["uid"])
            self.summary.added["strategy_templates"] = (
                self.summary.added.get("strategy_templates", 0) + 1)

    def _prep_sheet(self, r: dict[str, Any]) -> PrepSheet:
        review = None
        if (v := r["review"]) is not None:
            review = TalkReview(v["outcome"], v["versus_plan"], v["versus_expectation"],
                                self._ref("dimensions", v["dimension_uid"]), v["view_before"],
                                v["view_after"], v["feelings"], self._d(v["reviewed_on"]),
                                self._ref("conversations", v["conversation_uid"]))
        return PrepSheet(
            self._ref("contacts", r["contact_uid"]), self._d(r["planned_for"]),
            self._ref("plans", r["plan_uid"]), r["goal"], r["opening"], list(r["questions"]),
            r["story"], [NarrativeResponse(n["article_id"], n["response"]) for n in r["narratives"]],
            r["boundary"], r["exit_line"], list(r["techniques"]), review, uid=r["uid"],
            created_at=self._dt(r["created_at"]), updated_at=self._dt(r["updated_at"]))

    def _dimensions(self) -> None:
        by_key = {d.key: d for d in self.vault.repos.dimensions.list(include_archived=True) if d.key}
        for record in self.doc.get("dimensions", []):
            known = self.existing["dimensions"].get(record["uid"])
            if known is None and record.get("key") in by_key:
                known = by_key[record["key"]].id
            if known is not None:
                self.ids["dimensions"][record["uid"]] = known
                continue
            dim = self.vault.repos.dimensions.add(Dimension(
                uid=record["uid"], name=record["name"], better_when=record["better_when"],
                position=record["position"], archived=record["archived"]))
            self.ids["dimensions"][record["uid"]] = dim.id
            self.summary.added["dimensions"] = self.summary.added.get("dimensions", 0) + 1
        for key, dim in by_key.items():
            self.ids["dimensions"].setdefault(f"builtin:{key}", dim.id)

    def _library_marks(self) -> None:
        from commsdesk.storage.library_marks import Mark

        marks = self.vault.repos.library_marks
        for record in self.doc.get("library_marks", []):
            if marks.get(record["article_id"]) != Mark(record["article_id"]):
                self.summary.skipped += 1  # the user's own marks in this vault win
                continue
            marks.save(Mark(record["article_id"], record["bookmarked"], float(record["progress"]),
                            record["note"]))
            self.summary.added["library_marks"] = self.summary.added.get("library_marks", 0) + 1

    def _ref(self, section: str, uid: str | None) -> int | None:
        return None if uid is None else self.ids[section][uid]

    @staticmethod
    def _dt(value: str | None) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)

    @staticmethod
    def _d(value: str | None) -> date | None:
        return None if value is None else date.fromisoformat(value)

    def _contact(self, r: dict[str, Any]) -> Contact:
        return Contact(
            uid=r["uid"], display_name=r["display_name"],
            relationship=Relationship(r["relationship"]), region=r["region"],
            age_group=AgeGroup(r["age_group"]), channels=[Channel(c) for c in r["channels"]],
            media_diet=[MediaSource(MediaKind(m["kind"]), m["name"]) for m in r["media_diet"]],
            values_interests=r["values_interests"], topics_to_avoid=r["topics_to_avoid"],
            safety_notes=r["safety_notes"], tags=list(r["tags"]),
            stay_in_touch_weeks=r["stay_in_touch_weeks"], archived=r["archived"],
            phones=list(r["phones"]), address=r["address"],
            created_at=self._dt(r["created_at"]), updated_at=self._dt(r["updated_at"]))

    def _conversation(self, r: dict[str, Any]) -> Conversation:
        return Conversation(
            uid=r["uid"], contact_id=self._ref("contacts", r["contact_uid"]),
            occurred_at=datetime.fromisoformat(r["occurred_at"]), channel=Channel(r["channel"]),
            duration_minutes=r["duration_minutes"], topics=list(r["topics"]),
            techniques=list(r["techniques"]), notes=r["notes"],
            temperature=Temperature(r["temperature"]), ending=Ending(r["ending"]),
            self_rating=r["self_rating"], follow_up_on=self._d(r["follow_up_on"]),
            created_at=self._dt(r["created_at"]), updated_at=self._dt(r["updated_at"]))

    def _observation(self, r: dict[str, Any]) -> Observation:
        return Observation(
            uid=r["uid"], contact_id=self._ref("contacts", r["contact_uid"]),
            dimension_id=self._ref("dimensions", r["dimension_uid"]),
            observed_on=date.fromisoformat(r["observed_on"]), value=r["value"],
            evidence=r["evidence"],
            conversation_id=self._ref("conversations", r["conversation_uid"]),
            created_at=self._dt(r["created_at"]), updated_at=self._dt(r["updated_at"]))

    def _plan(self, r: dict[str, Any]) -> Plan:
        return Plan(
            uid=r["uid"], contact_id=self._ref("contacts", r["contact_uid"]), goal=r["goal"],
            realistic_expectation=r["realistic_expectation"], status=PlanStatus(r["status"]),
            started_on=self._d(r["started_on"]), review_on=self._d(r["review_on"]),
            expected_months=r["expected_months"], shared_values=r["shared_values"],
            topics_to_avoid=r["topics_to_avoid"], techniques=list(r["techniques"]),
            steps=[PlanStep(uid=s["uid"], title=s["title"], expectation=s["expectation"],
                            status=StepStatus(s["status"]), due_on=self._d(s["due_on"]),
                            done_on=self._d(s["done_on"])) for s in r["steps"]],
            created_at=self._dt(r["created_at"]), updated_at=self._dt(r["updated_at"]))

    def _reminder(self, r: dict[str, Any]) -> Reminder:
        return Reminder(
            uid=r["uid"], contact_id=self._ref("contacts", r["contact_uid"]),
            conversation_id=self._ref("conversations", r["conversation_uid"]),
            due_on=date.fromisoformat(r["due_on"]), note=r["note"], done_at=self._dt(r["done_at"]),
            created_at=self._dt(r["created_at"]), updated_at=self._dt(r["updated_at"]))

    def _stage_change(self, r: dict[str, Any]):
        from commsdesk.storage.stages import StageChange

        return StageChange(self._ref("contacts", r["contact_uid"]), r["stage"],
                           date.fromisoformat(r["changed_on"]), r["evidence"], uid=r["uid"])

    def _reflection(self, r: dict[str, Any]) -> Reflection:
        return Reflection(
            uid=r["uid"], written_at=datetime.fromisoformat(r["written_at"]), mood=r["mood"],
            hard=r["hard"], helped=r["helped"], notes=r["notes"],
            contact_id=self._ref("contacts", r["contact_uid"]),
            created_at=self._dt(r["created_at"]), updated_at=self._dt(r["updated_at"]))
