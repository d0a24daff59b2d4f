"""Field validators shared by every domain; each returns Problems instead of raising one by one,
so a user sees every mistake of an input at once."""

from __future__ import annotations

import enum
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from gnlc_hub.core.errors import DomainError, ErrorCode, Problem
from gnlc_hub.core.slugs import is_slug, slug_taken


def path(*parts: str) -> list[str]:
    return ["input", *parts]


def normalise(
    changes: Mapping[str, Any],
    *,
    editable: Collection[str],
    required: Collection[str] = (),
    lists: Collection[str] = (),
) -> dict[str, Any]:
    """Trim text, turn blank optional text into null and a null list into an empty one.

    Blank required text is kept as it is, so that validation reports it as missing.
    """
    unknown = set(changes) - set(editable)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    result: dict[str, Any] = {}
    for name, value in changes.items():
        if name in lists:
            items = [item.strip() if isinstance(item, str) else item for item in value or ()]
            result[name] = list(dict.fromkeys(items))
        elif isinstance(value, str):
            result[name] = value.strip() or (value if name in required else None)
        else:
            result[name] = value
    return result


def camel(name: str) -> str:
    """The GraphQL name of an input field (``year_start`` → ``yearStart``), for messages."""
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def unstorable(value: str) -> bool:
    """NUL characters and lone surrogates: no database stores them, so they are refused early."""
    if "\x00" in value:
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def text(
    value: str | None,
    field: str,
    *,
    required: bool = False,
    min_length: int = 0,
    max_length: int,
) -> list[Problem]:
    if value is None or not value.strip():
        if required:
            return [Problem(f"{field} is required.", ErrorCode.REQUIRED, path(field))]
        return []
    if unstorable(value):
        return [Problem(f"{field} contains characters that cannot be stored.", field=path(field))]
    length = len(value.strip())
    if length < min_length:
        return [Problem(f"{field} needs at least {min_length} characters.", field=path(field))]
    if length > max_length:
        return [Problem(f"{field} must be at most {max_length} characters.", field=path(field))]
    return []


def url(value: str | None, field: str) -> list[Problem]:
    if value is None:
        return []
    problem = [Problem(f"{field} must be an http(s) URL.", field=path(field))]
    if len(value) > 500 or unstorable(value) or any(ch.isspace() for ch in value):
        return problem
    try:
        parts = urlsplit(value)
        hostname = parts.hostname
    except ValueError:  # e.g. an unbalanced IPv6 bracket
        return problem
    if parts.scheme not in ("http", "https") or not hostname:
        return problem
    return []


def slug(value: str | None, *, max_length: int, field: str = "slug") -> list[Problem]:
    if value is None:
        return []
    if not is_slug(value):
        return [
            Problem(
                f"{field} may contain only lowercase letters, digits and single hyphens.",
                field=path(field),
            )
        ]
    if len(value) > max_length:
        return [Problem(f"{field} must be at most {max_length} characters.", field=path(field))]
    return []


async def new_slug(
    session: AsyncSession,
    column: InstrumentedAttribute[str],
    requested: str | None,
    *,
    derived: str,
    source: str,
    earlier: Sequence[Problem],
) -> list[Problem]:
    """Problems with the slug of a new row: malformed or taken when one is requested, or no
    slug derivable from ``source`` (e.g. the name) when none is. Availability is looked up only
    once everything else in the input is valid."""
    problems = slug(requested, max_length=column.type.length)
    if problems or earlier:
        return problems
    if requested is not None:
        if await slug_taken(session, column, requested):
            return [Problem(f"The slug {requested!r} is taken.", ErrorCode.DUPLICATE, path("slug"))]
    elif not derived:
        return [
            Problem(
                f"Give a slug: the {source} has no letters a web address can use.",
                ErrorCode.REQUIRED,
                path("slug"),
            )
        ]
    return []


def int_range(
    value: int | None, field: str, *, minimum: int | None = None, maximum: int | None = None
) -> list[Problem]:
    if value is None:
        return []
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        bounds = f"between {minimum} and {maximum}" if maximum is not None else f"≥ {minimum}"
        return [Problem(f"{field} must be {bounds}.", field=path(field))]
    return []


def each(values: Iterable[int], field: str, *, minimum: int, maximum: int) -> list[Problem]:
    bad = sorted({v for v in values if not minimum <= v <= maximum})
    if bad:
        return [
            Problem(
                f"{field} must be between {minimum} and {maximum} (got {bad}).", field=path(field)
            )
        ]
    return []


def strings(values: Sequence[str], field: str, *, max_items: int, max_length: int) -> list[Problem]:
    """A list of short free-text values (keywords, themes of a programme)."""
    if len(values) > max_items:
        return [Problem(f"{field} takes at most {max_items} entries.", field=path(field))]
    if any(not value.strip() for value in values):
        return [Problem(f"{field} may not contain empty entries.", field=path(field))]
    if any(unstorable(value) for value in values):
        return [Problem(f"{field} contains characters that cannot be stored.", field=path(field))]
    if any(len(value.strip()) > max_length for value in values):
        return [
            Problem(
                f"Each entry of {field} must be at most {max_length} characters.",
                field=path(field),
            )
        ]
    return []


def members(values: Iterable[object], enum_cls: type[enum.Enum], field: str) -> list[Problem]:
    """Values of a closed vocabulary; GraphQL checks its enums, other callers are checked here."""
    known = {member.value for member in enum_cls}
    bad = sorted({str(getattr(value, "value", value)) for value in values} - known)
    if bad:
        return [Problem(f"{field} has unknown values {bad}.", field=path(field))]
    return []


_ISO_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def partial_date(value: str | None, field: str) -> list[Problem]:
    if value is None:
        return []
    if not _ISO_DATE.match(value):
        return [Problem(f"{field} must be YYYY, YYYY-MM or YYYY-MM-DD.", field=path(field))]
    if len(value) == 10:
        try:
            date.fromisoformat(value)
        except ValueError:
            return [Problem(f"{field} is not a calendar date.", field=path(field))]
    return []


def full_date(value: str | None, field: str) -> list[Problem]:
    if value is None:
        return []
    if len(value) != 10 or partial_date(value, field):
        return [Problem(f"{field} must be a calendar date (YYYY-MM-DD).", field=path(field))]
    return []


def not_before(start: str | None, end: str | None, field: str) -> list[Problem]:
    """ISO dates of any precision: ``end`` may not fall before ``start`` (compared at the
    precision both have, so "2020" and "2020-03" are compatible)."""
    if start is None or end is None:
        return []
    common = min(len(start), len(end))
    if end[:common] < start[:common]:
        return [Problem(f"{field} may not be before the start.", field=path(field))]
    return []


def ensure(problems: Sequence[Problem]) -> None:
    """Raise every collected problem at once, or nothing."""
    if problems:
        raise DomainError(problems)


MAX_PK = 2**31 - 1  # integer primary keys on both backends


def primary_key(text: str) -> int | None:
    """The primary key a client's id text names, or None when it cannot be one (not plain ASCII
    digits, or beyond what the databases store): the one rule for ids from outside."""
    if not (text.isascii() and text.isdigit() and len(text) <= 10):
        return None
    value = int(text)
    return value if value <= MAX_PK else None
