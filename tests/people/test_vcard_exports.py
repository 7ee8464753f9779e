"""Real-shaped phone exports (tests/people/data/vcard/, invented people) read to the exact value."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from commsdesk import i18n
from commsdesk.people.vcard import (
    MAX_NAME_CHARS,
    NoReadableContacts,
    PhoneContact,
    SkippedCard,
    SkipReason,
    VCardFileUnreadable,
    VCardTooLarge,
    parse_vcards,
    read_phone_export,
    read_phone_export_file,
    selected_fields,
)
from commsdesk.storage.errors import VaultError

DATA = Path(__file__).parent / "data" / "vcard"


def export(name: str):
    return read_phone_export((DATA / name).read_bytes())


def test_android_21_quoted_printable_utf8():
    result = export("android_21_utf8_qp.vcf")
    assert result.contacts == (
        PhoneContact(0, "Мария Петровна Иванова", ("+7 916 123-45-67", "+7 495 765-43-21"),
                     ("maria.ivanova@example.ru",), ("ул. Ленина, д. 5, кв. 12, Москва, 101000, Россия",)),
        # FN and N wrap over several lines with soft line breaks.
        PhoneContact(1, "Александра Вячеславовна Константинопольская-Рождественская", ("+79031112233",)),
        # The soft break falls on the value's last byte and a blank line follows, as Android writes it.
        PhoneContact(2, "Анна Ветрова", ("8 (921) 555-01-02", "+7 812 555-01-03")),
        PhoneContact(3, "John Smith", ("+44 20 7946 0958", "+44 7700 900123"), ("john.smith@example.co.uk",),
                     ("221B Baker Street, London, NW1 6XE, United Kingdom",)),
        PhoneContact(5, "Такси «Вездеход»", ("+7 495 100-20-30",)),  # ORG only: the name
    )
    # A card with a number and an empty N: the number is never used as a name.
    assert result.skipped == (SkippedCard(4, SkipReason.NO_NAME),)
    assert result.cards == 6


def test_android_long_name_is_wrapped_in_the_file():
    raw = (DATA / "android_21_utf8_qp.vcf").read_bytes().decode("ascii")
    fn = next(line for line in raw.split("\r\n") if line.startswith("FN;") and "=D0=90=D0=BB" in line)
    assert fn.endswith("=") and len(fn.encode()) > 75


def test_android_windows_1251_quoted_printable_and_raw_bytes():
    result = export("android_21_cp1251.vcf")
    assert result.contacts == (
        PhoneContact(0, "Алексей Смирнов", ("+7 926 200-30-40",), (),
                     ("пр. Мира, 15, Самара, 443000, Россия",)),
        PhoneContact(1, "Ольга Игоревна Кузьмина", ("+7 903 765-00-11", "+7 846 222-33-44")),
    )
    assert result.skipped == ()


def test_samsung_custom_labels_do_not_cost_the_number():
    # TEL;X-CUSTOM(CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,=D0=94…):… and TEL;X-Рабочий:… are
    # lines vobject refuses; the odd parameter is dropped, the number kept.
    assert export("samsung_21_custom_labels.vcf").contacts == (
        PhoneContact(0, "Игорь Григорьев", ("+7 917 555-66-77", "+7 843 555-66-78", "+7 843 555-66-79"),
                     ("igor.grigoriev@example.ru",), ("СНТ «Рассвет», уч. 12, Казань, 420000, Россия",)),
    )


def test_iphone_30_with_item_groups_labels_and_a_large_photo():
    raw = (DATA / "iphone_30.vcf").read_bytes()
    assert raw.count(b"\r\n ") > 800  # the photo is folded over many lines
    result = read_phone_export(raw)
    assert result.contacts == (
        PhoneContact(0, "Дмитрий Сергеевич Кузнецов",
                     ("+7 (926) 111-22-33", "+7 (495) 111-22-34", "+7 926 111 22 35"),
                     ("d.kuznetsov@example.ru",), ("Тверская ул., 7, кв. 40, Москва, 125009, Россия",)),
        PhoneContact(1, "Dr. Emily Rose O'Brien, PhD", ("+1 (555) 010-2030", "+1 555 010 2040"),
                     ("emily.obrien@example.com",),
                     ("Suite 400, 1600 Example Avenue, Springfield, IL, 62701, United States",)),
        PhoneContact(2, "Екатерина-Елизавета Александровна Оболенская-Нелединская-Мелецкая",
                     ("+7 911 000-11-22",)),
    )


def test_vcard_40_uris_and_a_group_card():
    result = export("vcard_40.vcf")
    assert result.contacts == (
        PhoneContact(0, "Павел Андреевич Волков", ("+7-912-345-67-89", "+7-343-210-00-00"),
                     ("p.volkov@example.org",), ("ул. Садовая, 3, Екатеринбург, 620000, Россия",)),
        PhoneContact(1, "Sarah Connor", ("+1-555-555-0199",), ("sarah.connor@example.net",),
                     ("309 Pico Boulevard, Los Angeles, CA, 90015, USA",)),
    )
    assert result.skipped == (SkippedCard(2, SkipReason.GROUP),)


def test_google_contacts_30_with_escaped_commas_and_folded_names():
    result = export("google_30.vcf")
    assert result.contacts == (
        PhoneContact(0, "Ольга Смирнова", ("+7 903 555-12-34",),
                     ("olga.smirnova@example.com", "o.smirnova@example.org"),
                     ("ул. Пушкина, д. 10, кв. 3, Санкт-Петербург, 190000, Россия",)),
        PhoneContact(1, "Мария-Антуанетта Владиславовна Шереметьева-Голенищева-Кутузова",
                     ("+7 (916) 765-43-21", "+7 (495) 765-43-22")),
        PhoneContact(2, "Tom Baker", ("+44 7700 900456",)),
    )


@pytest.mark.parametrize("name", ["lf_endings.vcf", "crlf_endings.vcf", "utf8_bom.vcf"])
def test_line_endings_and_bom_read_the_same(name):
    raw = (DATA / name).read_bytes()
    assert (b"\r\n" in raw) == (name != "lf_endings.vcf")
    assert raw.startswith(b"\xef\xbb\xbf") == (name == "utf8_bom.vcf")
    assert export(name).contacts == (
        PhoneContact(0, "Наталья Орлова", ("+7 905 111-22-33",)),
        PhoneContact(1, "Peter Parker", ("+1 212 555 0147",), ("peter.parker@example.com",)),
    )


def test_fold_inside_a_two_byte_letter():
    assert export("fold_inside_letter.vcf").contacts == (
        PhoneContact(0, "Святослав Всеволодович Преображенский-Ордынский", ("+7 913 000-99-88",)),)


def test_every_fixture_reads_fast_and_only_to_plain_lines():
    for path in sorted(DATA.glob("*.vcf")):
        for contact in read_phone_export(path.read_bytes()).contacts:
            for text in (contact.name, *contact.phones, *contact.emails, *contact.addresses):
                assert text == text.strip() and "\n" not in text and "  " not in text, path.name
            assert 0 < len(contact.name) <= MAX_NAME_CHARS


def test_same_file_in_utf16_with_bom_reads_the_same():
    text = (DATA / "google_30.vcf").read_text("utf-8")
    assert read_phone_export(text.encode("utf-16")).contacts == export("google_30.vcf").contacts


def test_concatenated_exports_keep_counting_cards():
    raw = (DATA / "utf8_bom.vcf").read_bytes() * 2
    result = read_phone_export(raw)
    assert [c.index for c in result.contacts] == [0, 1, 2, 3]
    assert result.contacts[2].name == "Наталья Орлова"


def test_parse_vcards_is_the_list_of_contacts():
    assert parse_vcards((DATA / "vcard_40.vcf").read_bytes()) == list(export("vcard_40.vcf").contacts)


def test_contacts_are_frozen():
    contact = export("lf_endings.vcf").contacts[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        contact.name = "x"  # type: ignore[misc]


# -- what the user picks --------------------------------------------------------------------

def test_only_the_name_by_default():
    contact = export("android_21_utf8_qp.vcf").contacts[0]
    assert selected_fields(contact) == {"name": "Мария Петровна Иванова"}


def test_phones_and_addresses_only_when_ticked():
    contact = export("android_21_utf8_qp.vcf").contacts[0]
    assert selected_fields(contact, include_phones=True) == {
        "name": "Мария Петровна Иванова", "phones": ("+7 916 123-45-67", "+7 495 765-43-21")}
    assert selected_fields(contact, include_addresses=True) == {
        "name": "Мария Петровна Иванова", "addresses": ("ул. Ленина, д. 5, кв. 12, Москва, 101000, Россия",)}
    assert set(selected_fields(contact, include_phones=True, include_addresses=True,
                               include_emails=True)) == {"name", "phones", "addresses", "emails"}


def test_a_ticked_field_the_card_lacks_contributes_nothing():
    contact = export("android_21_utf8_qp.vcf").contacts[1]
    assert selected_fields(contact, include_phones=True, include_addresses=True) == {
        "name": "Александра Вячеславовна Константинопольская-Рождественская", "phones": ("+79031112233",)}


# -- the screen's messages ------------------------------------------------------------------

def test_skipped_summary_names_each_reason():
    assert export("vcard_40.vcf").skipped_summary() == "Cards not imported — groups (not people): 1."
    assert export("google_30.vcf").skipped_summary() == ""


def test_no_readable_contacts_says_why():
    card = b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:;;;;\r\nTEL;CELL:+7 999 000-00-00\r\nEND:VCARD\r\n"
    with pytest.raises(NoReadableContacts) as caught:
        read_phone_export(card * 2 + b"BEGIN:VCARD\r\nFN:Cut short")
    assert caught.value.params == {"no_name": 2, "unreadable": 1, "groups": 0}
    assert "without a name: 2, damaged: 1" in str(caught.value)


def test_errors_are_vault_errors_with_russian_messages():
    i18n.set_language("ru")
    try:
        with pytest.raises(VaultError) as caught:
            read_phone_export(b"hello")
        message = str(caught.value)
        summary = export("vcard_40.vcf").skipped_summary()
    finally:
        i18n.set_language("en")
    assert message == "Это не файл контактов с телефона (vCard, .vcf), или он пуст. Ничего не импортировано."
    assert summary == "Не импортированы карточки — группы (не люди): 1."


# -- reading from a file --------------------------------------------------------------------

def test_read_from_a_file(tmp_path):
    assert read_phone_export_file(DATA / "google_30.vcf") == export("google_30.vcf")


def test_a_folder_or_a_missing_file_is_a_clear_error(tmp_path):
    for path in (tmp_path, tmp_path / "missing.vcf"):
        with pytest.raises(VCardFileUnreadable):
            read_phone_export_file(path)


def test_a_huge_file_is_not_read_whole(tmp_path):
    path = tmp_path / "huge.vcf"
    with open(path, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: 200 MiB of NULs on no disk
    with pytest.raises(VCardTooLarge):
        read_phone_export_file(path)
