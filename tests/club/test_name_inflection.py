"""Replacement phrases declined by pymorphy3 (club/name_inflection.py), and the case a name stands in."""

import pytest

from commsdesk.club.name_inflection import case_of, decline


@pytest.mark.parametrize(("phrase", "case", "number", "expected"), [
    ("моя мама", "gent", "sing", "мамы"), ("моя мама", "datv", "sing", "маме"),
    ("моя мама", "accs", "sing", "маму"), ("моя мама", "ablt", "sing", "мамой"),
    ("моя мама", "loct", "sing", "маме"), ("моя мама", "nomn", "sing", "моя мама"),
    ("друг", "datv", "sing", "другу"), ("друг", "nomn", "plur", "друзья"),
    ("мой брат или сестра", "ablt", "sing", "братом или сестрой"),
    ("родитель моего партнёра", "datv", "sing", "родителю моего партнёра"),
    ("один знакомый", "accs", "sing", "одного знакомого"),
    ("одна знакомая", "ablt", "sing", "одной знакомой"),
    ("знакомый человек", "ablt", "plur", "знакомыми людьми"),
    ("один из городов", "loct", "sing", "одном из городов"),
    ("один из регионов России", "accs", "sing", "один из регионов России"),  # inanimate: в один из…
    ("воинская часть", "loct", "sing", "воинской части"),
])
def test_decline(phrase, case, number, expected):
    assert decline(phrase, case, number, animate=not phrase.startswith(("один из", "воинская"))) == expected


@pytest.mark.parametrize(("words", "grammemes", "preposition", "expected"), [
    (["Ниной", "Сергеевной"], ("Name", "Patr"), "с", ("ablt", "sing")),
    (["Нине", "Сергеевне"], ("Name", "Patr"), "", ("datv", "sing")),
    (["Нине"], ("Name",), "о", ("loct", "sing")),
    (["Маши"], ("Name",), "у", ("gent", "sing")),
    (["Воронеж"], ("Geox",), "в", ("accs", "sing")),
    (["Воронеже"], ("Geox",), "в", ("loct", "sing")),
    (["Ивановыми"], ("Surn",), "с", ("ablt", "plur")),
])
def test_case_of(words, grammemes, preposition, expected):
    assert case_of(words, grammemes, preposition) == expected
