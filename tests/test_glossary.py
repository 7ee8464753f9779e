"""One term per concept: the catalogs, the library and the club's data use the glossary's terms.

resources/glossary.json names, for each concept, its Russian and English term and the variants that
must not appear; docs/glossary.md gives the reasons.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from helpers import ROOT

GLOSSARY = ROOT / "resources" / "glossary.json"
LANGS = ("ru", "en")


@dataclass(frozen=True)
class Rule:
    concept: str
    lang: str
    variant: str
    pattern: re.Pattern
    exceptions: frozenset[str]


def fold(text: str) -> str:
    return text.replace("ё", "е").replace("Ё", "Е")


def load_rules() -> list[Rule]:
    glossary = json.loads(GLOSSARY.read_text(encoding="utf-8"))
    return [Rule(concept["id"], item["lang"], item["variant"],
                 re.compile(fold(item["pattern"]), re.IGNORECASE), frozenset(item.get("except", {})))
            for concept in glossary["concepts"] for item in concept["forbidden"]]


RULES = load_rules()


def violations(where: str, lang: str | None, texts) -> list[str]:
    """`texts` yields strings; `lang` None means the text may be in either language."""
    found = []
    for text in texts:
        folded = fold(text)
        for rule in RULES:
            if (lang is not None and rule.lang != lang) or where in rule.exceptions:
                continue
            for match in rule.pattern.finditer(folded):
                start = max(0, match.start() - 30)
                found.append(f"{where}: {rule.concept} — «{match.group(0)}» is not allowed "
                             f"({rule.variant}): …{text[start:match.end() + 30]}…")
    return found


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def catalog(lang: str):
    with open(ROOT / "translations" / lang / "LC_MESSAGES" / "commsdesk.po", "rb") as handle:
        return read_po(handle)


def strings(value) -> list[str]:
    return list(value) if isinstance(value, (tuple, list)) else [value]


def json_strings(node, lang: str | None = None):
    """Every string in a JSON document, with the language of the nearest "ru"/"en" key above it."""
    if isinstance(node, str):
        yield lang, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from json_strings(value, key if key in LANGS else lang)
    elif isinstance(node, list):
        for value in node:
            yield from json_strings(value, lang)


def test_the_russian_catalog_uses_the_glossary():
    where = "translations/ru/LC_MESSAGES/commsdesk.po"
    texts = [text for m in catalog("ru") if m.id for text in strings(m.string)]
    assert violations(where, "ru", texts) == []


def test_the_english_sources_and_catalog_use_the_glossary():
    where = "translations/en/LC_MESSAGES/commsdesk.po"
    texts = [text for m in catalog("en") if m.id for text in strings(m.id) + strings(m.string)]
    assert violations(where, "en", texts) == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_library_uses_the_glossary(lang):
    articles = sorted((ROOT / "resources" / "library" / lang).glob("*.md"))
    assert len(articles) >= 50
    found = [v for path in articles
             for v in violations(relative(path), lang, [path.read_text(encoding="utf-8")])]
    assert found == []


def test_content_packs_use_the_glossary():
    found = [v for path in sorted((ROOT / "resources" / "packs").rglob("*"))
             if path.suffix in (".md", ".toml")
             for v in violations(relative(path), None, [path.read_text(encoding="utf-8")])]
    assert found == []


@pytest.mark.parametrize("path", sorted((ROOT / "resources" / "club").glob("*.json")), ids=lambda p: p.name)
def test_the_club_data_uses_the_glossary(path):
    document = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for lang, text in json_strings(document):
        found += violations(relative(path), lang, [text])
    assert found == []


def test_the_check_finds_a_forbidden_variant_in_any_form():
    samples = {"Введите фразу-пароль.": "passphrase", "Цель Собеседника": "relative",
               "в Клубе общения": "club", "Дэвид Брокман": "broockman",
               "модель стадий изменения": "stage-of-change", "сделайте аварийный комплект": "emergency-kit",
               "Стадия «откат назад»": "stage-slipping-back", "сделайте бэкап": "backup"}
    for text, concept in samples.items():
        assert {v.split(" — ")[0] for v in violations("x", "ru", [text])} == {f"x: {concept}"}, text
    assert violations("resources/library/ru/safety-protecting-yourself.md", "ru", ["без пароля"]) == []
    assert violations("resources/library/ru/safety-using-this-app.md", "ru", ["без пароля"]) != []
    assert violations("x", "en", ["the emergency backup", "David Brookman"]) != []
    assert violations("x", "en", ["David Broockman", "an emergency kit"]) == []


def test_the_glossary_is_complete_and_consistent():
    glossary = json.loads(GLOSSARY.read_text(encoding="utf-8"))
    ids = {concept["id"] for concept in glossary["concepts"]}
    assert {"passphrase", "stage-of-change", "deep-canvassing", "communicator", "relative", "club",
            "broockman", "recovery-phrase", "vault", "emergency-kit", "backup"} <= ids
    for concept in glossary["concepts"]:
        assert concept["ru"] and concept["en"] and concept["meaning"], concept["id"]
        # A term is never one of its own forbidden variants.
        assert violations("term", "ru", [concept["ru"]]) == [], concept["id"]
        assert violations("term", "en", [concept["en"]]) == [], concept["id"]
    for rule in RULES:
        assert rule.lang in LANGS
        for path in rule.exceptions:
            assert (ROOT / path).is_file(), path


def test_the_russian_terms_are_the_ones_the_app_shows():
    """The terms are not only allowed but used: the catalog translates the key labels with them."""
    russian = {m.id: m.string for m in catalog("ru") if isinstance(m.id, str)}
    assert russian["Passphrase"] == "Парольная фраза"
    assert russian["Recovery phrase"] == "Фраза восстановления"
    assert russian["Emergency kit"] == "Аварийный набор"
    assert russian["Stage of change"] == "Стадия перемен"
    assert russian["Communication Club"] == "Клуб трудных разговоров"
    assert russian["Communicator"] == "Говорящий"
    assert russian["Relative"] == "Близкий"
    assert russian["Slipping back"] == "Возвращается к прежнему"
    assert russian["Acting on it"] == "Поступает по-новому"
    assert "методе глубокого разговора" in russian[
        "As in deep canvassing: “how sure are you, from 0 to 10?” at the start and at the end. "
        "A one-point move is real progress."]
