"""Exact details are flagged too: phone numbers, e-mail addresses, dates (made relative), addresses."""

from datetime import date

import pytest

from commsdesk.club.anonymize import find_names

START = date(2024, 1, 10)


def details(text: str, language: str = "en", since: date | None = None) -> list[tuple[str, str]]:
    return [(f.kind, f.found) for f in find_names(text, [], language, since)]


@pytest.mark.parametrize("phone", [
    "+7 916 123-45-67", "+7 (916) 123-45-67", "8 916 123 45 67", "89161234567", "+79161234567",
    "+44 20 7946 0958", "123-45-67",
])
def test_phone_numbers(phone):
    assert details(f"Её номер {phone}, звони.") == [("phone", phone)]


@pytest.mark.parametrize("text", ["1 500 000 рублей", "в 2024 году", "3 из 10", "счёт 12345"])
def test_amounts_years_and_short_numbers_are_not_phones(text):
    assert details(text) == []


@pytest.mark.parametrize("email", ["masha@mail.ru", "oleg.ivanov+1@yandex.ru", "Anna_K@gmail.com"])
def test_email_addresses(email):
    assert details(f"Пиши на {email}.") == [("email", email)]


@pytest.mark.parametrize("when", [
    "12 марта", "12 марта 2024", "12 марта 2024 года", "1-го мая", "12.03.2024", "12/03/24",
    "2024-03-12", "March 12", "March 12, 2024", "12 March 2024", "Mar. 12th", "3rd of May 2024",
])
def test_exact_dates(when):
    assert details(f"Это было {when}, вечером.") == [("date", when)]


@pytest.mark.parametrize(("when", "language", "phrase"), [
    ("12 марта", "en", "after two months"),
    ("15.01.2024", "en", "in the first days"),
    ("2025-01-15", "en", "after a year"),
    ("March 12", "en", "after two months"),
    ("03/12/2024", "en", "after two months"),  # March 12 to an English reader
    ("5 января", "en", "after a year"),  # no year given: the next 5 January after the start
    ("1.1.2024", "en", "before the first conversation"),
])
def test_dates_become_relative_to_the_first_conversation(when, language, phrase):
    [flag] = find_names(f"Это было {when}.", [], language, since=START)
    assert flag.replacement == phrase


def test_dates_without_a_start_or_impossible_ones_say_one_day():
    # At the start of a sentence every replacement is capitalised now, exact details as well as names.
    assert [f.replacement for f in find_names("12 марта и 31.02.2024", [], "en")] == ["One day", "one day"]
    flags = find_names("31.02.2024", [], "en", since=START)
    assert [f.replacement for f in flags] == ["One day"]


@pytest.mark.parametrize("address", [
    "ул. Ленина, д. 5, кв. 12", "улица Строителей 25", "пр-т Мира 10", "проспект Мира, 10",
    "пер. Тихий 3", "221 Baker Street",
])
def test_street_addresses(address):
    assert details(f"Живут: {address}. Давно.") == [("address", address)]


def test_plain_words_about_streets_are_not_addresses():
    assert details("На улице холодно, на площади митинг не разрешили.") == []


def test_details_and_names_do_not_overlap():
    flags = find_names("masha@mail.ru, 12.03.2024 и +7 916 123-45-67", [], "en")
    assert [f.kind for f in flags] == ["email", "date", "phone"]
