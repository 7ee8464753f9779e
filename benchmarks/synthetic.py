"""Build large synthetic vaults for benchmarks (never committed): `python benchmarks/synthetic.py`.

    python benchmarks/synthetic.py PATH [--contacts N] [--conversations N] [--bulk] [--level 0]

`--bulk` writes the same records through the schema in batched INSERTs (the repositories' own
`_values` and tag statements, one transaction), then rebuilds the search index once: a
100k-conversation vault in a minute or two instead of ~20 minutes record by record.

Text follows a Zipf distribution over real Russian journal words plus a long tail of rare
pseudo-words, so the full-text index has realistic term frequencies.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from commsdesk.domain import (
    AgeGroup,
    Channel,
    Contact,
    Conversation,
    Ending,
    Observation,
    Relationship,
    Temperature,
)
from commsdesk.storage import Vault

COMMON = """
мама папа сын дочь брат сестра бабушка дедушка тётя дядя внук внучка свекровь тёща сосед друг
коллега война войне войны армия армии армию солдат солдаты мобилизация повестка повестку военкомат
телевизор телевизору новости новостях Соловьёв Соловьёва Первый канал пропаганда санкции санкций
цены цены пенсия пенсию лекарства дача даче огород урожай погода здоровье врач больница работа
работе завод школа учитель учительница зарплата кредит ипотека отпуск море Турция Грузия Армения
Казахстан Сербия Израиль Германия уехал уехала уехали вернуться граница Украина Донбасс НАТО Запад
Америка Европа русские украинцы родственники Харьков Киев Мариуполь Буча обстрел обстрелы беженцы
говорили говорила говорил сказала сказал спросила спросил ответила ответил молчала молчал плакала
злился злилась обиделась обиделся согласилась согласился задумалась задумался понимаю не знаю
правда ложь фейк фейки верит верю доверяет сомневается сомнение вопрос вопросы история истории
спокойно тихо тепло холодно напряжённо долго коротко звонок звонила звонил позвонить видео WhatsApp
Телеграм созвонились переписка сообщение письмо фото внуки праздник день рождения Новый год Пасха
""".split()
FILLER = "и в не на что с я он она мы они по к у о за из так же но да как это было был".split()


def vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    syllables = ["ка", "ро", "ми", "ле", "ту", "на", "го", "зе", "ва", "ши", "бо", "де", "лу", "ти"]
    tail = {"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(6000)}
    words = FILLER + COMMON + sorted(tail)
    weights = [1.0 / (rank + 1) ** 1.05 for rank in range(len(words))]
    return words, weights


def sentence(rng: random.Random, words: list[str], weights: list[float]) -> str:
    return " ".join(rng.choices(words, weights, k=rng.randint(40, 120))).capitalize() + "."


def build(path: Path, passphrase: str, contacts: int, conversations: int, level: int,
          seed: int = 2022) -> float:
    rng = random.Random(seed)
    words, weights = vocabulary(rng)
    started = time.perf_counter()
    vault = Vault.create(path, passphrase, level=level, allow_testing_level=level == 0)
    start_day = date(2024, 1, 1)
    dims = [d.id for d in vault.repos.dimensions.list()]
    relationships, channels = list(Relationship), list(Channel)
    with vault.transaction():
        ids = []
        for i in range(contacts):
            person = vault.repos.contacts.add(Contact(
                f"{rng.choice(COMMON).capitalize()} {i}", rng.choice(relationships),
                region=rng.choice(["", "Поволжье", "Сибирь", "Урал", "Юг"]),
                age_group=rng.choice(list(AgeGroup)), channels=rng.sample(channels, 2),
                values_interests=" ".join(rng.choices(words, weights, k=8)),
                tags=rng.sample(["семья", "ТВ", "дача", "работа", "армия"], 2),
                archived=rng.random() < 0.05))
            ids.append(person.id)
        for i in range(conversations):
            when = datetime.combine(start_day + timedelta(days=rng.randint(0, 900)),
                                    datetime.min.time()).replace(hour=rng.randint(8, 22))
            talk = vault.repos.conversations.add(Conversation(
                rng.choice(ids), when, rng.choice(channels), rng.randint(5, 90),
                topics=rng.sample(COMMON, 2), notes=sentence(rng, words, weights),
                temperature=rng.choice(list(Temperature)), ending=rng.choice(list(Ending)),
                self_rating=rng.randint(1, 5),
                follow_up_on=when.date() + timedelta(days=14) if rng.random() < 0.1 else None))
            if i % 2 == 0:
                vault.repos.observations.add(Observation(
                    talk.contact_id, rng.choice(dims), when.date(), rng.randint(0, 10),
                    " ".join(rng.choices(words, weights, k=10)), talk.id))
    vault.close()
    return time.perf_counter() - started


def build_bulk(path: Path, passphrase: str, contacts: int, conversations: int, level: int,
               seed: int = 2022, batch_size: int = 5000) -> float:
    """The records of `build` (same distributions), written in batches, then one index rebuild."""
    from commsdesk.storage.contacts import _COLUMNS as CONTACT_COLUMNS
    from commsdesk.storage.contacts import Contacts
    from commsdesk.storage.conversations import _COLUMNS as CONVERSATION_COLUMNS
    from commsdesk.storage.conversations import Conversations
    from commsdesk.storage.observations import _COLUMNS as OBSERVATION_COLUMNS
    from commsdesk.storage.observations import Observations
    from commsdesk.storage.rows import new_uid

    rng = random.Random(seed)
    words, weights = vocabulary(rng)
    started = time.perf_counter()
    vault = Vault.create(path, passphrase, level=level, allow_testing_level=level == 0)
    start_day = date(2024, 1, 1)
    created = datetime(2024, 1, 1, tzinfo=UTC)
    tick = timedelta(seconds=37)
    dims = [d.id for d in vault.repos.dimensions.list()]
    relationships, channels = list(Relationship), list(Channel)
    ages, temperatures, endings = list(AgeGroup), list(Temperature), list(Ending)

    def marks(n: int) -> str:
        return ",".join("?" * n)

    def insert(conn, table: str, columns: str, rows: list[tuple]) -> None:
        if rows:
            conn.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks(len(rows[0]))})", rows)

    with vault.reading() as conn:
        # A fresh vault of made-up text: freed pages need no zeroing while it is built, and a large
        # page cache keeps the full-text index's merges off the disk (the app's settings return
        # with the next open).
        conn.execute("PRAGMA secure_delete = OFF")
        conn.execute("PRAGMA cache_size = -400000")
    try:
        with vault.transaction() as conn:
            first = (conn.execute("SELECT coalesce(max(id), 0) FROM contacts").fetchone()[0] or 0) + 1
            people: list[tuple] = []
            tags: list[tuple[int, list[str]]] = []
            for i in range(contacts):
                stamp = created + i * tick
                person = Contact(
                    f"{rng.choice(COMMON).capitalize()} {i}", rng.choice(relationships),
                    region=rng.choice(["", "Поволжье", "Сибирь", "Урал", "Юг"]),
                    age_group=rng.choice(ages), channels=rng.sample(channels, 2),
                    values_interests=" ".join(rng.choices(words, weights, k=8)),
                    tags=rng.sample(["семья", "ТВ", "дача", "работа", "армия"], 2),
                    archived=rng.random() < 0.05, uid=new_uid(), created_at=stamp, updated_at=stamp)
                people.append((first + i, *Contacts._values(person)))
                tags.append((first + i, person.tags))
                if len(people) >= batch_size or i == contacts - 1:
                    insert(conn, "contacts", CONTACT_COLUMNS, people)
                    for contact_id, names in tags:
                        Contacts._set_tags(conn, contact_id, names)
                    people, tags = [], []
            ids = range(first, first + contacts)
            talk_id = (conn.execute("SELECT coalesce(max(id), 0) FROM conversations").fetchone()[0] or 0)
            talks: list[tuple] = []
            observations: list[tuple] = []
            for i in range(conversations):
                when = datetime.combine(start_day + timedelta(days=rng.randint(0, 900)),
                                        datetime.min.time()).replace(hour=rng.randint(8, 22))
                stamp = created + (contacts + i) * tick
                talk_id += 1
                talk = Conversation(
                    rng.choice(ids), when, rng.choice(channels), rng.randint(5, 90),
                    topics=rng.sample(COMMON, 2), notes=sentence(rng, words, weights),
                    temperature=rng.choice(temperatures), ending=rng.choice(endings),
                    self_rating=rng.randint(1, 5),
                    follow_up_on=when.date() + timedelta(days=14) if rng.random() < 0.1 else None,
                    uid=new_uid(), created_at=stamp, updated_at=stamp)
                talks.append((talk_id, *Conversations._values(talk)))
                if i % 2 == 0:
                    observations.append((None, *Observations._values(Observation(
                        talk.contact_id, rng.choice(dims), when.date(), rng.randint(0, 10),
                        " ".join(rng.choices(words, weights, k=10)), talk_id, uid=new_uid(),
                        created_at=stamp, updated_at=stamp))))
                if len(talks) >= batch_size or i == conversations - 1:
                    insert(conn, "conversations", CONVERSATION_COLUMNS, talks)
                    insert(conn, "observations", OBSERVATION_COLUMNS, observations)
                    talks, observations = [], []
        vault.repos.search.rebuild()
    finally:
        vault.close()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path)
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--level", type=int, default=1, help="KDF level id (1 = production)")
    parser.add_argument("--passphrase", default="benchmark passphrase")
    parser.add_argument("--bulk", action="store_true",
                        help="batched INSERTs in one transaction, then one search-index rebuild")
    args = parser.parse_args()
    builder = build_bulk if args.bulk else build
    seconds = builder(args.path, args.passphrase, args.contacts, args.conversations, args.level)
    print(f"built {args.path} in {seconds:.1f} s ({args.path.stat().st_size / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
