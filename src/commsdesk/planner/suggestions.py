"""Next-step suggestions: transparent rules over a person's recent history.

Every suggestion names the rule that fired and why, and points to a library article. The rules
are plain functions, each tested both firing and not firing.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date, timedelta

from commsdesk.domain import Conversation, Observation, Temperature
from commsdesk.i18n import N_

STILL_WEEKS = 6
HOSTILE_IN_A_ROW = 3
SILENCE_WEEKS = 8


@dataclass
class History:
    """What the rules look at: one person's conversations and observations, and today."""

    today: date
    conversations: list[Conversation] = field(default_factory=list)  # any order
    observations: list[Observation] = field(default_factory=list)
    dimension_keys: dict[int, str | None] = field(default_factory=dict)  # dimension id → key
    stage: str | None = None  # the current stage of change (planner.stages.Stage value)
    stage_techniques: tuple[str, ...] = ()  # technique articles that suit that stage

    def talks(self) -> list[Conversation]:
        return sorted(self.conversations, key=lambda v: v.occurred_at)


@dataclass(frozen=True)
class Suggestion:
    rule: str  # stable id, also used to remember dismissals
    title: str  # msgid
    why: str  # msgid; may contain {placeholders} filled from `facts`
    article_id: str
    facts: tuple[tuple[str, object], ...] = ()


def openness_fell(history: History) -> Suggestion | None:
    """The last talk was followed by lower openness than before it."""
    series = sorted((o for o in history.observations
                     if history.dimension_keys.get(o.dimension_id) == "openness"),
                    key=lambda o: (o.observed_on, o.id or 0))
    if len(series) < 2 or series[-1].value >= series[-2].value:
        return None
    return Suggestion("openness_fell", N_("Try a repair conversation"), N_(
        "Openness to talking with you fell from {before} to {after} after your last talk."),
        "technique-repair", (("before", series[-2].value), ("after", series[-1].value)))


def no_movement(history: History) -> Suggestion | None:
    """Talks went on for six weeks, but no observed attitude moved in that time."""
    since = history.today - timedelta(weeks=STILL_WEEKS)
    recent_talks = [v for v in history.conversations if v.occurred_at.date() >= since]
    if len(recent_talks) < 2:
        return None
    for dimension in {o.dimension_id for o in history.observations}:
        series = sorted((o for o in history.observations if o.dimension_id == dimension),
                        key=lambda o: (o.observed_on, o.id or 0))
        before = [o.value for o in series if o.observed_on < since][-1:]
        inside = [o.value for o in series if o.observed_on >= since]
        if len(set(before + inside)) > 1:
            return None  # something moved
    return Suggestion("no_movement", N_("Tell a personal story"), N_(
        "{talks} talks in the last {weeks} weeks, and nothing you observed has moved. A story "
        "from your own life can reach where arguments do not."), "technique-my-story",
        (("talks", len(recent_talks)), ("weeks", STILL_WEEKS)))


def hostile_streak(history: History) -> Suggestion | None:
    """The last three talks were heated or hostile."""
    # "not said" is no mood
    said = [v.temperature for v in history.talks() if v.temperature is not None]
    last = said[-HOSTILE_IN_A_ROW:]
    if len(last) < HOSTILE_IN_A_ROW or any(t.level < Temperature.HEATED.level for t in last):
        return None
    return Suggestion("hostile_streak", N_("Take a pause, and look after yourself"), N_(
        "Your last {n} talks were heated or hostile. A pause protects the relationship, and you."),
        "selfcare-when-to-pause", (("n", HOSTILE_IN_A_ROW),))


def long_silence(history: History) -> Suggestion | None:
    """No conversation for eight weeks or more (or none at all yet)."""
    talks = history.talks()
    if talks and talks[-1].occurred_at.date() > history.today - timedelta(weeks=SILENCE_WEEKS):
        return None
    return Suggestion("long_silence", N_("Get back in touch, without politics"), N_(
        "You have not talked for {weeks} weeks or more. Start with their life, not the news."),
        "scenario-after-long-silence", (("weeks", SILENCE_WEEKS),))


def slipping_back(history: History) -> Suggestion | None:
    """The user marked the person as slipping back to the old view."""
    if history.stage != "slipping":
        return None
    return Suggestion("slipping_back", N_("Expect setbacks, and keep the long view"), N_(
        "You noted that they are slipping back. That is common in slow change: go back to what "
        "worked before, and keep the relationship first."), "technique-long-haul")


def untried_for_stage(history: History) -> Suggestion | None:
    """A technique that suits the person's stage, not used in any of their last talks."""
    if not history.stage or not history.stage_techniques:
        return None
    used = {t for v in history.talks()[-10:] for t in v.techniques}
    untried = [t for t in history.stage_techniques if t not in used]
    if not untried:
        return None
    return Suggestion(f"stage:{history.stage}:{untried[0]}", N_("Try a technique for this stage"),
                      N_("It suits the stage you set for them, and you have not used it in your "
                         "recent talks."), untried[0])


RULES: tuple[Callable[[History], Suggestion | None], ...] = (
    hostile_streak, openness_fell, slipping_back, no_movement, long_silence, untried_for_stage)


RULE_NAMES = {
    "hostile_streak": N_("three heated or hostile talks in a row"),
    "openness_fell": N_("openness fell after the last talk"),
    "slipping_back": N_("the stage is “slipping back”"),
    "no_movement": N_("six weeks of talks without movement"),
    "long_silence": N_("eight weeks without a talk"),
    "stage": N_("a technique for the current stage, not tried recently"),
}


def rule_name(rule: str) -> str:
    """The rule's readable name (msgid); stage rules carry the stage and article in their id."""
    return RULE_NAMES.get(rule.split(":")[0], rule)


def suggestions(history: History, dismissed: AbstractSet[str] = frozenset()) -> list[Suggestion]:
    """Every rule that fires, in the order above, minus the ones the user dismissed."""
    out = []
    for rule in RULES:
        found = rule(history)
        if found is not None and found.rule not in dismissed:
            out.append(found)
    return out
