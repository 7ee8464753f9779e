"""Names and places nobody told the vault about, in any case form, alone or combined; new exact
details; replacements declined to the case and number of what they replace (issue 11)."""

import pytest

from commsdesk.club.anonymize import apply, find_names, names_from_contacts
from commsdesk.domain import Contact, Relationship

FAMILY = names_from_contacts([Contact("Нина Сергеевна", Relationship.MOTHER, region="Саратовская область"),
                              Contact("Серёжа", Relationship.FRIEND)], "ru")


def anonymized(text: str, names=(), language: str = "ru") -> str:
    return apply(text, find_names(text, list(names), language))


@pytest.mark.parametrize(("text", "expected"), [
    ("Поговорил с Ниной Сергеевной.", "Поговорил с мамой."),
    ("Позвонил Нине Сергеевне.", "Позвонил маме."),
    ("Написал Серёже.", "Написал другу."),
    ("Без Серёжи скучно.", "Без друга скучно."),
    ("Нина Сергеевна сказала.", "Моя мама сказала."),
    ("Живёт в Саратовской области.", "Живёт в одном из регионов России."),
    ("Едем к Саратову.", "Едем к одному из регионов России."),
])
def test_vault_names_are_replaced_in_their_case(text, expected):
    assert anonymized(text, FAMILY) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Соседка Галина Петровна из Воронежа сказала.", "Соседка из одного из городов сказала."),
    ("Обсуждали с Анной Ивановой.", "Обсуждали с одной знакомой."),
    ("Позвонил Сергею Петровичу Кузнецову.", "Позвонил одному знакомому."),
    ("О Ане ни слова.", "Об одной знакомой ни слова."),
    ("Живут во Владимире.", "Живут в одном из городов."),
    ("С Ивановыми говорили.", "Со знакомыми людьми говорили."),
    ("Вера сказала, что всё хорошо.", "Одна знакомая сказала, что всё хорошо."),
])
def test_unknown_names_and_places_are_replaced_in_their_case(text, expected):
    assert anonymized(text) == expected


@pytest.mark.parametrize("form", ["Галина Петровна", "Галины Петровны", "Галине Петровне", "Галину Петровну",
                                  "Галиной Петровной"])
def test_a_first_name_and_patronymic_in_every_case_is_one_finding(form):
    flags = find_names(f"Вчера видел: {form}, и всё.", [], "ru")
    assert [(f.kind, f.found) for f in flags] == [("name", form)]


@pytest.mark.parametrize("text", [
    "Надежда умирает последней.", "Машина сломалась.", "Рост цен пугает.", "Левый берег затопило.",
    "Слава богу, все живы.", "Россия и Украина воюют.", "Путин выступил.", "Смотрит Ютуб и Телеграм.",
])
def test_ordinary_and_public_words_are_not_flagged(text):
    assert find_names(text, [], "ru") == []


@pytest.mark.parametrize(("text", "kind", "found", "replacement"), [
    ("Пиши мне: @masha_kot.", "handle", "@masha_kot", "[аккаунт в мессенджере]"),
    ("Он служит в в/ч 12345 давно.", "military_unit", "в/ч 12345", "воинской части"),
    ("Учится в школе № 5 с осени.", "institution", "школе № 5", "школе"),
    ("Учится в 57-й школе с осени.", "institution", "57-й школе", "школе"),
    ("Лежал в ГКБ № 67 месяц.", "institution", "ГКБ № 67", "больнице"),
    ("Машина А123ВС 77 у подъезда.", "plate", "А123ВС 77", "[номер машины]"),
])
def test_new_exact_details(text, kind, found, replacement):
    [flag] = find_names(text, [], "ru")
    assert (flag.kind, flag.found, flag.replacement) == (kind, found, replacement)


@pytest.mark.parametrize("text", ["В школе 5 лет учился.", "Пиши на masha@mail.ru.",
                                  "В 2-х школах нет света.", "Счёт 12:45 в пользу школы."])
def test_numbers_that_are_not_institutions_or_handles(text):
    assert [f.kind for f in find_names(text, [], "ru")] in ([], ["email"])


def test_english_names_and_places_keep_english_replacements():
    text = "I talked to Natasha Ivanova from Voronezh. Aunt Mary lives in Boston."
    assert anonymized(text, language="en") == (
        "I talked to someone I know from a town. Aunt lives in a town.")


def test_a_role_word_keeps_its_place_and_the_unknown_name_goes():
    assert anonymized("Брат Дима вернулся.") == "Брат вернулся."


def test_a_surname_next_to_a_contacts_name_goes_with_it():
    names = names_from_contacts([Contact("Маша", Relationship.SIBLING)], "ru")
    flags = find_names("Говорил с Машей Ивановой вчера.", names, "ru")
    assert [(f.found, f.name, f.replacement) for f in flags] == [
        ("Машей Ивановой", "Маша", "братом или сестрой")]


def test_an_indeclinable_town_does_not_outvote_a_common_name():
    """Вани is also a town in Georgia, with twelve indeclinable parses against the name's two."""
    assert [(f.kind, f.found) for f in find_names("У Вани день рождения, а Аня живёт в Сочи.", [], "ru")] \
        == [("name", "Вани"), ("name", "Аня"), ("place", "Сочи")]
