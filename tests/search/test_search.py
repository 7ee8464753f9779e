"""Acceptance 6: Russian inflections, ё/е, case, phrases, prefixes and hostile query strings."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commsdesk.search.analyzer import analyse
from commsdesk.search.query import parse
from helpers import add_person, add_talk


@pytest.fixture
def journal(vault):
    mother = add_person(vault, "Мама", values_interests="дача, внуки, огород")
    uncle = add_person(vault, "Дядя Витя", region="Поволжье")
    notes = {
        "mother_tv": add_talk(vault, mother.id, "Мама опять смотрела Соловьёва и пересказывала."),
        "mother_talk": add_talk(vault, mother.id, "Поговорили с мамой о войне, спокойно."),
        "uncle_war": add_talk(vault, uncle.id, "Витя сказал, что ничего не знает о войны начале."),
        "uncle_sanctions": add_talk(vault, uncle.id, "Про санкции: цены выросли, но он терпит."),
        "english": add_talk(vault, uncle.id, "Talked about the war and his running club."),
    }
    return vault, {k: v.id for k, v in notes.items()}, mother, uncle


def found(vault, text, kind="conversation"):
    return {h.ref for h in vault.repos.search.run(text) if h.kind == kind}


def test_russian_inflections(journal):
    vault, ids, mother, _ = journal
    assert found(vault, "мамой") >= {ids["mother_tv"], ids["mother_talk"]}
    assert found(vault, "мама") == found(vault, "мамой")
    assert found(vault, "войне") == {ids["mother_talk"], ids["uncle_war"]}
    assert found(vault, "войны") == found(vault, "войне")
    assert mother.id in found(vault, "маме", kind="contact")


def test_yo_and_ye_fold_both_ways(journal):
    vault, ids, _, _ = journal
    assert found(vault, "Соловьев") == {ids["mother_tv"]}
    assert found(vault, "Соловьёв") == {ids["mother_tv"]}
    assert found(vault, "соловьёвым") == {ids["mother_tv"]}


def test_case_does_not_matter(journal):
    vault, ids, _, _ = journal
    assert found(vault, "САНКЦИИ") == found(vault, "санкции") == {ids["uncle_sanctions"]}


def test_english_stemming(journal):
    vault, ids, _, _ = journal
    assert found(vault, "talks") == {ids["english"]}
    assert found(vault, "run") == {ids["english"]}


def test_phrases_keep_word_order(journal):
    vault, ids, _, _ = journal
    # A phrase matches across inflections, but only with the words in that order.
    assert found(vault, '"о войне"') == {ids["mother_talk"], ids["uncle_war"]}
    assert found(vault, '"войны начале"') == {ids["uncle_war"]}
    assert found(vault, '«поговорили с мамой»') == {ids["mother_talk"]}
    assert found(vault, '"мамой поговорили"') == set()
    assert found(vault, '"войне о"') == set()


def test_prefixes(journal):
    vault, ids, _, _ = journal
    assert found(vault, "Солов*") == {ids["mother_tv"]}
    assert found(vault, "санк*") == {ids["uncle_sanctions"]}
    assert found(vault, "санк") == set()  # without the star, a whole word is meant


def test_and_or_not(journal):
    vault, ids, _, _ = journal
    assert found(vault, "мама война") == {ids["mother_talk"]}
    assert found(vault, "санкции OR Соловьёв") == {ids["uncle_sanctions"], ids["mother_tv"]}
    assert found(vault, "санкции ИЛИ Соловьёв") == {ids["uncle_sanctions"], ids["mother_tv"]}
    assert found(vault, "войне -мама") == {ids["uncle_war"]}


def test_results_carry_highlights_and_snippets(journal):
    vault, ids, _, _ = journal
    hit = next(h for h in vault.repos.search.run("войны") if h.ref == ids["mother_talk"])
    marked = [hit.snippet[a:b] for a, b in hit.spans]
    assert marked == ["войне"]
    assert hit.title == "Мама"


def test_contact_fields_are_searchable(journal):
    vault, _, mother, uncle = journal
    assert found(vault, "внуков", kind="contact") == {mother.id}
    assert found(vault, "Поволжье", kind="contact") == {uncle.id}


HOSTILE = [
    '"', '""', '"""', "'", "*", "**", "-", "--", "AND", "OR", "NOT", "AND OR NOT", "NEAR(a b)",
    "мама AND", "OR мама", "NOT мама", "^мама", "мама:", "stems:войн", "{stems words}: мама",
    "'; DROP TABLE conversations; --", "1=1 OR 1", "%", "_", "\\", "(((", ")))", "мама)",
    "\x00", "   ", "", "😀", "a" * 10_000, "мама " * 500, '"мама', "мама\"", "-мама", "- -",
    "\u202e", "<script>", "SELECT * FROM contacts",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_strings_never_raise(journal, text):
    vault, _, _, _ = journal
    hits = vault.repos.search.run(text)
    assert isinstance(hits, list)
    assert vault.repos.conversations.count() == 5  # and nothing was harmed


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_parses_to_a_safe_expression(text):
    expression = parse(text).fts()
    assert expression is None or isinstance(expression, str)


def test_fuzzed_queries_against_the_index(journal):
    vault, _, _, _ = journal

    @settings(max_examples=200, deadline=None)
    @given(st.text(alphabet=st.sampled_from(list('мамаwar"*()-:^{}ORNTAD ёе\'')), max_size=40))
    def run(text):
        assert isinstance(vault.repos.search.run(text), list)

    run()


def test_kinds_beyond_the_first_eight_encode_and_filter_apart(vault):
    from commsdesk.domain import PrepSheet
    from commsdesk.storage.search_index import EXTENDED, decode, rowid
    from helpers import add_person, add_talk

    assert decode(rowid("prep_sheet", 7)) == ("prep_sheet", 7) and decode(rowid("plan", 7)) == ("plan", 7)
    assert rowid("prep_sheet", 1) < -EXTENDED < rowid("conversation", 10**9)
    person = add_person(vault)
    add_talk(vault, person.id, "про рассаду и цены")
    vault.repos.prep_sheets.add(PrepSheet(person.id, goal="спросить про рассаду"))
    assert sorted(h.kind for h in vault.repos.search.run("рассада")) == ["conversation", "prep_sheet"]
    assert [h.kind for h in vault.repos.search.run("рассада", kinds=("prep_sheet",))] == ["prep_sheet"]
    assert [h.kind for h in vault.repos.search.run("рассада", kinds=("conversation",))] == ["conversation"]
    both = vault.repos.search.run("рассада", kinds=("conversation", "prep_sheet"))
    assert len(both) == 2


def test_searching_from_a_worker_thread_never_waits_on_itself(vault):
    """The app searches on a worker, through the reader connection; a hit's repository may read
    through another repository (a prep sheet's person) without deadlocking."""
    import threading

    from commsdesk.domain import PrepSheet
    from helpers import add_person

    person = add_person(vault)
    vault.repos.prep_sheets.add(PrepSheet(person.id, goal="спросить про телевизор"))
    found = []
    worker = threading.Thread(target=lambda: found.extend(vault.repos.search.run("телевизор")))
    worker.start()
    worker.join(10)
    assert not worker.is_alive() and [h.kind for h in found] == ["prep_sheet"]


WORDS = ["мама", "мамой", "Мама", "маме", "война", "войне", "войной", "Соловьёв", "Соловьева",
         "соловей", "war", "wars", "цены", "цен", "x", "ёж", "мам", "мамаша"]


@settings(max_examples=300, deadline=None)
@given(query=st.lists(st.sampled_from([*WORDS, "мам*", '"о войне"', "OR", "НЕ"]), min_size=1, max_size=4),
       texts=st.lists(st.lists(st.sampled_from([*WORDS, " ", ", ", "-", "_", "*", "…", "1"]),
                               max_size=30).map("".join), min_size=1, max_size=5))
def test_highlights_are_the_words_the_query_matches_one_by_one(query, texts):
    """Highlights are found by one pattern per search; they are exactly the words (maximal runs
    of letters and digits) that the query matches when each is looked at on its own."""
    from commsdesk.search.analyzer import WORD
    from commsdesk.search.query import highlight_spans

    parsed, oracle = parse(" ".join(query)), parse(" ".join(query))
    for text in texts:  # one search highlights many texts with the same query
        expected = [m.span() for m in WORD.finditer(text) if oracle.matches(analyse(m.group()))]
        assert highlight_spans(text, parsed) == expected


def _snippet_word_by_word(text, query, width=160):
    """The snippet as it was computed before (every word of the note looked at), as the oracle."""
    from commsdesk.search.analyzer import WORD

    flat = " ".join(text.split())
    spans = [m.span() for m in WORD.finditer(flat) if query.matches(analyse(m.group()))]
    if len(flat) <= width:
        return flat, spans
    start = max(0, spans[0][0] - width // 3) if spans else 0
    if start:
        space = flat.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    end = min(len(flat), start + width)
    prefix, suffix = "…" if start else "", "…" if end < len(flat) else ""
    shift = len(prefix) - start
    return (prefix + flat[start:end] + suffix,
            [(a + shift, b + shift) for a, b in spans if a >= start and b <= end])


@settings(max_examples=300, deadline=None)
@given(query=st.lists(st.sampled_from([*WORDS, "мам*", '"о войне"', "OR"]), min_size=1, max_size=3),
       texts=st.lists(st.lists(st.sampled_from([*WORDS, " ", "  ", ", ", "\n", "-", "_", "1"]),
                               max_size=120).map("".join), min_size=1, max_size=4),
       width=st.sampled_from([20, 40, 160]))
def test_snippets_look_only_at_the_window_and_give_what_the_whole_note_gave(query, texts, width):
    from commsdesk.search.query import snippet

    parsed, oracle = parse(" ".join(query)), parse(" ".join(query))
    for text in texts:
        assert snippet(text, parsed, width) == _snippet_word_by_word(text, oracle, width)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab мама\n\t*_`#>+-1٣.,")), max_size=60))
def test_the_quick_markup_test_never_skips_markup(text):
    from commsdesk.search.preview import _MARKUP, strip_markup

    assert strip_markup(text) == _MARKUP.sub("", text)
