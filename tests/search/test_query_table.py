"""A table of what users type and what they must find, over one journal in both languages.

Each row: the query, and exactly the notes it must find (nothing more: precision matters as much
as recall). Add a row for every case found by hand; keep the notes short and about one thing.
"""

from __future__ import annotations

import pytest

from commsdesk.storage import Vault
from helpers import PASSPHRASE, TEST_LEVEL, add_person, add_talk

NOTES = {
    # family words, inflected
    "mother": "Мать опять смотрела телевизор весь вечер.",
    "mother_dat": "Позвонил матери, она плакала.",
    "church": "В воскресенье она ходила в церковь.",
    "church_gen": "Батюшка из церкви говорит про войну.",
    "daughter": "Дочь уехала в Грузию.",
    "daughter_gen": "Купил подарок для Дочери на день рождения.",
    "child": "Ребёнок соседей болеет.",
    "child_gen": "Про ребенка соседки ничего не знаю.",
    "father_ins": "Поговорил с отцом про пенсию.",
    "father": "Отец молчит.",
    "children": "Дети всё лето у бабушки.",
    "people": "Много людей уехало.",
    "walked": "Шла пешком до станции.",
    # fleeting vowels
    "wallet": "Дядя Витя пришёл без кошелька.",
    "dog": "Пса пришлось отдать соседям.",
    "dream": "Во сне видела старый дом.",
    "ice": "На реке ещё лёд.",
    # names, ё, places
    "solovyov": "Мама опять смотрела Соловьёва.",
    "nightingale": "Соловей пел под окном всю ночь.",
    "fyodor": "Фёдор Петрович звонил из Воронежа.",
    "navalny": "Говорили про Навального.",
    "alyona": "Алёна прислала фото.",
    "yulia": "Встретила Юлию на рынке.",
    "dmitry": "Дмитрий опять про Донбасс.",
    # English
    "mobilization": "The mobilization notice came for his son.",
    "colour": "We talked about the colour of the flag and the neighbourhood.",
    "solovyov_en": "He watched Solovyov on TV again.",
    "organised": "She organised a call with her cousin in Yekaterinburg.",
    "defence": "The defence ministry lies, he said.",
    "running": "Running club, then a long talk about the war.",
    "centre": "Prices at the centre of town went up.",
    "travelled": "They travelled to Tbilisi by bus.",
    # brands and services
    "youtube": "Скинул ей ссылку на YouTube.",
    "telega": "Переписываемся в телеге каждое утро.",
    "whatsapp": "Звонили по WhatsApp, связь плохая.",
    "vk": "Нашла его страницу во ВКонтакте.",
    "telegram_en": "Videos from Telegram channels.",
    "vatsap": "Скачал ей ватсап на новый телефон.",
    # operators
    "sanctions_prices": "Про санкции: цены выросли, но он терпит.",
    "prices": "Цены на лекарства растут.",
    "sanctions": "Санкции не работают, говорит он.",
    "brother_summons": "Брат получил повестку.",
    "brother": "Брат рад, что съездил на море.",
    "summons": "Повестку принесли соседу.",
    # ambiguity
    "became": "Стали говорить спокойнее.",
    "steel": "Нож из хорошей стали.",
}

TABLE: list[tuple[str, set[str]]] = [
    # family words: any form finds every form
    ("матери", {"mother", "mother_dat"}),
    ("мать", {"mother", "mother_dat"}),
    ("Мать", {"mother", "mother_dat"}),
    ("матерью", {"mother", "mother_dat"}),
    ("церкви", {"church", "church_gen"}),
    ("церковь", {"church", "church_gen"}),
    ("церквям", {"church", "church_gen"}),
    ("дочь", {"daughter", "daughter_gen"}),
    ("дочерью", {"daughter", "daughter_gen"}),
    ("ребенка", {"child", "child_gen", "children"}),  # дети is the plural of ребёнок
    ("ребёнок", {"child", "child_gen", "children"}),
    ("отец", {"father", "father_ins"}),
    ("отца", {"father", "father_ins"}),
    ("отцом", {"father", "father_ins"}),
    ("детей", {"child", "child_gen", "children"}),
    ("люди", {"people"}),
    ("шёл", {"walked"}),
    ("идти", {"walked"}),
    ("соседка", {"child_gen"}),
    # fleeting vowels
    ("кошелёк", {"wallet"}),
    ("кошелек", {"wallet"}),
    ("пёс", {"dog"}),
    ("сон", {"dream"}),
    ("льда", {"ice"}),
    ("день", {"daughter_gen"}),
    # names with ё, and what they must not find
    ("Соловьёв", {"solovyov", "solovyov_en"}),
    ("Соловьев", {"solovyov", "solovyov_en"}),
    ("соловьёвым", {"solovyov"}),
    ("Соловей", {"nightingale"}),
    ("соловья", {"nightingale"}),
    ("Фёдор", {"fyodor"}),
    ("Федора", {"fyodor"}),
    ("Воронеж", {"fyodor"}),
    ("Навальный", {"navalny"}),
    ("Алена", {"alyona"}),
    ("Юлия", {"yulia"}),
    # names across scripts, several schemes
    ("Solovyov", {"solovyov", "solovyov_en"}),
    ("Soloviev", {"solovyov", "solovyov_en"}),
    ("Solovjov", {"solovyov", "solovyov_en"}),
    ("solovyev", {"solovyov", "solovyov_en"}),
    ("Fyodor", {"fyodor"}),
    ("Fedor", {"fyodor"}),
    ("Voronezh", {"fyodor"}),
    ("Navalny", {"navalny"}),
    ("Navalnyy", {"navalny"}),
    ("Alyona", {"alyona"}),
    ("Yulia", {"yulia"}),
    ("Iuliia", {"yulia"}),
    ("Julija", {"yulia"}),
    ("Dmitry", {"dmitry"}),
    ("Dmitriy", {"dmitry"}),
    ("Екатеринбург", {"organised"}),
    # English spellings and stems
    ("mobilisation", {"mobilization"}),
    ("mobilization", {"mobilization"}),
    ("mobilized", {"mobilization"}),
    ("color", {"colour"}),
    ("colours", {"colour"}),
    ("neighborhood", {"colour"}),
    ("organize", {"organised"}),
    ("organizing", {"organised"}),
    ("defense", {"defence"}),
    ("center", {"centre"}),
    ("traveled", {"travelled"}),
    ("run", {"running"}),
    ("talks", {"colour", "running"}),
    # brands and services in everyday spellings
    ("ютуб", {"youtube"}),
    ("ютубе", {"youtube"}),
    ("youtube", {"youtube"}),
    ("телеграм", {"telega", "telegram_en"}),
    ("Telegram", {"telega", "telegram_en"}),
    ("ватсап", {"whatsapp", "vatsap"}),
    ("WhatsApp", {"whatsapp", "vatsap"}),
    ("вк", {"vk"}),
    ("VK", {"vk"}),
    # operators
    ("санкции AND цены", {"sanctions_prices"}),
    ("санкции И цены", {"sanctions_prices"}),
    ("санкции цены", {"sanctions_prices"}),
    ("санкции OR цены", {"sanctions_prices", "prices", "sanctions"}),
    ("санкции ИЛИ цены", {"sanctions_prices", "prices", "sanctions"}),
    ("санкции или цены", {"sanctions_prices", "prices", "sanctions"}),
    ("санкции NOT цены", {"sanctions"}),
    ("брат НЕ повестка", {"brother"}),
    ("брат -повестка", {"brother"}),
    ("брат −повестку", {"brother"}),
    ("повестка NOT брат", {"summons"}),
    ('"получил повестку"', {"brother_summons"}),
    ('"с отцом"', {"father_ins"}),
    ('«с отцом»', {"father_ins"}),
    ('"отцом с"', set()),
    ('"из церкви"', {"church_gen"}),
    ('"из церковь"', {"church_gen"}),
    ('"хорошей стали"', {"steel"}),
    ('"нож из стали"', set()),
    ("повест*", {"brother_summons", "summons"}),
    ("Солов*", {"solovyov", "nightingale"}),
    ("церк*", {"church", "church_gen"}),
    ("церк", set()),
    # ambiguity keeps recall: стали is both стать and сталь
    ("стали", {"became", "steel"}),
    # stop words and operators alone find nothing
    ("AND OR NOT", set()),
    ("И ИЛИ НЕ", set()),
    ("and or not", set()),
    ("и в на", set()),
    ("the of", set()),
    ("NOT мама", set()),
    ("-мама", set()),
    # nonsense finds nothing
    ("шмырдяк", set()),
    ("кагото", set()),
    ("ываыва", set()),
    ("zxqwv", set()),
    # hostile syntax finds nothing and never fails
    ('"', set()),
    ("*", set()),
    ("-", set()),
    ("NEAR(a b)", set()),
    ("stems:мать", set()),
    ("{stems words}: мать", set()),
    ("'; DROP TABLE conversations; --", set()),
    ("((мать))", {"mother", "mother_dat"}),
    ("мать AND", {"mother", "mother_dat"}),
    ("OR мать", {"mother", "mother_dat"}),
]


@pytest.fixture(scope="module")
def journal(tmp_path_factory):
    vault = Vault.create(tmp_path_factory.mktemp("table") / "v.commsdesk", PASSPHRASE,
                         level=TEST_LEVEL, allow_testing_level=True)
    person = add_person(vault, "Тётя Зина")
    ids = {add_talk(vault, person.id, text).id: key for key, text in NOTES.items()}
    yield vault, ids
    vault.close()


def test_the_table_is_large_enough():
    assert len(NOTES) >= 40 and len(TABLE) >= 80
    assert len({q for q, _ in TABLE}) == len(TABLE)
    assert all(expected <= NOTES.keys() for _, expected in TABLE)


@pytest.mark.parametrize(("query", "expected"), TABLE, ids=[q for q, _ in TABLE])
def test_query_finds_exactly(journal, query, expected):
    vault, ids = journal
    found = {ids[h.ref] for h in vault.repos.search.run(query) if h.kind == "conversation"}
    assert found == expected
