"""Forward-only schema migrations; `PRAGMA user_version` says how many have been applied.

Append new migrations at the end; never edit a released one. Each runs in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable

from commsdesk.storage.connection import Connection

APPLICATION_ID = 0x434D4453  # "CMDS", checked after the key is proven

_V1 = """
CREATE TABLE vault_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    relationship TEXT NOT NULL,
    region TEXT NOT NULL DEFAULT '',
    age_group TEXT NOT NULL DEFAULT 'unknown',
    channels TEXT NOT NULL DEFAULT '[]',
    media_diet TEXT NOT NULL DEFAULT '[]',
    values_interests TEXT NOT NULL DEFAULT '',
    topics_to_avoid TEXT NOT NULL DEFAULT '',
    safety_notes TEXT NOT NULL DEFAULT '',
    stay_in_touch_weeks INTEGER CHECK (stay_in_touch_weeks IS NULL OR stay_in_touch_weeks > 0),
    archived INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX contacts_name ON contacts(display_name COLLATE NOCASE);

CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE
);
CREATE TABLE contact_tags (
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (contact_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX contact_tags_tag ON contact_tags(tag_id);

CREATE TABLE conversations (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    occurred_at TEXT NOT NULL,
    channel TEXT NOT NULL,
    duration_minutes INTEGER CHECK (duration_minutes IS NULL OR duration_minutes >= 0),
    topics TEXT NOT NULL DEFAULT '[]',
    notes TEXT NOT NULL DEFAULT '',
    temperature TEXT NOT NULL,
    ending TEXT NOT NULL,
    self_rating INTEGER CHECK (self_rating IS NULL OR self_rating BETWEEN 1 AND 5),
    follow_up_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX conversations_contact ON conversations(contact_id, occurred_at);
CREATE INDEX conversations_when ON conversations(occurred_at);
CREATE INDEX conversations_follow_up ON conversations(follow_up_on) WHERE follow_up_on IS NOT NULL;

CREATE TABLE conversation_techniques (
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    technique TEXT NOT NULL,
    PRIMARY KEY (conversation_id, position)
) WITHOUT ROWID;
CREATE INDEX conversation_techniques_technique ON conversation_techniques(technique);

CREATE TABLE dimensions (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    key TEXT UNIQUE,
    name TEXT NOT NULL,
    better_when TEXT NOT NULL CHECK (better_when IN ('higher', 'lower')),
    builtin INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL DEFAULT 0,
    archived INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE observations (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    dimension_id INTEGER NOT NULL REFERENCES dimensions(id) ON DELETE RESTRICT,
    observed_on TEXT NOT NULL,
    value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 10),
    evidence TEXT NOT NULL DEFAULT '',
    conversation_id INTEGER REFERENCES conversations(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX observations_contact ON observations(contact_id, observed_on);
CREATE INDEX observations_conversation ON observations(conversation_id);

CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    goal TEXT NOT NULL,
    realistic_expectation TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    started_on TEXT,
    review_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX plans_contact ON plans(contact_id);

CREATE TABLE plan_steps (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    expectation TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    due_on TEXT,
    done_on TEXT
);
CREATE INDEX plan_steps_plan ON plan_steps(plan_id, position);

CREATE TABLE reminders (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    contact_id INTEGER REFERENCES contacts(id) ON DELETE CASCADE,
    conversation_id INTEGER REFERENCES conversations(id) ON DELETE CASCADE,
    due_on TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    done_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX reminders_due ON reminders(due_on) WHERE done_at IS NULL;
CREATE INDEX reminders_contact ON reminders(contact_id);

CREATE TABLE reflections (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    written_at TEXT NOT NULL,
    mood INTEGER CHECK (mood IS NULL OR mood BETWEEN 1 AND 5),
    hard TEXT NOT NULL DEFAULT '',
    helped TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX reflections_when ON reflections(written_at);

-- secure-delete removes a record's terms from the index at once. It does so only for tables that
-- keep their content (contentless tables use tombstones that leave the terms in the file).
CREATE VIRTUAL TABLE search_fts USING fts5(
    stems, words, tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO search_fts(search_fts, rank) VALUES ('secure-delete', 1);

INSERT INTO dimensions (uid, key, name, better_when, builtin, position) VALUES
    ('builtin:support_war', 'support_war', 'Support for the war', 'lower', 1, 0),
    ('builtin:trust_state_media', 'trust_state_media', 'Trust in state media', 'lower', 1, 1),
    ('builtin:openness', 'openness', 'Openness to talking with me', 'higher', 1, 2),
    ('builtin:understands_leaving', 'understands_leaving', 'Understanding of why I left',
     'higher', 1, 3);
"""


def _v1(conn: Connection) -> None:
    for statement in _split(_V1):
        conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


_V2 = """
-- Unsaved dialogs (a conversation being logged), kept inside the vault, never beside it.
CREATE TABLE drafts (
    kind TEXT PRIMARY KEY,
    payload TEXT NOT NULL,
    saved_at TEXT NOT NULL
) WITHOUT ROWID;

-- Earlier versions of edited notes, so an edit can be undone; purged on request.
CREATE TABLE note_versions (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    ref INTEGER NOT NULL,
    field TEXT NOT NULL,
    text TEXT NOT NULL,
    saved_at TEXT NOT NULL
);
CREATE INDEX note_versions_ref ON note_versions(kind, ref, id);

-- Covering indexes for large journals: counting and filtering the Journal, each person's latest
-- talk, and an attitude series, without reading whole rows (notes are long).
CREATE INDEX conversations_live ON conversations(occurred_at, contact_id, channel, temperature)
    WHERE deleted_at IS NULL;
CREATE INDEX conversations_live_contact ON conversations(contact_id, occurred_at)
    WHERE deleted_at IS NULL;
CREATE INDEX observations_series ON observations(contact_id, dimension_id, observed_on, value)
    WHERE deleted_at IS NULL;
CREATE INDEX observations_when ON observations(observed_on) WHERE deleted_at IS NULL;
"""


def _v2(conn: Connection) -> None:
    for statement in _split(_V2):
        conn.execute(statement)


_V3 = """
-- The user's own marks on library articles (the articles themselves are read-only content).
CREATE TABLE library_marks (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL UNIQUE,
    bookmarked INTEGER NOT NULL DEFAULT 0,
    progress REAL NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
    note TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
"""


def _v3(conn: Connection) -> None:
    for statement in _split(_V3):
        conn.execute(statement)


_V4 = """
-- Stage of change per person over time (the latest row is the current stage), with evidence.
CREATE TABLE stage_changes (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    stage TEXT NOT NULL,
    evidence TEXT NOT NULL DEFAULT '',
    changed_on TEXT NOT NULL,
    created_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX stage_changes_contact ON stage_changes(contact_id, changed_on);

-- Next-step suggestions the user dismissed, per person and rule.
CREATE TABLE dismissed_suggestions (
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    rule TEXT NOT NULL,
    dismissed_on TEXT NOT NULL,
    PRIMARY KEY (contact_id, rule)
) WITHOUT ROWID;
"""


def _v4(conn: Connection) -> None:
    for statement in _split(_V4):
        conn.execute(statement)


_V5 = """
-- A plan becomes a strategy: how long the user expects it to take, what to build on, what to
-- avoid, and the techniques chosen from the library.
ALTER TABLE plans ADD COLUMN expected_months INTEGER;
ALTER TABLE plans ADD COLUMN shared_values TEXT NOT NULL DEFAULT '';
ALTER TABLE plans ADD COLUMN topics_to_avoid TEXT NOT NULL DEFAULT '';
ALTER TABLE plans ADD COLUMN techniques TEXT NOT NULL DEFAULT '[]';
"""


def _v5(conn: Connection) -> None:
    for statement in _split(_V5):
        conn.execute(statement)


_V6 = """
-- A prep sheet for one talk, and (once the talk happened) its review and the journal entry it made.
CREATE TABLE prep_sheets (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    plan_id INTEGER REFERENCES plans(id) ON DELETE SET NULL,
    planned_for TEXT,
    goal TEXT NOT NULL DEFAULT '',
    opening TEXT NOT NULL DEFAULT '',
    questions TEXT NOT NULL DEFAULT '[]',
    story TEXT NOT NULL DEFAULT '',
    narratives TEXT NOT NULL DEFAULT '[]',
    boundary TEXT NOT NULL DEFAULT '',
    exit_line TEXT NOT NULL DEFAULT '',
    techniques TEXT NOT NULL DEFAULT '[]',
    reviewed_on TEXT,
    outcome TEXT NOT NULL DEFAULT '',
    versus_plan TEXT,
    versus_expectation TEXT,
    dimension_id INTEGER REFERENCES dimensions(id) ON DELETE SET NULL,
    view_before INTEGER CHECK (view_before BETWEEN 0 AND 10),
    view_after INTEGER CHECK (view_after BETWEEN 0 AND 10),
    feelings TEXT NOT NULL DEFAULT '',
    conversation_id INTEGER REFERENCES conversations(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX prep_sheets_contact ON prep_sheets(contact_id, planned_for) WHERE deleted_at IS NULL;

-- The user's own strategy templates, saved from a strategy without personal data.
CREATE TABLE strategy_templates (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    deleted_at TEXT
);
"""


def _v6(conn: Connection) -> None:
    for statement in _split(_V6):
        conn.execute(statement)


_V7 = """
-- Phone numbers and an address, only ever filled when the user asks for them (vCard import).
ALTER TABLE contacts ADD COLUMN phones TEXT NOT NULL DEFAULT '[]';
ALTER TABLE contacts ADD COLUMN address TEXT NOT NULL DEFAULT '';

-- Communication Clubs: story cards from others (read-only, kept as imported), content packs
-- (the pack file as imported; articles are read from it), the signers the user trusts, and the
-- user's own practice (role-play rounds and drills).
CREATE TABLE club_stories (
    id INTEGER PRIMARY KEY,
    card_id TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL,
    source_file TEXT NOT NULL,
    imported_on TEXT NOT NULL,
    club TEXT NOT NULL DEFAULT ''
);
CREATE TABLE content_packs (
    id INTEGER PRIMARY KEY,
    pack_id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    author TEXT NOT NULL,
    language TEXT NOT NULL,
    version TEXT NOT NULL,
    data BLOB NOT NULL,
    imported_on TEXT NOT NULL
);
CREATE TABLE trusted_keys (
    id INTEGER PRIMARY KEY,
    public_key BLOB NOT NULL UNIQUE,
    label TEXT NOT NULL DEFAULT '',
    added_on TEXT NOT NULL
);
CREATE TABLE practice_log (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('roleplay', 'drill')),
    item_id TEXT NOT NULL,
    practised_at TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    reply TEXT NOT NULL DEFAULT '',
    ticks TEXT NOT NULL DEFAULT '[]',
    what_worked TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX practice_log_item ON practice_log(kind, item_id, practised_at);
"""


def _v7(conn: Connection) -> None:
    for statement in _split(_V7):
        conn.execute(statement)


def _v8(conn: Connection) -> None:
    """The index in the pymorphy3 format (lemmas, names across scripts). The migration leaves it
    empty and marked out of date; `Vault.open` rebuilds it on the worker that opens the vault,
    once, and again whenever a later analyzer changes what goes into it."""
    from commsdesk.storage import search_index

    search_index.create_table(conn)
    conn.execute("DELETE FROM vault_meta WHERE key = ?", (search_index.ANALYZER_KEY,))


# The tables `Repositories.purge_deleted` erases from: each gets an index of its soft-deleted rows.
PURGED_TABLES = ("contacts", "conversations", "observations", "plans", "reminders", "reflections",
                 "stage_changes", "prep_sheets")


def _v9(conn: Connection) -> None:
    """Track what was deleted since the last purge: a partial index holds only soft-deleted rows
    (empty again after each purge), so closing the vault erases them without reading whole
    tables (1.9 s at 100k conversations before, a few milliseconds now)."""
    for table in PURGED_TABLES:
        conn.execute(f"CREATE INDEX {table}_deleted ON {table}(deleted_at) WHERE deleted_at IS NOT NULL")
    # Erasing a record clears what refers to it; without these each one read the whole table.
    conn.execute("CREATE INDEX reminders_conversation ON reminders(conversation_id)"
                 " WHERE conversation_id IS NOT NULL")
    conn.execute("CREATE INDEX prep_sheets_conversation ON prep_sheets(conversation_id)"
                 " WHERE conversation_id IS NOT NULL")
    conn.execute("CREATE INDEX prep_sheets_plan ON prep_sheets(plan_id) WHERE plan_id IS NOT NULL")
    conn.execute("CREATE INDEX prep_sheets_person ON prep_sheets(contact_id)")
    conn.execute("CREATE INDEX reflections_contact ON reflections(contact_id) WHERE contact_id IS NOT NULL")


def _split(script: str) -> list[str]:
    """Statements of a migration script; `executescript` would commit behind our back."""
    lines = [line for line in script.splitlines() if not line.lstrip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


MIGRATIONS: list[Callable[[Connection], None]] = [_v1, _v2, _v3, _v4, _v5, _v6, _v7, _v8, _v9]
LATEST = len(MIGRATIONS)


def pending(conn: Connection) -> range:
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    return range(current, len(MIGRATIONS))


def apply(conn: Connection, upto: int | None = None) -> None:
    """Apply every migration after the vault's version, each in its own transaction."""
    upto = len(MIGRATIONS) if upto is None else upto
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    for index in range(current, upto):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[index](conn)
            conn.execute(f"PRAGMA user_version = {index + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
