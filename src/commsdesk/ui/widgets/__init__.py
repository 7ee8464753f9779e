"""Widgets shared by several sections. The small ones are named here (`from commsdesk.ui.widgets
import hint`); the others from their module: `browser` (SafeBrowser), `contacts` (the list of
people), `fields` (enum_combo, text_box), `passphrase` (StrengthMeter)."""

from commsdesk.ui.widgets.labels import (
    VAULT_DATA,
    heading,
    hint,
    keep_place,
    mark_vault_data,
    message,
    tint,
    with_clear_button,
)
from commsdesk.ui.widgets.passphrase import PassphraseField

__all__ = ["VAULT_DATA", "PassphraseField", "heading", "hint", "keep_place", "mark_vault_data", "message",
           "tint", "with_clear_button"]
