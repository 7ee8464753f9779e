"""Building from a trainer's folder: every mistake and every hostile name gets a clear error."""

import os

import pytest
from test_packs_support import article_text, write_source

from commsdesk.club import pack_errors as errors
from commsdesk.club.packs import build_pack


def build_error(folder, error):
    with pytest.raises(error) as caught:
        build_pack(folder)
    return str(caught.value)


@pytest.mark.parametrize("name", ["../outside.md", "/etc/passwd.md", "sub/a.md", "..\\a.md", "a.txt",
                                  "a.md/", ".hidden.md", "a..md", "C:a.md", "", "a.MD", "файл.md"])
def test_names_that_could_leave_the_folder_or_are_not_markdown(tmp_path, name):
    folder = write_source(tmp_path / "src", {"a.md": article_text()}, articles=[name])
    (tmp_path / "outside.md").write_text(article_text(), encoding="utf-8")
    message = build_error(folder, errors.SourceFileUnsafe)
    assert "only plain .md file names" in message


def test_a_non_text_entry_in_the_list(tmp_path):
    folder = write_source(tmp_path / "src", {"a.md": article_text()}, manifest=(
        'format_version = 1\nid = "p"\ntitle = "t"\nauthor = "a"\nlanguage = "ru"\nversion = "1"\n'
        "articles = [1]\n"))
    build_error(folder, errors.SourceFileUnsafe)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_symbolic_link_is_never_followed(tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text(article_text("Секрет вне папки."), encoding="utf-8")
    folder = write_source(tmp_path / "src", {}, articles=["a.md"])
    (folder / "a.md").symlink_to(secret)
    assert "a.md" in build_error(folder, errors.SourceFileUnsafe)
    os.remove(folder / "manifest.toml")
    (folder / "manifest.toml").symlink_to(tmp_path / "elsewhere.toml")
    (tmp_path / "elsewhere.toml").write_text('format_version = 1\narticles = ["a.md"]\n', encoding="utf-8")
    build_error(folder, errors.SourceFileUnsafe)


def test_a_folder_named_like_an_article(tmp_path):
    folder = write_source(tmp_path / "src", {}, articles=["a.md"])
    (folder / "a.md").mkdir()
    build_error(folder, errors.SourceFileUnsafe)


def test_missing_unlisted_and_repeated_files(tmp_path):
    folder = write_source(tmp_path / "one", {"a.md": article_text()}, articles=["a.md", "b.md"])
    assert "b.md" in build_error(folder, errors.SourceFileMissing)
    folder = write_source(tmp_path / "two", {"a.md": article_text(), "b.md": article_text(id="b")},
                          articles=["a.md"])
    assert "b.md" in build_error(folder, errors.SourceFileUnlisted)
    folder = write_source(tmp_path / "three", {"a.md": article_text()}, articles=["a.md", "A.md"])
    build_error(folder, errors.SourceFileListedTwice)
    (tmp_path / "four").mkdir()
    build_error(tmp_path / "four", errors.SourceNotFolder)
    build_error(tmp_path / "nowhere", errors.SourceNotFolder)


def test_other_files_in_the_folder_are_ignored_and_never_packed(tmp_path):
    folder = write_source(tmp_path / "src", {"a.md": article_text()})
    (folder / "photo.jpg").write_bytes(b"\xff\xd8secret")
    (folder / ".notes.md").write_text("личное", encoding="utf-8")
    data = build_pack(folder)
    assert b"secret" not in data and "личное".encode() not in data


def test_oversized_files(tmp_path):
    folder = write_source(tmp_path / "src", {"a.md": article_text("слово " * 200_000)})
    assert "1024 KB" in build_error(folder, errors.SourceFileTooLarge)
    folder = write_source(tmp_path / "m", {"a.md": article_text()}, description="x" * 70_000)
    build_error(folder, errors.SourceFileTooLarge)
    folder = write_source(tmp_path / "body", {"a.md": article_text("ы" * 200_001)})
    assert "too long" in build_error(folder, errors.ArticleInvalid)


def test_broken_encodings(tmp_path):
    folder = write_source(tmp_path / "src", {"a.md": article_text()})
    (folder / "a.md").write_bytes(article_text("Привет").encode("cp1251"))
    assert "a.md is not UTF-8" in build_error(folder, errors.SourceNotText)
    (folder / "a.md").write_bytes(article_text().encode("utf-16"))
    build_error(folder, errors.SourceNotText)
    (folder / "a.md").write_bytes(b"---\nid: a\ntitle: \x00\x01\nkind: club\n---\nx")
    assert "control" in build_error(folder, errors.ArticleInvalid)
    folder = write_source(tmp_path / "m", {"a.md": article_text()})
    (folder / "manifest.toml").write_bytes("title = 'Проверка'".encode("cp1251"))
    build_error(folder, errors.SourceNotText)


def test_a_byte_order_mark_is_accepted(tmp_path):
    folder = write_source(tmp_path / "src", {"a.md": article_text()})
    plain = build_pack(folder)
    (folder / "a.md").write_bytes(b"\xef\xbb\xbf" + (folder / "a.md").read_bytes())
    assert build_pack(folder) == plain


@pytest.mark.parametrize("body, words", [
    ("<script>alert(1)</script>", "raw HTML"),
    ("Текст <b>жирный</b>", "raw HTML"),
    ("<!-- скрытое -->", "raw HTML"),
    ("< script>alert(1)</script>", "raw HTML"),
    ("<https://example.org>", "raw HTML"),
    ("![](https://example.org/pixel.png)", "image"),
    ("[сайт](https://example.org)", "link"),
    ("[сайт] (https://example.org)", "link"),
    ("[сайт][1]\n\n[1]: https://example.org", "link"),
    ("[сайт]\n\n[сайт]:\n  https://example.org", "link"),
    ("Нажмите javascript:alert(1)", "script address"),
    ("Нажмите JavaScript :alert(1)", "script address"),
    ("Текст \u202eсправа", "text-direction"),
], ids=lambda v: v if len(v) < 20 else v[:20])
def test_articles_that_reach_outside_their_text_are_rejected_at_build(tmp_path, body, words):
    folder = write_source(tmp_path / "src", {"a.md": article_text(body)})
    message = build_error(folder, errors.ArticleInvalid)
    assert "Article “a.md”, field “body”" in message and words in message


def test_plain_text_that_merely_looks_technical_is_fine(tmp_path):
    body = ("Если a < b и 3 > 2, это нормально. < img src=x> тоже текст. Источник: meduza.io (2024)."
            " Сноска [1]. `код`")
    folder = write_source(tmp_path / "src", {"a.md": article_text(body)})
    assert build_pack(folder)


@pytest.mark.parametrize("meta, field, words", [
    ({"id": None}, "id", "missing"),
    ({"id": "../a"}, "id", "slug"),
    ({"id": "Большая"}, "id", "slug"),
    ({"title": None}, "title", "missing"),
    ({"kind": "poem"}, "kind", "one of"),
    ({"tags": "ok, Not_A_Slug"}, "tags", "slug"),
    ({"tags": "a, a"}, "tags", "repeats"),
    ({"tags": ", ".join(f"t{n}" for n in range(17))}, "tags", "too many"),
    ({"stages": "sleeping"}, "stages", "stage"),
    ({"related": "nowhere"}, "related", "not in this pack"),
    ({"related": "first"}, "related", "not in this pack"),
    ({"reading_minutes": "five"}, "reading_minutes", "whole number"),
    ({"reading_minutes": "601"}, "reading_minutes", "whole number"),
    ({"reading_minutes": "²"}, "reading_minutes", "whole number"),
    ({"author": "Я"}, "author", "not a field"),
])
def test_front_matter_mistakes_name_the_file_and_the_field(tmp_path, meta, field, words):
    folder = write_source(tmp_path / "src", {"a.md": article_text(**meta)})
    message = build_error(folder, errors.ArticleInvalid)
    assert f"Article “a.md”, field “{field}”" in message and words in message


def test_the_body_cannot_come_from_the_front_matter(tmp_path):
    text = "---\nid: a\ntitle: b\nkind: club\nbody: x\n---\nТекст."
    folder = write_source(tmp_path / "src", {"a.md": text})
    assert "field “body”: is not a field" in build_error(folder, errors.ArticleInvalid)


def test_an_article_without_front_matter(tmp_path):
    folder = write_source(tmp_path / "src", {"a.md": "# Заголовок\n\nТекст."})
    assert "front-matter block" in build_error(folder, errors.ArticleInvalid)
    folder = write_source(tmp_path / "open", {"a.md": "---\nid: a\ntitle: b\nkind: club\n\nТекст."})
    assert "front-matter block" in build_error(folder, errors.ArticleInvalid)


def test_duplicate_article_ids(tmp_path):
    folder = write_source(tmp_path / "src", {"a.md": article_text(), "b.md": article_text()})
    assert "Article “b.md”, field “id”" in build_error(folder, errors.ArticleInvalid) \
        or "Article “a.md”, field “id”" in build_error(folder, errors.ArticleInvalid)


@pytest.mark.parametrize("fields, field, words", [
    ({"format_version": 2}, "format_version", "must be 1"),
    ({"format_version": None}, "format_version", "must be 1"),
    ({"language": "de"}, "language", "ru or en"),
    ({"version": "v1"}, "version", "version number"),
    ({"id": "Мой пакет"}, "id", "slug"),
    ({"title": ""}, "title", "empty"),
    ({"title": "x" * 301}, "title", "too long"),
    ({"author": None}, "author", "missing"),
    ({"author": 5}, "author", "text"),
    ({"articles": []}, "articles", "at least one"),
    ({"homepage": "https://example.org"}, "homepage", "not a field"),
])
def test_manifest_mistakes_name_the_field(tmp_path, fields, field, words):
    folder = write_source(tmp_path / "src", **fields)
    message = build_error(folder, errors.ManifestInvalid)
    assert f"manifest, field “{field}”" in message and words in message


def test_invalid_toml_names_the_line(tmp_path):
    folder = write_source(tmp_path / "src", manifest='format_version = 1\ntitle = "не закрыта\n')
    assert "line 2" in build_error(folder, errors.ManifestSyntax)


def test_too_many_articles(tmp_path):
    files = {f"a{n}.md": article_text(id=f"a{n}") for n in range(201)}
    folder = write_source(tmp_path / "src", files)
    assert "more than 200" in build_error(folder, errors.ManifestInvalid)
