"""Spellings that must meet: names across transliteration schemes, British and American English,
everyday spellings of services."""

from __future__ import annotations

import warnings

import pytest

from commsdesk.search import english, spellings, translit
from commsdesk.search.analyzer import analyse

NAMES = ["Соловьёв", "Юлия", "Хрущёв", "Дмитрий", "Навальный", "Мария", "Елена", "Чайковский",
         "Сергей", "Ксения", "Щукин", "Ярослава", "Ольга", "Наталья", "Алексей", "Жуков", "Цветаева",
         "Евгений", "Фёдор", "Татьяна", "Василий", "Андрей", "Воронеж", "Екатеринбург", "Пётр",
         "Анастасия", "Мариуполь", "Белгород"]
# Passports (old and new), Wikipedia, BGN/PCGN, Library of Congress, ISO 9 / GOST 7.79 with
# diacritics, British Standard, UN, Yandex, Moscow metro.
SCHEMES = ["WIKIPEDIA", "MVD_782", "MVD_310", "ICAO_DOC_9303", "BGN_PCGN", "ALA_LC", "GOST_779",
           "YANDEX_MAPS", "MOSMETRO", "BS_2979", "UNGEGN_1987", "ISO_9_1968", "GOST_16876"]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_scheme_gives_the_key_of_the_cyrillic_name(scheme):
    import iuliia

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        written = {name: getattr(iuliia, scheme).translate(name) for name in NAMES}
    assert {n: translit.key(w) for n, w in written.items()} == {n: translit.key(n) for n in NAMES}


@pytest.mark.parametrize(("latin", "cyrillic"), [
    ("Solovyov", "Соловьёв"), ("Soloviev", "Соловьев"), ("Solovjov", "Соловьёв"),
    ("Solov'ev", "Соловьёв"), ("Navalny", "Навальный"), ("Julia", "Юлия"), ("Khrushchev", "Хрущёв"),
    ("Tchaikovsky", "Чайковский"), ("Maxim", "Максим"), ("Yelena", "Елена"), ("Dmitry", "Дмитрий"),
])
def test_everyday_latin_spellings_meet_the_cyrillic_name(latin, cyrillic):
    assert translit.key(latin) == translit.key(cyrillic)


@pytest.mark.parametrize(("one", "other"), [
    ("Соловьёв", "Соловей"), ("Петров", "Петрова"), ("Иван", "Иванов"), ("Мария", "Марина"),
])
def test_different_names_keep_different_keys(one, other):
    assert translit.key(one) != translit.key(other)


@pytest.mark.parametrize(("british", "american"), [
    ("mobilisation", "mobilization"), ("organised", "organized"), ("analysing", "analyzing"),
    ("colour", "color"), ("neighbourhood", "neighborhood"), ("favourite", "favorite"),
    ("centre", "center"), ("metres", "meters"), ("travelled", "traveled"), ("cancelling", "canceling"),
    ("defence", "defense"), ("programme", "program"), ("catalogue", "catalog"), ("grey", "gray"),
])
def test_british_spellings_become_american(british, american):
    assert english.american(british) == english.american(american)
    assert analyse(british).primary == analyse(american).primary


@pytest.mark.parametrize("word", ["four", "hour", "your", "tour", "prise", "rise", "wise", "our"])
def test_words_that_only_look_british_stay_apart(word):
    assert english.american(word) == word


def test_prise_and_prize_stay_apart():
    assert analyse("prise").primary != analyse("prize").primary


@pytest.mark.parametrize(("one", "other"), [
    ("ютуб", "YouTube"), ("ютубе", "youtube"), ("телега", "Telegram"), ("телеге", "телеграм"),
    ("ватсап", "WhatsApp"), ("вацап", "whatsapp"), ("вк", "VK"), ("вконтакте", "вк"),
])
def test_everyday_spellings_of_services_meet(one, other):
    assert analyse(other).all & spellings.related(analyse(one))


def test_ordinary_words_have_no_brand_spellings():
    assert spellings.related(analyse("мама")) == frozenset()
    assert spellings.related(analyse("war")) == frozenset()
