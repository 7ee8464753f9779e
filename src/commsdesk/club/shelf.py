"""What the user keeps from the club: story cards, content packs and their signers' keys, the
practice log."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from commsdesk.i18n import _
from commsdesk.storage import errors
from commsdesk.storage.club import PracticeEntry


@dataclass
class StoryImport:
    added: int = 0
    problems: list[str] = field(default_factory=list)  # one line per refused file


def add_story_card(vault, card) -> int:
    return vault.repos.club_stories.add(card)


def import_story_cards(vault, paths: list[Path], club: str = "",
                       today: date | None = None) -> StoryImport:
    """Each file is read in full and checked before anything is stored; a refused file writes
    nothing and is named in `problems`; the others go in."""
    from commsdesk.club.stories import MAX_BYTES, StorySource, read_card
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
