"""The expectation check: what would a small win look like, and how soon does the user expect it?

People give up when they expect conversion in weeks. The check compares the user's answer with
what the field research and the persuasion literature suggest (months, small steps) and says so
plainly, without discouraging.
"""

from __future__ import annotations

from dataclasses import dataclass

from commsdesk.i18n import N_

REALISTIC_MONTHS = 3  # the first small, visible shift usually takes at least this long
BIG_WORDS = ("convince", "change his mind", "change her mind", "agree with me", "admit",
             "переубедить", "убедить", "согласится", "признает", "признать", "поменяет мнение")


@dataclass(frozen=True)
class ExpectationCheck:
    small_win: str
    expected_months: int
    verdict: str  # "realistic", "too_soon", "too_big"
    advice: str  # msgid, shown translated


def check_expectation(small_win: str, expected_months: int) -> ExpectationCheck:
    text = small_win.casefold()
    if any(word in text for word in BIG_WORDS):
        return ExpectationCheck(small_win, expected_months, "too_big", N_(
            "This sounds like a conversion, not a small win. Try something you could notice in "
            "one talk: a pause, a question back, “well, maybe”, a channel switched off."))
    if expected_months < REALISTIC_MONTHS:
        return ExpectationCheck(small_win, expected_months, "too_soon", N_(
            "Expect months rather than weeks: people who saw a change usually saw it after "
            "three months or more of calm, regular talks. Plan for that, and count small signs."))
    return ExpectationCheck(small_win, expected_months, "realistic", N_(
        "A realistic expectation. Write down each small sign when you notice it: progress this "
        "slow is easy to miss."))
