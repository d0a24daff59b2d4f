"""Human-readable, URL-safe identifiers shared by every domain."""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

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


def truncate_slug(slug: str, max_length: int) -> str:
    """Cut at a hyphen where possible, so a long title does not end in half a word."""
    if len(slug) <= max_length:
        return slug
    cut = slug[:max_length]
    return (cut.rsplit("-", 1)[0] if "-" in cut else cut).strip("-")


async def slug_taken(session: AsyncSession, column: InstrumentedAttribute[str], slug: str) -> bool:
    return await session.scalar(select(column).where(column == slug).limit(1)) is not None


async def free_slug(
    session: AsyncSession, column: InstrumentedAttribute[str], base: str, *, max_length: int
) -> str:
    """``base``, or ``base-2``, ``base-3``…: the first that no row of ``column`` uses yet."""
    base = truncate_slug(base, max_length - 4)
    taken = set(
        await session.scalars(select(column).where(or_(column == base, column.like(f"{base}-%"))))
    )
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate
