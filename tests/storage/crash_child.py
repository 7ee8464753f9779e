"""Child process for the crash tests: writes in a loop and reports each committed write."""

import sys
from datetime import date, datetime
from pathlib import Path

from commsdesk.domain import Conversation, Observation
from commsdesk.storage import Vault
from helpers import PASSPHRASE


def main(path: str) -> None:
    vault = Vault.open(Path(path), PASSPHRASE)
    contact_id = vault.repos.contacts.list(limit=1)[0].id
    dim = vault.repos.dimensions.by_key("openness")
    i = 0
    while True:
        i += 1
        with vault.transaction():
            talk = vault.repos.conversations.add(Conversation(
                contact_id, datetime(2026, 1, 1, 12, 0), notes=f"запись {i} " + "текст " * (i % 50)))
            vault.repos.observations.add(Observation(contact_id, dim.id, date(2026, 1, 1), i % 11,
                                                     f"наблюдение {i}", talk.id))
        print(talk.uid, flush=True)
        if i % 7 == 0:
            talk.notes += " правка"
            vault.repos.conversations.update(talk)
        if i % 13 == 0:
            vault.repos.conversations.delete(talk.id)
            vault.repos.conversations.undo_delete(talk.id)


if __name__ == "__main__":
    main(sys.argv[1])
