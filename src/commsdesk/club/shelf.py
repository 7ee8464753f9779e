"""What the user keeps from the club: story cards and content packs as the vault keeps them (the
Club writes and reads their files here; `storage/club.py` keeps only the rows and bytes), their
signers' keys, the practice log; and the use cases that change them."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from commsdesk.club.story_card import StoryCard, StorySource
from commsdesk.club.story_file import card_from_document, export_card, parse
from commsdesk.i18n import _
from commsdesk.storage import errors
from commsdesk.storage.club import PracticeEntry

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


@dataclass
class StoryImport:
    added: int = 0
    problems: list[str] = field(default_factory=list)  # one line per refused file


def add_story_card(vault, card) -> int:
    return keep_card(vault, card)


def import_story_cards(vault, paths: list[Path], club: str = "",
                       today: date | None = None) -> StoryImport:
    """Each file is read in full and checked before anything is stored; a refused file writes
    nothing and is named in `problems`; the others go in."""
    from commsdesk.club.stories import MAX_BYTES, read_card
    from commsdesk.files import read_limited

    result = StoryImport()
    for path in paths:
        try:
            card = read_card(read_limited(path, MAX_BYTES), path.name)
            card.source = StorySource(card.source.file_name if card.source else path.name,
                                      today or date.today(), club.strip())
            add_story_card(vault, card)
            result.added += 1
        except OSError:
            result.problems.append(f"{path.name}: " + _("the file cannot be read"))
        except errors.VaultError as exc:
            result.problems.append(f"{path.name}: {exc.user_message()}")
    return result


def remove_story(vault, story_id: int) -> None:
    vault.repos.club_stories.delete(story_id)


def check_pack(vault, path: Path):
    """Read and check a whole pack file against the trusted keys (nothing stored yet);
    returns (pack, data) for `import_pack`. OSError if the file cannot be read."""
    from commsdesk.club.packs import read_pack, read_pack_file

    data = read_pack_file(path)
    return read_pack(data, vault.repos.trusted_keys.all()), data


def import_pack(vault, pack, data: bytes) -> int:
    return vault.repos.content_packs.add(pack, data)


def remove_pack(vault, row_id: int) -> None:
    """The pack's articles leave the library, with the bookmarks and notes on them."""
    vault.repos.content_packs.remove(row_id)


def trust_key(vault, public_key: bytes, author: str) -> None:
    vault.repos.trusted_keys.add(public_key, author)


def record_practice(vault, entry: PracticeEntry) -> PracticeEntry:
    return vault.repos.practice.add(entry)
