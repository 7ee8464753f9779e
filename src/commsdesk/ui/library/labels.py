"""Translatable names for the library's kinds and tags."""

from __future__ import annotations

from commsdesk.i18n import N_, _

KINDS = {  # in the order the Library lists them: learn, understand, rehearse, stay safe
    "technique": N_("Techniques"), "narrative": N_("Narratives"), "scenario": N_("Scenarios"),
    "roleplay": N_("Role-play cards"), "safety": N_("Safety"),
    "selfcare": N_("Self-care and expectations"), "club": N_("Clubs"),
}
TAGS = {
    "listening": N_("listening"), "questions": N_("questions"), "empathy": N_("empathy"),
    "values": N_("values"), "stories": N_("stories"), "narratives": N_("narratives"),
    "propaganda": N_("propaganda"), "emotions": N_("emotions"), "anger": N_("anger"),
    "relationship": N_("relationship"), "family": N_("family"), "parents": N_("parents"),
    "state-tv": N_("state TV"), "mobilisation": N_("mobilisation"), "army": N_("army"),
    "emigration": N_("emigration"), "safety": N_("safety"), "law": N_("law"),
    "self-care": N_("self-care"), "expectations": N_("expectations"), "club": N_("club"),
    "practice": N_("practice"), "beginner": N_("for beginners"), "advanced": N_("advanced"),
    "repair": N_("repair"), "long-term": N_("long term"), "work": N_("work"),
    "friends": N_("friends"),
}


def kind_label(kind: str) -> str:
    return _(KINDS[kind]) if kind in KINDS else kind


def tag_label(tag: str) -> str:
    return _(TAGS[tag]) if tag in TAGS else tag
