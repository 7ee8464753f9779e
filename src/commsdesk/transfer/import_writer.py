"""Write checked export records into a vault one at a time, inside the caller's transaction; records
already present (same uid) are skipped and counted."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from commsdesk.domain import Dimension
from commsdesk.domain.records import stored_id
from commsdesk.storage.vault import Vault
from commsdesk.transfer.record_table import TABLE

# Sections written through their repository's `add`, built by the record table.
_BUILT = ("contacts", "conversations", "observations", "plans", "reminders", "reflections",
          "stage_changes", "prep_sheets")
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
            self.ids["dimensions"][f"builtin:{key}"] = stored_id(dim)
        self._installed: set[str] | None = None
        self._trusted: set[bytes] | None = None

    def write(self, section: str, r: dict[str, Any]) -> None:
        if section in _BUILT:
            known = self.existing[section].get(r["uid"])
            if section == "plans":
                self.plans_seen += 1
                if known is None:
                    self._claim_steps(r)
            if known is None:
                known = stored_id(getattr(self.repos, section).add(TABLE[section].load(r, self)))
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
            known = stored_id(self.by_key[r["key"]])
        if known is None:
            known = stored_id(self.repos.dimensions.add(Dimension(
                uid=r["uid"], name=r["name"], better_when=r["better_when"], position=r["position"],
                archived=r["archived"])))
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
        from commsdesk.club.shelf import keep_card
        from commsdesk.club.story_card import StorySource
        from commsdesk.club.story_file import card_from_document
        from commsdesk.storage.errors import AlreadyPresent

        card = card_from_document(r["card"])
        card.source = StorySource(r["source_file"], date.fromisoformat(r["imported_on"]), r["club"])
        try:
            keep_card(self.vault, card)
            self._added("club_stories")
        except AlreadyPresent:
            self.summary.skipped += 1

    def _content_packs(self, r: dict[str, Any]) -> None:
        from commsdesk.club.packs import read_pack

        if self._installed is None:
            self._installed = self.repos.content_packs.pack_ids()
        if r["uid"] in self._installed:
            self.summary.skipped += 1
            return
        data = base64.b64decode(r["data"])
        self.repos.content_packs.add(read_pack(data), data, date.fromisoformat(r["imported_on"]))
        self._installed.add(r["uid"])
        self._added("content_packs")

    def _practice_log(self, r: dict[str, Any]) -> None:
        if r["uid"] in self.existing["practice_log"]:
            self.summary.skipped += 1
            return
        self.repos.practice.add(TABLE["practice_log"].load(r, self))
        self.existing["practice_log"][r["uid"]] = 0
        self._added("practice_log")

    def id_of(self, section: str, uid: str) -> int:
        """The vault's id of a record written earlier (the record table's `Ref` codec asks)."""
        try:
            return self.ids[section][uid]
        except KeyError:
            raise MissingReference(section) from None

    def _claim_steps(self, r: dict[str, Any]) -> None:
        for step_index, step in enumerate(r["steps"]):
            if step["uid"] in self.step_uids:
                raise StepInAnotherPlan(self.plans_seen - 1, step_index)
            self.step_uids.add(step["uid"])
