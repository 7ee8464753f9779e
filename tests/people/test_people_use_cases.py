"""The people use cases, without Qt (issue 12 §1)."""

from __future__ import annotations

from commsdesk.domain import Contact
from commsdesk.people.contacts import delete_person, import_people, save_person, set_archived, undo_delete
from commsdesk.people.vcard import read_phone_export_file
from commsdesk.storage.contacts import ContactFilter
from helpers import ROOT, add_talk

ANDROID = ROOT / "tests" / "people" / "data" / "vcard" / "android_21_utf8_qp.vcf"


def test_save_archive_delete_and_undo(vault):
    person = save_person(vault, Contact("Тётя Оля", tags=["семья"]))
    assert person.id is not None
    person.region = "Поволжье"
    save_person(vault, person)
    assert vault.repos.contacts.get(person.id).region == "Поволжье"
    set_archived(vault, person.id, True)
    assert vault.repos.contacts.get(person.id).archived
    add_talk(vault, person.id, "заметка")
    delete_person(vault, person.id)
    assert vault.repos.contacts.count(ContactFilter(archived=None)) == 0
    assert vault.repos.conversations.count() == 0
    undo_delete(vault, person.id)
    assert vault.repos.contacts.count(ContactFilter(archived=None)) == 1
    assert vault.repos.conversations.count() == 1


def test_import_people_takes_names_only_unless_asked(vault):
    export = read_phone_export_file(ANDROID)
    first, second = export.contacts[0], export.contacts[1]
    assert first.phones  # the file has numbers; they stay out unless asked for
    assert import_people(vault, [first]) == 1
    [stored] = vault.repos.contacts.list()
    assert stored.display_name == first.name and stored.phones == [] and stored.address == ""
    import_people(vault, [second], with_phones=True)
    again = {c.display_name: c for c in vault.repos.contacts.list()}
    assert again[second.name].phones == list(second.phones)
