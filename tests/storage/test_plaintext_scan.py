"""Acceptance 1: a unique marker written into notes and names appears in no file on disk."""

import os
from datetime import date

from commsdesk.domain import Plan, PlanStep, Reflection, Reminder
from commsdesk.storage import safety
from helpers import add_observation, add_person, add_talk

MARKER = "Zqxvmarkerjf"
MARKER_RU = "Щъыжмаркер"


def forms(marker: str) -> list[bytes]:
    out = []
    for text in {marker, marker.lower(), marker.upper()}:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            out.append(text.encode(encoding))
    return out


def scan(roots) -> list[str]:
    found = []
    needles = forms(MARKER) + forms(MARKER_RU)
    for root in roots:
        for dirpath, _dirs, files in os.walk(root):
            for name in files:
                path = os.path.join(dirpath, name)
                try:
                    with open(path, "rb") as handle:
                        data = handle.read()
                except OSError:
                    continue
                found += [f"{path}: {n!r}" for n in needles if n in data]
    return found


def write_everything(vault):
    person = add_person(vault, f"{MARKER} {MARKER_RU}", region=MARKER, safety_notes=MARKER_RU,
                        tags=[MARKER])
    talk = add_talk(vault, person.id, f"Заметка {MARKER} и {MARKER_RU}", topics=[MARKER])
    add_observation(vault, person.id, 6, f"сказала {MARKER_RU}", conversation_id=talk.id)
    vault.repos.plans.add(Plan(person.id, f"цель {MARKER}", steps=[PlanStep(MARKER_RU)]))
    vault.repos.reminders.add(Reminder(date(2026, 12, 1), MARKER, contact_id=person.id))
    vault.repos.reflections.add(Reflection(talk.occurred_at, 3, hard=MARKER, helped=MARKER_RU))
    vault.repos.search.run(MARKER_RU)
    return person, talk


def test_marker_never_reaches_the_disk_in_plaintext(vault, vault_path, private_dirs, tmp_path):
    _person, talk = write_everything(vault)
    roots = [tmp_path, *private_dirs.values()]
    # While the vault is open: the file, its -wal and -shm, temp, config and data dirs.
    assert {p.name for p in tmp_path.iterdir()} >= {"vault.commsdesk", "vault.commsdesk-wal"}
    assert scan(roots) == []
    # After edits, a deletion, a backup and closing.
    talk.notes += f" {MARKER} ещё раз"
    vault.repos.conversations.update(talk)
    vault.repos.conversations.delete(talk.id)
    safety.backup(vault, tmp_path / "backup.commsdesk")
    vault.close()
    assert scan(roots) == []
    assert not (tmp_path / "vault.commsdesk-wal").exists()


def test_scanner_would_see_a_plaintext_marker(tmp_path):
    (tmp_path / "leak.txt").write_text(f"note {MARKER_RU}", encoding="utf-8")
    assert scan([tmp_path])
