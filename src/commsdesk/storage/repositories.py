"""The repositories of one open vault, reachable as `vault.repos.contacts` and so on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from commsdesk.storage.club import ClubStories, ContentPacks, PracticeLog, TrustedKeys
from commsdesk.storage.contacts import Contacts
from commsdesk.storage.conversations import Conversations
from commsdesk.storage.drafts import Drafts, NoteHistory
from commsdesk.storage.library_marks import LibraryMarks
from commsdesk.storage.notes import Reflections, Reminders
from commsdesk.storage.observations import Dimensions, Observations
from commsdesk.storage.plans import Plans
from commsdesk.storage.prep_sheets import PrepSheets, StrategyTemplates
from commsdesk.storage.progress_figures import ProgressFigures
from commsdesk.storage.repository import Repository
from commsdesk.storage.search_index import Search
from commsdesk.storage.stages import Dismissals, StageChanges
from commsdesk.storage.timeline import Timeline

if TYPE_CHECKING:
    from commsdesk.storage.vault import Vault


class Repositories:
    def __init__(self, vault: Vault):
        self._vault = vault
        self.contacts = Contacts(vault)
        self.conversations = Conversations(vault)
        self.observations = Observations(vault)
        self.dimensions = Dimensions(vault)
        self.plans = Plans(vault)
        self.reminders = Reminders(vault)
        self.reflections = Reflections(vault)
        self.library_marks = LibraryMarks(vault)
        self.stage_changes = StageChanges(vault)
        self.dismissals = Dismissals(vault)
        self.prep_sheets = PrepSheets(vault)
        self.strategy_templates = StrategyTemplates(vault)
        self.progress = ProgressFigures(vault)
        self.club_stories = ClubStories(vault)
        self.content_packs = ContentPacks(vault)
        self.trusted_keys = TrustedKeys(vault)
        self.practice = PracticeLog(vault)
        self.search = Search(vault)
        self.timeline = Timeline(vault)
        self.drafts = Drafts(vault)
        self.history = NoteHistory(vault)
        self._by_kind: dict[str, Repository] = {
            r.kind: r for r in (self.contacts, self.conversations, self.observations, self.plans,
                                self.reminders, self.reflections, self.library_marks,
                                self.stage_changes, self.prep_sheets)
        }

    def by_kind(self, kind: str) -> Repository:
        return self._by_kind[kind]

    def purge_deleted(self) -> int:
        """Hard-delete soft-deleted records; children of a purged contact go by cascade."""
        with self._vault.transaction() as conn:
            total = 0
            # Only the soft-deleted rows are read, through the `<table>_deleted` partial indexes
            # (migration 9): the cost follows what was deleted since the last purge, not the vault.
            conn.execute("DELETE FROM note_versions WHERE kind = 'conversation' AND ref IN"
                         " (SELECT id FROM conversations INDEXED BY conversations_deleted"
                         " WHERE deleted_at IS NOT NULL"
                         " UNION SELECT v.id FROM contacts c INDEXED BY contacts_deleted"
                         " JOIN conversations v ON v.contact_id = c.id WHERE c.deleted_at IS NOT NULL)")
            for repo in (self.prep_sheets, self.reflections, self.reminders, self.plans, self.observations,
                         self.conversations, self.stage_changes, self.contacts):
                total += repo.purge(conn)
            conn.execute("DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM contact_tags)")
            return total
