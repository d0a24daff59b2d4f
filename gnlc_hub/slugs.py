"""Human-readable, URL-safe identifiers shared by every domain."""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['’‘`]")
# Letters that Unicode does not decompose into a base letter plus accent.
_UNDECOMPOSED = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "ı": "i",
        "ß": "ss",
        "œ": "oe",
        "Œ": "OE",
    }
)
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def fold(text: str) -> str:
    """Accent- and case-insensitive form, so "Medellín" sorts and matches like "medellin"."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(_UNDECOMPOSED).casefold()


def slugify(text: str) -> str:
    """Derive a slug (``"Derry and Strabane"`` → ``"derry-and-strabane"``)."""
    folded = _APOSTROPHES.sub("", fold(text))
    return _NON_ALNUM.sub("-", folded).strip("-")


def is_slug(value: str) -> bool:
    return bool(SLUG_PATTERN.match(value))
