"""Field validators shared by every domain; each returns Problems instead of raising one by one,
so a user sees every mistake of an input at once."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from urllib.parse import urlsplit

from gnlc_hub.errors import DomainError, ErrorCode, Problem
from gnlc_hub.slugs import is_slug


def path(*parts: str) -> list[str]:
    return ["input", *parts]


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
    length = len(value.strip())
    if length < min_length:
        return [Problem(f"{field} needs at least {min_length} characters.", field=path(field))]
    if length > max_length:
        return [Problem(f"{field} must be at most {max_length} characters.", field=path(field))]
    return []


def url(value: str | None, field: str) -> list[Problem]:
    if value is None:
        return []
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(value) > 500:
        return [Problem(f"{field} must be an http(s) URL.", field=path(field))]
    return []


def slug(value: str | None, field: str = "slug") -> list[Problem]:
    if value is None:
        return []
    if not is_slug(value) or len(value) > 160:
        return [
            Problem(
                f"{field} may contain only lowercase letters, digits and single hyphens.",
                field=path(field),
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


def ensure(problems: Sequence[Problem]) -> None:
    """Raise every collected problem at once, or nothing."""
    if problems:
        raise DomainError(problems)
