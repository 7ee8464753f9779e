"""British and American spellings made one before stemming: mobilisation finds mobilization.

The same folding runs on the index and on queries, so a rule only has to be consistent, not
right: "advise" becomes "advize" on both sides. Rules are kept away from words where the fold
would merge two different words (prise/prize).
"""

from __future__ import annotations

import json
import re
from functools import cache

from commsdesk.paths import resources_dir

# -ise/-ize, -yse/-yze with their derived forms (organisation, organised, analysing…).
_ISE = re.compile(r"(?<=\w\w)(is|ys)(e|es|ed|ing|er|ers|ation|ations|ational|able)$")
_ISE_KEEP = {"prise", "prised", "prises", "prising"}
# -our/-or only on the stems that have it: four, hour, your, tour must stay as they are.
_OUR = re.compile(
    r"^(col|hon|lab|fav|behavi|neighb|hum|rum|harb|flav|vig|sav|endeav|arm|od|vap|rig|tum|val"
    r"|parl|splend|clam|cand|ferv|ard|savi|dishon|discol|misbehavi)our"
    r"(|s|ed|ing|ite|ites|able|ably|ful|hood|hoods|al|ally|er|ers|less|y)$"
)
_RE = re.compile(
    r"^(cent|theat|met|lit|fib|calib|somb|spect|lust|meag|sab|kilomet|centimet|millimet)re(s|d)?$"
)
_LL = re.compile(
    r"^(travel|cancel|label|model|counsel|fuel|signal|level|marvel|quarrel|total|channel|dial"
    r"|equal|funnel|libel|panel|pedal|rival|shovel|tunnel|jewel|duel|grovel|revel|snivel)l"
    r"(ed|ing|er|ers)$"
)


@cache
def _pairs() -> dict[str, str]:
    with open(resources_dir() / "search" / "english.json", encoding="utf-8") as f:
        return dict(json.load(f)["pairs"])


def american(word: str) -> str:
    """The American spelling of a lower-case English word (the word itself when there is none)."""
    pair = _pairs().get(word)
    if pair is not None:
        return pair
    if word in _ISE_KEEP:
        return word
    if (m := _ISE.search(word)) is not None:
        return word[:m.start()] + m.group(1).replace("s", "z") + m.group(2)
    if (m := _OUR.match(word)) is not None:
        return f"{m.group(1)}or{m.group(2)}"
    if (m := _RE.match(word)) is not None:
        return f"{m.group(1)}er{'ed' if m.group(2) == 'd' else m.group(2) or ''}"
    if (m := _LL.match(word)) is not None:
        return f"{m.group(1)}{m.group(2)}"
    return word
