"""Fixed vocabularies of the journal. Values are stored in the vault and the export format."""

from __future__ import annotations

from enum import StrEnum

from commsdesk.i18n import N_


class Labelled(StrEnum):
    """An enum whose members carry a translatable label (translate with `_()` when shown)."""

    @property
    def label(self) -> str:
        return type(self)._labels()[self.value]

    @classmethod
    def _labels(cls) -> dict[str, str]:
        raise NotImplementedError


class Relationship(Labelled):
    MOTHER = "mother"
    FATHER = "father"
    SIBLING = "sibling"
    PARTNERS_PARENT = "partners_parent"
    GRANDPARENT = "grandparent"
    OTHER_RELATIVE = "other_relative"
    FRIEND = "friend"
    FORMER_COWORKER = "former_coworker"
    NEIGHBOUR = "neighbour"
    OTHER = "other"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "mother": N_("Mother"), "father": N_("Father"), "sibling": N_("Brother or sister"),
            "partners_parent": N_("Partner's parent"), "grandparent": N_("Grandparent"),
            "other_relative": N_("Other relative"), "friend": N_("Friend"),
            "former_coworker": N_("Former co-worker"), "neighbour": N_("Neighbour"),
            "other": N_("Other"),
        }


class AgeGroup(Labelled):
    UNKNOWN = "unknown"
    UNDER_30 = "under_30"
    FROM_30_TO_44 = "30_44"
    FROM_45_TO_59 = "45_59"
    FROM_60_TO_74 = "60_74"
    OVER_75 = "75_plus"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "unknown": N_("Not set"), "under_30": N_("Under 30"), "30_44": N_("30–44"),
            "45_59": N_("45–59"), "60_74": N_("60–74"), "75_plus": N_("75 and older"),
        }


class Channel(Labelled):
    PHONE = "phone"
    TELEGRAM = "telegram"
    WHATSAPP = "whatsapp"
    VK = "vk"
    VIBER = "viber"
    IN_PERSON = "in_person"
    OTHER = "other"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "phone": N_("Phone"), "telegram": N_("Telegram"), "whatsapp": N_("WhatsApp"),
            "vk": N_("VK"), "viber": N_("Viber"), "in_person": N_("In person"), "other": N_("Other"),
        }


class MediaKind(Labelled):
    STATE_TV = "state_tv"
    STATE_ONLINE = "state_online"
    TELEGRAM = "telegram"
    YOUTUBE = "youtube"
    INDEPENDENT = "independent"
    RADIO = "radio"
    PRINT = "print"
    SOCIAL = "social"
    NONE = "none"
    OTHER = "other"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "state_tv": N_("State TV"), "state_online": N_("State news sites"),
            "telegram": N_("Telegram channels"), "youtube": N_("YouTube"),
            "independent": N_("Independent media"), "radio": N_("Radio"),
            "print": N_("Newspapers"), "social": N_("Social networks"),
            "none": N_("Follows no news"), "other": N_("Other"),
        }


# What a conversation shows for a mood or an ending the user left unset (stored as unset, never
# guessed): the dialogs start there, and Progress, small wins and suggestions skip it.
NOT_SAID = N_("not said")


def label_or_not_said(member: Labelled | None) -> str:
    """The untranslated label of a mood or an ending, or "not said"."""
    return NOT_SAID if member is None else member.label


class Temperature(Labelled):
    """How the talk felt, from calm to hostile (ordered)."""

    CALM = "calm"
    UNEASY = "uneasy"
    TENSE = "tense"
    HEATED = "heated"
    HOSTILE = "hostile"

    @property
    def level(self) -> int:
        return list(type(self)).index(self)

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "calm": N_("Calm"), "uneasy": N_("Uneasy"), "tense": N_("Tense"),
            "heated": N_("Heated"), "hostile": N_("Hostile"),
        }


class Ending(Labelled):
    WARM = "warm"
    NEUTRAL = "neutral"
    CHANGED_TOPIC = "changed_topic"
    CUT_SHORT = "cut_short"
    QUARREL = "quarrel"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "warm": N_("Warmly"), "neutral": N_("Neutrally"),
            "changed_topic": N_("We changed the topic"), "cut_short": N_("Cut short"),
            "quarrel": N_("In a quarrel"),
        }


class PlanStatus(Labelled):
    ACTIVE = "active"
    PAUSED = "paused"
    DONE = "done"
    DROPPED = "dropped"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "active": N_("Active"), "paused": N_("Paused"), "done": N_("Done"),
            "dropped": N_("Dropped"),
        }


class StepStatus(Labelled):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    SKIPPED = "skipped"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "planned": N_("Planned"), "in_progress": N_("In progress"), "done": N_("Done"),
            "skipped": N_("Skipped"),
        }
