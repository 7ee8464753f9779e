"""Bookmarks, reading progress and private notes on library articles."""

from __future__ import annotations

from commsdesk.storage.library_marks import Mark


def save_mark(vault, article_id: str, bookmarked: bool, progress: float, note: str) -> bool:
    """Store the reader's state of an article; progress only grows (reading again from the top
    keeps how far one got). Returns whether anything changed."""
    marks = vault.repos.library_marks
    with vault.transaction():
        old = marks.get(article_id)
        mark = Mark(article_id, bookmarked, max(old.progress, progress), note)
        if mark == old:
            return False
        marks.save(mark)
    return True
