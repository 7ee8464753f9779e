"""Recovery phrases: format, randomness, lenient reading."""

import re

from commsdesk.recovery import ALPHABET, new_recovery_phrase, normalize_recovery_phrase


def test_format_and_strength():
    phrase = new_recovery_phrase()
    assert re.fullmatch(r"[0-9A-Z]{5}(-[0-9A-Z]{5}){4}", phrase)
    assert set(phrase.replace("-", "")) <= set(ALPHABET)
    assert len(ALPHABET) ** 25 >= 2**125
    assert len({new_recovery_phrase() for _ in range(200)}) == 200


def test_typed_back_leniently():
    phrase = new_recovery_phrase()
    typed = phrase.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert normalize_recovery_phrase(typed) == phrase
    assert normalize_recovery_phrase("not a phrase") == "not a phrase"
