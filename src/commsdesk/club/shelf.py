"""Story cards and content packs as the vault keeps them: the Club writes and reads their files here;
`storage/club.py` keeps only the rows and bytes."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from commsdesk.club.story_card import StoryCard, StorySource
from commsdesk.club.story_file import card_from_document, export_card, parse

if TYPE_CHECKING:
    from commsdesk.club.packs import Pack
    from commsdesk.storage.vault import Vault


def keep_card(vault: Vault, card: StoryCard) -> int:
    """Store an imported card as its file (without its source, kept beside it); a card already on the
    shelf (same id) is refused with `AlreadyPresent`."""
    source = card.source or StorySource("", date.today())
    body = export_card(replace(card, source=None)).decode("utf-8")
    return vault.repos.club_stories.add(card.id, body, source.file_name, source.imported_on, source.club)


def kept_cards(vault: Vault) -> list[tuple[int, StoryCard]]:
    """Every card on the shelf with its row id, newest import first, each with where it came from."""
    out = []
    for stored in vault.repos.club_stories.all():
        card = card_from_document(parse(stored.body.encode("utf-8")))
        card.source = StorySource(stored.file_name, stored.imported_on, stored.club)
        out.append((stored.row_id, card))
    return out


@dataclass(frozen=True)
class InstalledPack:
    row_id: int
    pack: Pack  # read again from the stored file, so its status follows today's trusted keys
    imported_on: date


def installed_packs(vault: Vault, language: str | None = None) -> list[InstalledPack]:
    """The installed packs (of one language, or all), by title."""
    from commsdesk.club.packs import read_pack  # cryptography: loaded only when needed

    trusted = vault.repos.trusted_keys.all()
    return [InstalledPack(p.row_id, read_pack(p.data, trusted), p.imported_on)
            for p in vault.repos.content_packs.all(language)]
