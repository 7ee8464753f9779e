"""Write checked export records into a vault one at a time, inside the caller's transaction; records
already present (same uid) are skipped and counted."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import date, datetime
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
from commsdesk.storage.vault import Vault

_UID_TABLES = ("contacts", "conversations", "observations", "plans", "reminders", "reflections",
               "dimensions", "stage_changes", "prep_sheets", "strategy_templates", "practice_log")


@dataclass
class ImportSummary:
    added: dict[str, int] = field(default_factory=dict)
    skipped: int = 0


class MissingReference(Exception):
    """A record points at one that was not written: only when the file changed between passes."""


class StepInAnotherPlan(Exception):
    """A new plan's step has the uid of a step of another plan already in the vault."""

    def __init__(self, plan_number: int, step_index: int):
        super().__init__(plan_number, step_index)
        self.plan_number, self.step_index = plan_number, step_index


class RecordWriter:
    """Call `write(section, record)` in the order of SECTIONS (records a section refers to first)."""

    def __init__(self, vault: Vault, conn):
        self.vault = vault
        self.repos = vault.repos
        self.summary = ImportSummary()
        self.ids: dict[str, dict[str, int]] = {"contacts": {}, "conversations": {},
                                               "dimensions": {}, "plans": {}}
        self.existing = {table: dict(conn.execute(f"SELECT uid, id FROM {table}"))
                         for table in _UID_TABLES}
        self.step_uids = {r[0] for r in conn.execute("SELECT uid FROM plan_steps")}
        self.plans_seen = 0
        self.by_key = {d.key: d for d in self.repos.dimensions.list(include_archived=True) if d.key}
        for key, dim in self.by_key.items():
            self.ids["dimensions"][f"builtin:{key}"] = dim.id
        self._installed: set[str] | None = None
        self._trusted: set[bytes] | None = None
        self._build = {"contacts": self._contact, "conversations": self._conversation,
                       "observations": self._observation, "plans": self._plan,
                       "reminders": self._reminder, "reflections": self._reflection,
                       "stage_changes": self._stage_change, "prep_sheets": self._prep_sheet}

    def write(self, section: str, r: dict[str, Any]) -> None:
        if section in self._build:
            known = self.existing[section].get(r["uid"])
            if section == "plans":
                self.plans_seen += 1
                if known is None:
                    self._claim_steps(r)
            if known is None:
                known = getattr(self.repos, section).add(self._build[section](r)).id
                self._added(section)
            else:
                self.summary.skipped += 1
            if section in self.ids:
                self.ids[section][r["uid"]] = known
            return
        getattr(self, "_" + section)(r)

    def _added(self, section: str) -> None:
        self.summary.added[section] = self.summary.added.get(section, 0) + 1

    def _dimensions(self, r: dict[str, Any]) -> None:
        known = self.existing["dimensions"].get(r["uid"])
        if known is None and r["key"] in self.by_key:
            known = self.by_key[r["key"]].id
        if known is None:
            known = self.repos.dimensions.add(Dimension(
                uid=r["uid"], name=r["name"], better_when=r["better_when"], position=r["position"],
                archived=r["archived"])).id
            self._added("dimensions")
        self.ids["dimensions"][r["uid"]] = known

    def _library_marks(self, r: dict[str, Any]) -> None:
        from commsdesk.storage.library_marks import Mark

        marks = self.repos.library_marks
        if marks.get(r["article_id"]) != Mark(r["article_id"]):
            self.summary.skipped += 1  # the user's own marks in this vault win
            return
        marks.save(Mark(r["article_id"], r["bookmarked"], float(r["progress"]), r["note"]))
        self._added("library_marks")

    def _strategy_templates(self, r: dict[str, Any]) -> None:
        if r["uid"] in self.existing["strategy_templates"]:
            self.summary.skipped += 1
            return
        self.repos.strategy_templates.add(r["body"], uid=r["uid"])
        self._added("strategy_templates")

    def _trusted_keys(self, r: dict[str, Any]) -> None:
        if self._trusted is None:
            self._trusted = set(self.repos.trusted_keys.all())
        key = bytes.fromhex(r["uid"])
        if key in self._trusted:
            self.summary.skipped += 1
            return
        self.repos.trusted_keys.add(key, r["label"], date.fromisoformat(r["added_on"]))
        self._trusted.add(key)
        self._added("trusted_keys")

    def _club_stories(self, r: dict[str, Any]) -> None:
        from commsdesk.club.story_card import StorySource
        from commsdesk.club.story_file import card_from_document
        from commsdesk.storage.errors import AlreadyPresent

        card = card_from_document(r["card"])
        card.source = StorySource(r["source_file"], date.fromisoformat(r["imported_on"]), r["club"])
        try:
            self.repos.club_stories.add(card)
            self._added("club_stories")
        except AlreadyPresent:
            self.summary.skipped += 1

    def _content_packs(self, r: dict[str, Any]) -> None:
        from commsdesk.club.packs import read_pack

        if self._installed is None:
            self._installed = {i.pack.id for i in self.repos.content_packs.all()}
        if r["uid"] in self._installed:
            self.summary.skipped += 1
            return
        data = base64.b64decode(r["data"])
        self.repos.content_packs.add(read_pack(data), data, date.fromisoformat(r["imported_on"]))
        self._installed.add(r["uid"])
        self._added("content_packs")

    def _practice_log(self, r: dict[str, Any]) -> None:
        from commsdesk.storage.club import PracticeEntry

        if r["uid"] in self.existing["practice_log"]:
            self.summary.skipped += 1
            return
        self.repos.practice.add(PracticeEntry(r["kind"], r["item_id"],
                                              datetime.fromisoformat(r["practised_at"]), r["role"],
                                              r["reply"], list(r["ticks"]), r["what_worked"],
                                              uid=r["uid"]))
        self.existing["practice_log"][r["uid"]] = 0
        self._added("practice_log")

    def _ref(self, section: str, uid: str | None) -> int | None:
        if uid is None:
            return None
        try:
            return self.ids[section][uid]
        except KeyError:
            raise MissingReference(section) from None

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

    def _claim_steps(self, r: dict[str, Any]) -> None:
        for step_index, step in enumerate(r["steps"]):
            if step["uid"] in self.step_uids:
                raise StepInAnotherPlan(self.plans_seen - 1, step_index)
            self.step_uids.add(step["uid"])

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
