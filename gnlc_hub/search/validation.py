"""Checking search arguments before they reach an engine: a typo deserves an error, not an
empty page. Problems are DomainErrors; the GraphQL layer reports them as BAD_USER_INPUT."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol, TypeVar

from gnlc_hub.core.errors import DomainError, ErrorCode
from gnlc_hub.core.vocabularies import ISO_639_1, ISO_ALPHA_2
from gnlc_hub.practices.enums import SDG_RANGE
from gnlc_hub.practices.validation import YEAR_MAX, YEAR_MIN
from gnlc_hub.search.engine import Facet, SearchFilter

T = TypeVar("T")

MAX_QUERY_LENGTH = 500
MAX_FILTER_VALUES = 50
YEARS = range(YEAR_MIN, YEAR_MAX + 1)

Lookup = Callable[[list[str]], Awaitable[Sequence[object | None]]]
"""Finds rows by slug (``None`` where unknown), e.g. a request's DataLoader."""


class FilterValues(Protocol):
    """What a client may filter on (the GraphQL input has these attributes)."""

    cities: list[str] | None
    countries: list[str] | None
    regions: Sequence[Facet] | None
    themes: list[str] | None
    sdgs: list[int] | None
    building_blocks: Sequence[object] | None
    guideline_areas: Sequence[object] | None
    target_groups: Sequence[object] | None
    years: list[int] | None
    year_from: int | None
    year_to: int | None
    languages: list[str] | None


def refused(message: str, field: str) -> DomainError:
    return DomainError.single(message, ErrorCode.INVALID, field.split("."))


def check_query(query: str) -> None:
    if len(query) > MAX_QUERY_LENGTH:
        raise refused(
            f"`query` must be at most {MAX_QUERY_LENGTH} characters (got {len(query)}).", "query"
        )


async def search_filter(
    given: FilterValues | None, *, cities: Lookup, themes: Lookup
) -> SearchFilter:
    """Check every value and turn the input into engine filters."""
    if given is None:
        return SearchFilter()
    values: dict[Facet, list[str]] = {
        Facet.CITY: await _known("cities", given.cities, cities),
        Facet.COUNTRY: [
            code.upper() for code in _checked("countries", given.countries, ISO_ALPHA_2.match)
        ],
        Facet.REGION: [region.value for region in given.regions or ()],
        Facet.THEME: await _known("themes", given.themes, themes),
        Facet.SDG: [str(n) for n in _checked("sdgs", given.sdgs, SDG_RANGE.__contains__)],
        Facet.BUILDING_BLOCK: [v.value for v in given.building_blocks or ()],  # type: ignore[attr-defined]
        Facet.GUIDELINE_AREA: [v.value for v in given.guideline_areas or ()],  # type: ignore[attr-defined]
        Facet.TARGET_GROUP: [v.value for v in given.target_groups or ()],  # type: ignore[attr-defined]
        Facet.YEAR: [str(y) for y in _checked("years", given.years, YEARS.__contains__)],
        Facet.LANGUAGE: [
            code.lower()
            for code in _checked("languages", given.languages, lambda c: c.lower() in ISO_639_1)
        ],
    }
    for name, year in (("yearFrom", given.year_from), ("yearTo", given.year_to)):
        if year is not None and year not in YEARS:
            raise refused(
                f"`filter.{name}` must be between {YEARS.start} and {YEARS.stop - 1}.",
                f"filter.{name}",
            )
    if (
        given.year_from is not None
        and given.year_to is not None
        and given.year_from > given.year_to
    ):
        raise refused("`filter.yearFrom` is after `filter.yearTo`.", "filter.yearFrom")
    return SearchFilter(
        values={facet: chosen for facet, chosen in values.items() if chosen},
        year_from=given.year_from,
        year_to=given.year_to,
    )


def _checked(name: str, values: Sequence[T] | None, valid: Callable[[T], object]) -> list[T]:
    values = list(values or ())
    if len(values) > MAX_FILTER_VALUES:
        raise refused(
            f"`filter.{name}` takes at most {MAX_FILTER_VALUES} values.", f"filter.{name}"
        )
    bad = [value for value in values if not valid(value)]
    if bad:
        raise refused(
            f"`filter.{name}` has invalid values: {', '.join(map(repr, bad[:5]))}.",
            f"filter.{name}",
        )
    return list(dict.fromkeys(values))


async def _known(name: str, slugs: Sequence[str] | None, find: Lookup) -> list[str]:
    """Slugs that must exist."""
    checked = _checked(name, slugs, lambda slug: isinstance(slug, str) and 0 < len(slug) <= 160)
    if not checked:
        return []
    rows = await find(checked)
    unknown = [slug for slug, row in zip(checked, rows, strict=True) if row is None]
    if unknown:
        raise refused(
            f"`filter.{name}` has unknown values: {', '.join(map(repr, unknown[:5]))}.",
            f"filter.{name}",
        )
    return checked
