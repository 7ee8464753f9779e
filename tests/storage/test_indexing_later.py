"""`Vault.indexing_later()`: a bulk write indexes its records once at the end, with the same
index rows as indexing each record as it is written."""

from datetime import date

import pytest

from commsdesk.demo import populate
from commsdesk.transfer.json_export import export_document
from commsdesk.transfer.json_import import import_document
from helpers import add_person, add_talk


def index_rows(vault):
    with vault.reading() as conn:
        return conn.execute("SELECT rowid, stems, lemmas, words, names FROM search_fts"
                            " ORDER BY rowid").fetchall()


def test_an_import_leaves_the_index_a_rebuild_would_make(make_vault, tmp_path):
    source = make_vault(tmp_path / "source.commsdesk")
    populate(source, date(2026, 12, 1))
    target = make_vault(tmp_path / "target.commsdesk")
    import_document(target, export_document(source))
    imported = index_rows(target)
    assert len(imported) > 50
    target.repos.search.rebuild()
    assert index_rows(target) == imported
    assert target.repos.search.run("мама")  # and search finds imported text


def test_changes_and_deletions_inside_the_block_leave_no_stale_rows(vault):
    person = add_person(vault, "Тётя Зина")
    kept = add_talk(vault, person.id, "говорили про огород")
    gone = add_talk(vault, person.id, "говорили про пенсию")
    with vault.transaction(), vault.indexing_later():
        kept.notes = "говорили про внуков"
        vault.repos.conversations.update(kept)
        vault.repos.conversations.delete(gone.id)
        fresh = add_talk(vault, person.id, "говорили про погоду")
        assert not vault.repos.search.run("погоду")  # not yet: indexed at the end
    texts = {hit.ref for hit in vault.repos.search.run("говорили")}
    assert texts == {kept.id, fresh.id}
    assert not vault.repos.search.run("огород")
    assert vault.repos.search.run("внуков")[0].ref == kept.id
    before = index_rows(vault)
    vault.repos.search.rebuild()
    assert index_rows(vault) == before


def test_nothing_is_indexed_when_the_block_fails(vault):
    person = add_person(vault, "Дядя Коля")
    with pytest.raises(RuntimeError), vault.transaction(), vault.indexing_later():
        add_talk(vault, person.id, "говорили про рыбалку")
        raise RuntimeError("stop")
    assert not vault.repos.search.run("рыбалку")
    assert vault.repos.search.run("Коля")


def test_it_belongs_inside_a_transaction(vault):
    with pytest.raises(RuntimeError), vault.indexing_later():
        pass
