"""The people one talks with: adding, editing, archiving, deleting, importing from a phone."""

from __future__ import annotations

from collections.abc import Iterable

from commsdesk.domain import Contact, Relationship


def save_person(vault, contact: Contact) -> Contact:
    """Add a new person or store the edits of a known one."""
    if contact.id is None:
        return vault.repos.contacts.add(contact)
    return vault.repos.contacts.update(contact)


def set_archived(vault, contact_id: int, archived: bool) -> None:
    vault.repos.contacts.set_archived(contact_id, archived)


def delete_person(vault, contact_id: int) -> None:
    """The person and all their records go (soft-deleted: `undo_delete` can bring them back
    until the vault closes)."""
    vault.repos.contacts.delete(contact_id)


def undo_delete(vault, contact_id: int) -> None:
    vault.repos.contacts.undo_delete(contact_id)


def import_people(vault, chosen: Iterable, with_phones: bool = False,
                  with_addresses: bool = False) -> int:
    """People picked from a phone's vCard export, all in one transaction (all or nothing):
    only their names, unless the user also asked for phone numbers or addresses."""
    from commsdesk.people.vcard import selected_fields

    people = []
    for contact in chosen:
        fields = selected_fields(contact, with_phones, with_addresses)
        people.append(Contact(fields["name"], Relationship.OTHER,
                              phones=list(fields.get("phones", ())),
                              address="; ".join(fields.get("addresses", ()))))
    with vault.transaction():
        for person in people:
            vault.repos.contacts.add(person)
    return len(people)
