"""The anonymizer finds every contact's name and region in any case form, and only those."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commsdesk.club.anonymize import NameToFlag, apply, find_names, names_from_contacts, names_in_vault
from commsdesk.domain import Contact, Relationship
from helpers import add_person

PEOPLE = [
    Contact("Маша", Relationship.SIBLING), Contact("Олег Иванов", Relationship.FATHER),
    Contact("Наталья Петровна", Relationship.MOTHER), Contact("Тётя Оля", Relationship.OTHER_RELATIVE),
    Contact("Елена", Relationship.NEIGHBOUR), Contact("Павел", Relationship.FRIEND),
    Contact("Лев", Relationship.FORMER_COWORKER), Contact("Ия", Relationship.FRIEND),
    Contact("Ян", Relationship.FRIEND), Contact("Anna", Relationship.FRIEND),
    Contact("Соловьёв", Relationship.NEIGHBOUR), Contact("Игорь", Relationship.GRANDPARENT),
    Contact("Мама", Relationship.MOTHER, region="Саратовская область"),
    Contact("Дядя Коля", Relationship.OTHER_RELATIVE, region="Ростов-на-Дону"),
]
NAMES = names_from_contacts(PEOPLE, "en")


def found(text: str, names=NAMES) -> list[str]:
    """What matched a contact's name or region. Since names nobody told us about are flagged too
    (tests/club/test_anonymize_unknown.py), "Ольга" below is a finding, but not a match for Оля."""
    return [f.found for f in find_names(text, names, "en") if f.kind in ("name", "region") and f.name]


@pytest.mark.parametrize(("name", "form"), [
    ("Маша", "Маши"), ("Маша", "Машу"), ("Маша", "Машей"), ("Маша", "Маше"), ("Маша", "МАША"),
    ("Олег", "Олега"), ("Олег", "Олегом"), ("Олег", "Олегу"),
    ("Наталья", "Натальи"), ("Наталья", "Натальей"), ("Наталья", "Наталью"),
    ("Иванов", "Иванова"), ("Иванов", "Ивановым"), ("Иванов", "Ивановой"), ("Иванов", "Ивановых"),
    ("Оля", "Оли"), ("Оля", "Олей"), ("Елена", "Еленой"), ("Елена", "Елены"),
    ("Павел", "Павла"), ("Павел", "Павлом"), ("Лев", "Льва"), ("Лев", "Львом"),
    ("Ия", "Ии"), ("Ия", "Ию"), ("Ия", "Ией"), ("Ян", "Яна"), ("Ян", "Яном"),
    ("Соловьёв", "Соловьева"), ("Соловьёв", "Соловьёвым"), ("Игорь", "Игоря"), ("Игорь", "Игорем"),
    ("Anna", "Anna"), ("Anna", "anna"), ("Anna", "Annas"),
])
def test_every_case_form_of_a_name_is_flagged(name, form):
    flags = find_names(f"Вчера говорили: {form}, и всё.", NAMES, "en")
    assert [(f.found, f.name) for f in flags] == [(form, name)]


def test_english_possessive_and_curly_apostrophe():
    assert found("Anna's cat and Anna’s dog") == ["Anna", "Anna"]


def test_flag_reports_span_form_name_and_role():
    text = "Я позвонила Маше вечером."
    [flag] = find_names(text, NAMES, "en")
    assert (flag.start, flag.end, flag.found) == (12, 16, "Маше")
    assert text[flag.start:flag.end] == "Маше"
    assert (flag.kind, flag.name, flag.replacement) == ("name", "Маша", "my brother or sister")


def test_full_names_are_flagged_as_one_phrase_in_any_case():
    assert found("Без Натальи Петровны и тёти Оли, с Олегом Ивановым.") == [
        "Натальи Петровны", "тёти Оли", "Олегом Ивановым"]


def test_words_of_a_name_are_flagged_alone_but_not_role_words():
    assert found("Оля пришла, тётя ушла, дядя Коля с Колей.") == ["Оля", "дядя Коля", "Колей"]


def test_two_letter_words_of_a_longer_name():
    names = names_from_contacts([Contact("Ян Ли", Relationship.FRIEND)], "en")
    assert found("Ян Ли пришёл. Яну звонили. Знает ли он?", names) == ["Ян Ли", "Яну"]


def test_a_contact_called_by_a_role_is_not_a_name():
    assert found("Мама сказала маме, что мамы дома.") == []
    assert "Мама" not in [n.text for n in NAMES]


@pytest.mark.parametrize("text", [
    "машина, машины, машинально",  # Маша
    "олово, олень, оленей, Ольга",  # Оля, Олег
    "лень, лента, Ленинград",  # Елена is not Лена, but check nothing near it
    "и их ими иглы, январь, янтарь, ямы",  # Ия, Ян
    "павлин, левый, лево, львиный",  # Павел, Лев
    "игорный, annals, Annapolis",  # Игорь, Anna
    "рост, роста, ростом, дон, донат",  # Ростов-на-Дону
])
def test_unrelated_words_are_not_flagged(text):
    assert found(text) == []


def test_common_russian_text_has_no_false_flags():
    text = ("Мы долго говорили о новостях, о ценах и о том, что будет дальше. Она сказала, что "
            "устала от телевизора и хочет поехать на дачу весной. Я слушала и задавала вопросы.")
    assert found(text) == []


def test_regions_are_generalised_with_their_preposition():
    flags = find_names("Живёт в Саратовской области, родом из Ростова-на-Дону, а Саратов далеко.",
                       NAMES, "en")
    assert [(f.found, f.replacement) for f in flags] == [
        ("в Саратовской области", "in a region of Russia"),
        ("из Ростова-на-Дону", "from a region of Russia"),
        ("Саратов", "a region of Russia")]


def test_apply_replaces_only_accepted_flags_and_keeps_the_rest_exactly():
    text = "Маша  и\tОлег\nзвонили 12 марта."
    flags = find_names(text, NAMES, "en")
    assert [f.found for f in flags] == ["Маша", "Олег", "12 марта"]
    assert apply(text, flags, [1]) == "Маша  и\tmy father\nзвонили 12 марта."
    assert apply(text, flags, []) == text
    assert apply(text, flags) == "My brother or sister  и\tmy father\nзвонили one day."


def test_apply_ignores_stale_flags():
    flags = find_names("Маша пришла", NAMES, "en")
    assert apply("Оля пришла", flags) == "Оля пришла"


def test_every_contact_in_a_vault_is_flagged(vault):
    people = ["Маша", "Олег Смирнов", "Наталья", "Ия", "Соловьёва", "Архип", "Дарья", "Tom"]
    for index, name in enumerate(people):
        add_person(vault, name, relationship=list(Relationship)[index % len(Relationship)])
    archived = add_person(vault, "Фёкла", relationship=Relationship.NEIGHBOUR)
    vault.repos.contacts.set_archived(archived.id, True)
    forms = ["Маши", "Смирнову", "Натальей", "Ию", "Соловьевой", "Архипом", "Дарье", "Tom's", "Фёклу"]
    text = " … ".join(f"с {form} говорили" for form in forms)
    flags = find_names(text, names_in_vault(vault, "en"), "en")
    assert [f.found for f in flags] == [form.removesuffix("'s") for form in forms]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Маши", "Олегом", "Натальей", "Ивановой", "Ию", "Льва", "Anna's",
                                 "в Саратовской области", "сказала", "и", "машина", "Ольга", "рост",
                                 "олово", ",", ".", "\n", "—"]), max_size=30))
def test_after_applying_every_flag_no_name_is_left(words):
    text = " ".join(words)
    flags = find_names(text, NAMES, "en")
    cleaned = apply(text, flags)
    assert [f for f in find_names(cleaned, NAMES, "en") if f.kind in ("name", "region")] == []
    assert apply(text, flags, []) == text
    for flag in flags:
        assert text[flag.start:flag.end] == flag.found


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.lists(st.text(min_size=1, max_size=20), max_size=5))
def test_any_text_and_any_names_never_crash(text, raw_names):
    names = [NameToFlag(n, "[x]") for n in raw_names]
    flags = find_names(text, names, "ru")
    assert all(0 <= f.start < f.end <= len(text) for f in flags)
    assert all(a.end <= b.start for a, b in itertools.pairwise(flags))
    apply(text, flags)
