"""What the search field accepts, in the user's language: a one-line hint and a full tooltip."""

from __future__ import annotations

from commsdesk.i18n import _


def syntax_hint() -> str:
    """One line on the query syntax (search/query.py); it wraps between pieces, not inside one."""
    pieces = (_("Any form of a word matches"), _('"exact phrase"'), _("prefix*"),
              _("this OR that"), _("-leave out"), _("NOT word"))
    return " · ".join(piece.replace(" ", "\u00a0") for piece in pieces)


def syntax_help() -> str:
    """The whole query language (search/query.py, docs/cli.md), shown as the field's tooltip."""
    return "\n".join((
        _("How to search:"),
        _("• words: notes with all of them, in any form (мать also finds «матери», «с матерью»)"),
        _("• \"exact phrase\" or «exact phrase»: these words in this order"),
        _("• prefix*: words that begin so (Солов* finds Соловьёв and Соловей)"),
        _("• this OR that (also ИЛИ): either one"),
        _("• -word, NOT word (also НЕ): leave out notes with it; AND (И) is the default"),
        _("• AND, NOT, И and НЕ work in capitals; short words (и, в, на, the, of) count only in"
          " quotes"),
        _("• names in Latin letters find them in Cyrillic and back (Solovyov finds Соловьёв);"
          " a capital letter means the name (Соловьёв, not соловей)"),
        _("• everyday spellings of services find each other (ютуб, YouTube; телега, Telegram)"),
    ))
