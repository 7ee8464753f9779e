"""Acceptance 5 (second part): a deleted note leaves no trace in any page of the file."""

from sqlcipher_pages import decrypted_pages

from commsdesk.search.analyzer import analyse, fold
from helpers import add_person, add_talk

MARKER = "Zqxvmarkerjf"
MARKER_RU = "Щъыжмаркерпонедельник"


def traces(vault) -> list[int]:
    vault.secure_checkpoint()
    pages = decrypted_pages(vault.path, bytes(vault.key_copy()))
    terms = {t for m in (MARKER, MARKER_RU) for t in (m, fold(m), analyse(m).primary, *analyse(m).names)}
    needles = [t.encode() for t in terms]
    return [n for n, page in enumerate(pages, 1) if any(x in page for x in needles)]


def test_decryption_sees_the_marker_while_it_exists(vault):
    person = add_person(vault)
    add_talk(vault, person.id, f"тайная заметка {MARKER} {MARKER_RU}")
    assert traces(vault)  # positive control: the check can find it


def test_deleted_note_is_gone_from_every_page(vault):
    person = add_person(vault)
    for i in range(200):  # enough text for many pages, free pages after the delete
        add_talk(vault, person.id, f"обычная заметка {i} " + "про дачу и погоду " * 30)
    secret = add_talk(vault, person.id, f"тайная заметка {MARKER} {MARKER_RU} " + "текст " * 500,
                      topics=[MARKER])
    assert traces(vault)
    vault.repos.conversations.delete(secret.id)
    assert vault.repos.search.run(MARKER) == []
    vault.purge_deleted()
    assert traces(vault) == []
    assert not vault.path.with_name(vault.path.name + "-wal").stat().st_size


def test_deleted_person_takes_their_notes_along(vault):
    person = add_person(vault, f"Тётя {MARKER_RU}")
    add_talk(vault, person.id, f"заметка {MARKER}")
    vault.repos.contacts.delete(person.id)
    vault.purge_deleted()
    assert traces(vault) == []
    assert vault.repos.conversations.count() == 0


def test_earlier_versions_of_a_deleted_note_are_erased_too(vault):
    person = add_person(vault)
    talk = add_talk(vault, person.id, f"первая версия {MARKER}")
    talk.notes = f"вторая версия {MARKER_RU}"
    vault.repos.conversations.update(talk)
    assert vault.repos.history.versions("conversation", talk.id)
    vault.repos.conversations.delete(talk.id)
    vault.purge_deleted()
    assert vault.repos.history.count() == 0
    assert traces(vault) == []


def test_purging_history_erases_old_text(vault):
    person = add_person(vault)
    talk = add_talk(vault, person.id, f"было {MARKER}")
    talk.notes = "стало"
    vault.repos.conversations.update(talk)
    assert traces(vault)
    assert vault.repos.history.purge() == 1
    assert traces(vault) == []
