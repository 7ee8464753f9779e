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
    from commsdesk.storage.database import Database


class Repositories:
    """Each repository gets the vault's connection (typed as `Database`) and, by name, the other
    repositories it works with; none sees the vault itself."""

    def __init__(self, db: Database):
        self._db = db
        self.history = NoteHistory(db)
        self.contacts = Contacts(db, self.by_kind)
        self.conversations = Conversations(db, self.contacts, self.history)
        self.observations = Observations(db, self.contacts)
        self.dimensions = Dimensions(db)
        self.plans = Plans(db, self.contacts)
        self.reminders = Reminders(db, self.contacts)
        self.reflections = Reflections(db)
        self.library_marks = LibraryMarks(db)
        self.stage_changes = StageChanges(db, self.contacts)
        self.dismissals = Dismissals(db)
        self.prep_sheets = PrepSheets(db, self.contacts)
        self.strategy_templates = StrategyTemplates(db)
        self.progress = ProgressFigures(db)
        self.club_stories = ClubStories(db)
        self.content_packs = ContentPacks(db)
        self.trusted_keys = TrustedKeys(db)
        self.practice = PracticeLog(db)
        self.search = Search(db, self.by_kind)
        self.timeline = Timeline(db)
        self.drafts = Drafts(db)
        self._by_kind: dict[str, Repository] = {
            r.kind: r for r in (self.contacts, self.conversations, self.observations, self.plans,
                                self.reminders, self.reflections, self.library_marks,
                                self.stage_changes, self.prep_sheets)
        }

    def by_kind(self, kind: str) -> Repository:
        return self._by_kind[kind]

    def purge_deleted(self) -> int:
        """Hard-delete soft-deleted records; children of a purged contact go by cascade."""
        with self._db.transaction() as conn:
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
