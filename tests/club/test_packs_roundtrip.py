"""Packs round trip: build, sign, read; the same folder gives the same bytes; who signed it."""

import shutil

import pytest
from test_packs_support import EXAMPLE, article_text, forge, write_source

from commsdesk.club.pack_errors import PackDamaged, PackTampered
from commsdesk.club.pack_signing import fingerprint, generate_signing_key, raw_public_key
from commsdesk.club.packs import PackStatus, build_pack, read_pack, render_article, sign_pack


@pytest.fixture(scope="module")
def key():
    return generate_signing_key()


def test_the_example_pack_builds_reads_and_keeps_every_field():
    pack = read_pack(build_pack(EXAMPLE))
    assert (pack.id, pack.language, pack.version) == ("example-first-talks", "ru", "1.0")
    assert pack.title == "Первые разговоры после паузы" and pack.author.startswith("Клуб")
    assert pack.description.startswith("Пример пакета")
    first, second = pack.articles
    assert (first.id, first.kind, first.reading_minutes) == ("after-a-pause", "technique", 3)
    assert first.tags == ("relationship", "family", "beginner", "repair")
    assert first.related == ("questions-not-arguments",) and first.stages == ("not-thinking", "doubting")
    assert first.summary.startswith("Если вы с мамой")
    assert first.body.startswith("## Когда это нужно {#when}") and "**Дочь:**" in first.body
    assert second.reading_minutes >= 1  # estimated from the length when the article omits it
    assert pack.status is PackStatus.UNSIGNED and pack.signer_key is None
    assert pack.signer_fingerprint is None and pack.needs_confirmation
    assert pack.digest.startswith("sha256:") and len(pack.digest) == 71


def test_building_is_deterministic(tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(EXAMPLE, copy)
    assert build_pack(EXAMPLE) == build_pack(copy) == build_pack(EXAMPLE)
    (copy / "01-after-a-pause.md").write_bytes(
        (copy / "01-after-a-pause.md").read_bytes().replace(b"\n", b"\r\n"))
    assert build_pack(copy) == build_pack(EXAMPLE)  # Windows line endings change nothing
    text = (copy / "02-questions-not-arguments.md").read_text(encoding="utf-8")
    (copy / "02-questions-not-arguments.md").write_text(text.replace("спор", "ссор", 1), encoding="utf-8")
    assert build_pack(copy) != build_pack(EXAMPLE)


def test_signed_by_a_trusted_key_or_an_unknown_one(key):
    signed = sign_pack(build_pack(EXAMPLE), key)
    public = raw_public_key(key)
    trusted = read_pack(signed, [public])
    assert trusted.status is PackStatus.TRUSTED and not trusted.needs_confirmation
    assert trusted.signer_key == public and trusted.signer_fingerprint == fingerprint(public)
    assert read_pack(signed).status is PackStatus.UNKNOWN_SIGNER
    other = raw_public_key(generate_signing_key())
    unknown = read_pack(signed, [other])
    assert unknown.status is PackStatus.UNKNOWN_SIGNER and unknown.needs_confirmation
    assert read_pack(signed, [other, public]).status is PackStatus.TRUSTED
    assert trusted.digest == read_pack(build_pack(EXAMPLE)).digest  # signing leaves the contents


def test_signing_is_deterministic_and_replaces_an_earlier_signature(key):
    unsigned = build_pack(EXAMPLE)
    once = sign_pack(unsigned, key)
    assert sign_pack(unsigned, key) == once == sign_pack(once, key)  # Ed25519 is deterministic
    other = generate_signing_key()
    again = sign_pack(once, other)
    assert read_pack(again, [raw_public_key(other)]).status is PackStatus.TRUSTED
    assert read_pack(again, [raw_public_key(key)]).status is PackStatus.UNKNOWN_SIGNER
    assert again.count(b'"signature"') == 1


def test_a_signature_from_another_pack_does_not_transfer(key):
    signed = forge(key=key)
    import json

    document = json.loads(signed)
    other = json.loads(forge(manifest={**document["manifest"], "title": "Другой"}))
    other["signature"] = document["signature"]
    from commsdesk.club.pack_format import canonical

    with pytest.raises(PackTampered) as caught:
        read_pack(canonical(other))
    assert "signature" in str(caught.value)


def test_a_damaged_pack_is_never_signed(key, tmp_path):
    data = bytearray(build_pack(EXAMPLE))
    data[100] ^= 0x20
    with pytest.raises((PackDamaged, PackTampered)):
        sign_pack(bytes(data), key)


def test_the_words_of_an_article_reach_the_reader(tmp_path):
    body = ("## Шаги {#steps}\n\n1. Слушайте.\n2. **Отражайте** и *уточняйте*.\n\n> Цитата\n\n"
            "| a | b |\n| - | - |\n| 1 | 2 |")
    folder = write_source(tmp_path / "src", {"a.md": article_text(body)})
    html = render_article(read_pack(build_pack(folder)).articles[0].body)
    assert '<h2 id="steps">Шаги</h2>' in html and "<ol>" in html and "<strong>Отражайте</strong>" in html
    assert "<em>уточняйте</em>" in html and "<blockquote>" in html and "<td>2</td>" in html
