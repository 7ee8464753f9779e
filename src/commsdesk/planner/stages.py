"""Stages of change, adapted from the transtheoretical model for views on the war."""

from __future__ import annotations

from commsdesk.domain.enums import Labelled
from commsdesk.i18n import N_


class Stage(Labelled):
    NOT_THINKING = "not-thinking"
    DOUBTING = "doubting"
    QUESTIONING = "questioning"
    ACTING = "acting"
    HOLDING = "holding"
    SLIPPING = "slipping"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "not-thinking": N_("Not thinking about it"), "doubting": N_("Doubting"),
            "questioning": N_("Questioning openly"), "acting": N_("Acting on it"),
            "holding": N_("Holding the new view"), "slipping": N_("Slipping back"),
        }


def articles_for_stage(stage: Stage, articles: dict) -> list[str]:
    """Library article ids whose front matter names this stage (library/catalog.ArticleInfo)."""
    return sorted(a.id for a in articles.values() if stage.value in a.stages)
