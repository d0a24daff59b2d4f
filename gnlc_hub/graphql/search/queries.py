"""`searchPractices`: the practice clearing house over whichever engine is configured.

The engine answers with ids, scores, highlights and facet counts; practices are hydrated from
the database through the request's DataLoaders (so a practice unpublished a moment ago, and not
yet removed from the index, is never shown).
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable, Sequence
from typing import Annotated, TypeVar

import orjson
import strawberry
from strawberry import relay
from strawberry.types import Info

from gnlc_hub.core.vocabularies import ISO_639_1, ISO_ALPHA_2
from gnlc_hub.graphql.core.errors import PublicError, UserInputError
from gnlc_hub.graphql.core.pagination import PageRequest, decode_cursor, encode_cursor
from gnlc_hub.graphql.practices.inputs import PracticeTagFilterFields
from gnlc_hub.graphql.practices.types import Practice
from gnlc_hub.practices import models
from gnlc_hub.practices.enums import SDG_RANGE, PracticeStatus
from gnlc_hub.practices.validation import YEAR_MAX, YEAR_MIN
from gnlc_hub.search.engine import (
    MAX_TOTAL_HITS,
    Facet,
    HighlightField,
    SearchEngineError,
    SearchEngineName,
    SearchFilter,
    SearchRequest,
    SearchResult,
    SearchSort,
    normalise_query,
)

T = TypeVar("T")

MAX_QUERY_LENGTH = 500
MAX_FILTER_VALUES = 50
YEARS = range(YEAR_MIN, YEAR_MAX + 1)

SearchFacet = strawberry.enum(
    Facet, name="SearchFacet", description="A practice attribute to filter on and count by."
)
PracticeSearchSort = strawberry.enum(
    SearchSort,
    name="PracticeSearchSort",
    description="RELEVANCE (best match first; newest first when there is no query) or RECENT "
    "(most recently published first).",
)
SearchEngineName = strawberry.enum(
    SearchEngineName,
    name="SearchEngineName",
    description="Which engine answered: EMBEDDED (tantivy in the data folder) or MEILISEARCH.",
)
SearchHighlightField = strawberry.enum(
    HighlightField, name="SearchHighlightField", description="A text field of a practice."
)


class SearchUnavailableError(PublicError):
    """The engine is down: the client should retry; nothing is wrong with the request."""

    code = "SEARCH_UNAVAILABLE"


@strawberry.input(
    description="Facet filters: AND across fields, OR within one list. Unset lists do not filter."
)
class PracticeSearchFilter(PracticeTagFilterFields):
    years: list[int] | None = strawberry.field(
        default=None, description="Years the practice started in."
    )
    year_from: int | None = strawberry.field(
        default=None, description="Started in or after this year."
    )
    year_to: int | None = strawberry.field(
        default=None, description="Started in or before this year."
    )
    languages: list[str] | None = strawberry.field(
        default=None, description="Languages of the text (ISO 639-1 codes, e.g. `en`)."
    )


@strawberry.type(description="Matched words of one field, wrapped in <mark>…</mark>.")
class SearchHighlight:
    field: SearchHighlightField = strawberry.field(description="Which field matched.")
    snippet: str = strawberry.field(
        description="The field's text (about 30 words around the first match for the body), "
        "HTML-escaped, with matched words in <mark>…</mark>."
    )


@strawberry.type(description="One practice found by a search.")
class PracticeSearchHit:
    practice: Practice = strawberry.field(description="The practice.")
    score: float = strawberry.field(
        description="Relevance in [0, 1], higher is better; compare within one result only."
    )
    highlights: list[SearchHighlight] = strawberry.field(
        description="Fields where query words matched (empty when browsing without a query)."
    )
    cursor: str = strawberry.field(description="Pass as `after` to continue after this hit.")


@strawberry.type(description="How many matching practices have one value of a facet.")
class FacetValueCount:
    value: str = strawberry.field(
        description="The value as used in filters (slug, code, enum name, number)."
    )
    count: int = strawberry.field(description="Matching practices with this value.")


@strawberry.type(description="Counts per value of one facet, most frequent first.")
class FacetDistribution:
    facet: SearchFacet = strawberry.field(description="The facet counted.")
    values: list[FacetValueCount] = strawberry.field(description="Values and their counts.")


@strawberry.type(description="A page of search results with facet counts.")
class PracticeSearchResult:
    hits: list[PracticeSearchHit] = strawberry.field(description="This page of hits, best first.")
    total_hits: int = strawberry.field(
        description=f"Practices matching the query and filters (counted up to {MAX_TOTAL_HITS})."
    )
    facet_distribution: list[FacetDistribution] = strawberry.field(
        description="Counts for each facet asked for in `facets`, over all matching practices."
    )
    engine: SearchEngineName = strawberry.field(description="Which search engine answered.")
    page_info: relay.PageInfo = strawberry.field(description="Cursors for the next page.")


QueryArg = Annotated[
    str,
    strawberry.argument(
        description="Words to look for (typos and word beginnings are forgiven); empty to "
        f"browse. At most {MAX_QUERY_LENGTH} characters; quotes and operators are ignored."
    ),
]
SearchFilterArg = Annotated[
    PracticeSearchFilter | None, strawberry.argument(description="Facet filters.")
]
FacetsArg = Annotated[
    list[SearchFacet] | None,
    strawberry.argument(description="Facets to count in `facetDistribution`."),
]
SortArg = Annotated[PracticeSearchSort, strawberry.argument(description="Order of the hits.")]
SearchFirstArg = Annotated[
    int | None, strawberry.argument(description="Number of hits (0–100; default 20).")
]
SearchAfterArg = Annotated[
    str | None, strawberry.argument(description="Continue after this hit's cursor.")
]


@strawberry.type(description="Searching the practice clearing house.")
class SearchQuery:
    @strawberry.field(
        description="Published practices matching words and facet filters, typo-tolerant, with "
        "highlights and facet counts."
    )
    async def search_practices(
        self,
        info: Info,
        query: QueryArg = "",
        filter: SearchFilterArg = None,
        facets: FacetsArg = None,
        sort: SortArg = SearchSort.RELEVANCE,
        first: SearchFirstArg = None,
        after: SearchAfterArg = None,
    ) -> PracticeSearchResult:
        if len(query) > MAX_QUERY_LENGTH:
            raise UserInputError(
                f"`query` must be at most {MAX_QUERY_LENGTH} characters (got {len(query)}).",
                field="query",
            )
        page = PageRequest(first=first, after=after).validated()
        search_filter = await _search_filter(info, filter)
        ordering = _ordering(query, search_filter, sort)
        offset = decode_cursor(after, ordering, 1, "after")[0] if after else 0
        if not isinstance(offset, int) or not 0 <= offset <= MAX_TOTAL_HITS:
            raise UserInputError("`after` is not a valid cursor.", field="after")
        assert page.first is not None
        request = SearchRequest(
            query=query,
            filter=search_filter,
            facets=tuple(dict.fromkeys(facets or ())),
            sort=sort,
            offset=offset,
            limit=page.first,
        )
        try:
            result = await info.context.services.search.search(request)
        except SearchEngineError:
            raise SearchUnavailableError(
                "Search is unavailable right now; please retry in a moment."
            ) from None
        return await _result(info, request, result, ordering)


async def _result(
    info: Info, request: SearchRequest, result: SearchResult, ordering: str
) -> PracticeSearchResult:
    rows = await info.context.loaders.practice.load_many([hit.id for hit in result.hits])
    hits = []
    for position, (hit, row) in enumerate(zip(result.hits, rows, strict=True)):
        if not _shown(row):
            continue  # unpublished since it was indexed; the sync worker is removing it
        hits.append(
            PracticeSearchHit(
                practice=row,  # type: ignore[arg-type]  # ORM rows are the roots of Practice
                score=hit.score,
                highlights=[
                    SearchHighlight(field=h.field, snippet=h.snippet) for h in hit.highlights
                ],
                cursor=encode_cursor(ordering, [request.offset + position + 1]),
            )
        )
    next_offset = request.offset + len(result.hits)
    return PracticeSearchResult(
        hits=hits,
        total_hits=result.total_hits,
        facet_distribution=[
            FacetDistribution(
                facet=facet,
                values=[
                    FacetValueCount(value=value, count=count)
                    for value, count in sorted(
                        result.facet_distribution.get(facet, {}).items(),
                        key=lambda item: (-item[1], item[0]),
                    )
                ],
            )
            for facet in request.facets
        ],
        engine=result.engine,
        page_info=relay.PageInfo(
            has_next_page=next_offset < min(result.total_hits, MAX_TOTAL_HITS),
            has_previous_page=request.offset > 0,
            start_cursor=hits[0].cursor if hits else None,
            end_cursor=encode_cursor(ordering, [next_offset]) if result.hits else None,
        ),
    )


def _shown(row: models.Practice | None) -> bool:
    return row is not None and row.status is PracticeStatus.PUBLISHED


def _ordering(query: str, search_filter: SearchFilter, sort: SearchSort) -> str:
    """Cursors name the search they belong to, so one from another search is refused."""
    identity = orjson.dumps(
        [
            normalise_query(query).lower(),
            sort.value,
            sorted(
                (facet.value, sorted(values)) for facet, values in search_filter.active().items()
            ),
            search_filter.year_from,
            search_filter.year_to,
        ]
    )
    return "search:" + hashlib.sha256(identity).hexdigest()[:16]


async def _search_filter(info: Info, given: PracticeSearchFilter | None) -> SearchFilter:
    """Check every value and turn the input into engine filters; problems are user errors."""
    if given is None:
        return SearchFilter()
    values: dict[Facet, list[str]] = {
        Facet.CITY: await _known(
            "cities", given.cities, info.context.loaders.city_by_slug.load_many
        ),
        Facet.COUNTRY: [
            code.upper() for code in _checked("countries", given.countries, ISO_ALPHA_2.match)
        ],
        Facet.REGION: [region.value for region in given.regions or ()],
        Facet.THEME: await _known("themes", given.themes, lambda slugs: _themes(info, slugs)),
        Facet.SDG: [str(n) for n in _checked("sdgs", given.sdgs, SDG_RANGE.__contains__)],
        Facet.BUILDING_BLOCK: [v.value for v in given.building_blocks or ()],
        Facet.GUIDELINE_AREA: [v.value for v in given.guideline_areas or ()],
        Facet.TARGET_GROUP: [v.value for v in given.target_groups or ()],
        Facet.YEAR: [str(y) for y in _checked("years", given.years, YEARS.__contains__)],
        Facet.LANGUAGE: [
            code.lower()
            for code in _checked("languages", given.languages, lambda c: c.lower() in ISO_639_1)
        ],
    }
    for name, year in (("yearFrom", given.year_from), ("yearTo", given.year_to)):
        if year is not None and year not in YEARS:
            raise UserInputError(
                f"`filter.{name}` must be between {YEARS.start} and {YEARS.stop - 1}.",
                field=f"filter.{name}",
            )
    if (
        given.year_from is not None
        and given.year_to is not None
        and given.year_from > given.year_to
    ):
        raise UserInputError("`filter.yearFrom` is after `filter.yearTo`.", field="filter.yearFrom")
    return SearchFilter(
        values={facet: chosen for facet, chosen in values.items() if chosen},
        year_from=given.year_from,
        year_to=given.year_to,
    )


def _checked(name: str, values: Sequence[T] | None, valid: Callable[[T], object]) -> list[T]:
    values = list(values or ())
    if len(values) > MAX_FILTER_VALUES:
        raise UserInputError(
            f"`filter.{name}` takes at most {MAX_FILTER_VALUES} values.", field=f"filter.{name}"
        )
    bad = [value for value in values if not valid(value)]
    if bad:
        raise UserInputError(
            f"`filter.{name}` has invalid values: {', '.join(map(repr, bad[:5]))}.",
            field=f"filter.{name}",
        )
    return list(dict.fromkeys(values))


async def _known(
    name: str,
    slugs: Sequence[str] | None,
    find: Callable[[list[str]], Awaitable[Sequence[object | None]]],
) -> list[str]:
    """Slugs that must exist (a typo in a filter deserves an error, not an empty page)."""
    checked = _checked(name, slugs, lambda slug: isinstance(slug, str) and 0 < len(slug) <= 160)
    if not checked:
        return []
    rows = await find(checked)
    unknown = [slug for slug, row in zip(checked, rows, strict=True) if row is None]
    if unknown:
        raise UserInputError(
            f"`filter.{name}` has unknown values: {', '.join(map(repr, unknown[:5]))}.",
            field=f"filter.{name}",
        )
    return checked


async def _themes(info: Info, slugs: list[str]) -> list[object | None]:
    """Themes by slug from the request's vocabulary, which hit resolvers read anyway."""
    vocabulary = await info.context.loaders.theme_vocabulary.load(None)
    return [vocabulary.get(slug) for slug in slugs]
