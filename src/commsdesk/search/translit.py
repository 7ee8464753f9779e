"""Names across scripts: Соловьёв, Solovyov, Soloviev and Solovjov share one spelling-free key.

A Cyrillic name is first written in Latin letters (iuliia, Wikipedia's scheme); any Latin
spelling is then reduced to a skeleton that the usual schemes (passports old and new, BGN/PCGN,
scientific, Telegram, ISO 9 with or without diacritics) all agree on: щ/ш/ч/ц/ж/х as one letter
each, й/ы/и as i, no i before a vowel (ya/ia/ja), ё as e, е and o as one vowel, no soft signs,
no doubled letters. The key is only ever compared with other keys, never shown.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_DROP = str.maketrans("", "", "'’`ʹʺ\u02bc\u2018ьъЬЪ")
# Letters a scheme may leave in Cyrillic (ё in some schemes) or that the user mixed in.
_LEFTOVER = str.maketrans({"е": "e", "ё": "e", "э": "e", "о": "o", "а": "a", "и": "i", "й": "i",
                           "ы": "y", "у": "u", "ю": "yu", "я": "ya"})
_CLUSTERS = [("shch", "s"), ("shh", "s"), ("sch", "s"), ("sc", "s"), ("tch", "c"), ("ch", "c"),
             ("sh", "s"), ("zh", "z"), ("kh", "h"), ("x", "ks"), ("ts", "c"), ("tz", "c"),
             ("w", "v"), ("ph", "f"),
             ("q", "k"), ("ck", "k"), ("j", "i"), ("y", "i"), ("o", "e")]
_I_BEFORE_VOWEL = re.compile(r"i+(?=[aeu])")
_DOUBLE = re.compile(r"(.)\1+")
MIN_LENGTH = 3


@lru_cache(maxsize=1)
def _scheme():
    import iuliia  # loaded with the first name, never at start-up

    return iuliia.WIKIPEDIA


def latin(word: str) -> str:
    """A Cyrillic word in Latin letters (other words unchanged)."""
    return _scheme().translate(word) if _CYRILLIC.search(word) else word


@lru_cache(maxsize=100_000)
def key(word: str) -> str | None:
    """The spelling-free key of a name in either script, or None when too short to mean much."""
    text = unicodedata.normalize("NFKD", latin(word).translate(_DROP))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().translate(_LEFTOVER)
    for cluster, letter in _CLUSTERS:
        text = text.replace(cluster, letter)
    text = _DOUBLE.sub(r"\1", _I_BEFORE_VOWEL.sub("", text))
    text = "".join(c for c in text if "a" <= c <= "z")
    return text if len(text) >= MIN_LENGTH else None
