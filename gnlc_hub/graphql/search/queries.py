"""`searchPractices`: the practice clearing house over whichever engine is configured.

The engine answers with ids, scores, highlights and facet counts; practices are hydrated from
the database through the request's DataLoaders (so a practice unpublished a moment ago, and not
yet removed from the index, is never shown).
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Annotated

import orjson
import strawberry
from strawberry import relay
from strawberry.types import Info

from gnlc_hub.graphql.core.errors import PublicError, UserInputError, arguments_checked
from gnlc_hub.graphql.core.pagination import PageRequest, decode_cursor, encode_cursor
from gnlc_hub.graphql.practices.inputs import PracticeTagFilterFields
from gnlc_hub.graphql.practices.types import Practice
from gnlc_hub.practices import models
from gnlc_hub.practices.enums import PracticeStatus
from gnlc_hub.search import validation
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
from gnlc_hub.search.indexing.outbox import stale_ids
from gnlc_hub.search.validation import MAX_QUERY_LENGTH

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


@strawberry.type(description="One practice found by a search: a Relay edge with its relevance.")
class PracticeSearchEdge:
    node: Practice = strawberry.field(description="The practice.")
    cursor: str = strawberry.field(description="Pass as `after` to continue after this hit.")
    score: float = strawberry.field(
        description="Relevance in [0, 1], higher is better; compare within one result only."
    )
    highlights: list[SearchHighlight] = strawberry.field(
        description="Fields where query words matched (empty when browsing without a query)."
    )

    @strawberry.field(description="The practice.", deprecation_reason="Use `node`.")
    def practice(self) -> Practice:
        return self.node


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


@strawberry.type(
    description="A page of search results: a Relay connection, with the total and facet counts."
)
class PracticeSearchConnection:
    edges: list[PracticeSearchEdge] = strawberry.field(description="This page of hits, best first.")
    page_info: relay.PageInfo = strawberry.field(description="Cursors for the next page.")
    total_hits: int = strawberry.field(
        description=f"Practices matching the query and filters (counted up to {MAX_TOTAL_HITS})."
    )
    facet_distribution: list[FacetDistribution] = strawberry.field(
        description="Counts for each facet asked for in `facets`, over all matching practices."
    )
    engine: SearchEngineName = strawberry.field(description="Which search engine answered.")

    @strawberry.field(
        description="This page of hits, best first.", deprecation_reason="Use `edges`."
    )
    def hits(self) -> list[PracticeSearchEdge]:
        return self.edges


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
    ) -> PracticeSearchConnection:
        page = PageRequest(first=first, after=after).validated()
        with arguments_checked():
            validation.check_query(query)
            search_filter = await validation.search_filter(
                filter,
                cities=info.context.loaders.city_by_slug.load_many,
                themes=lambda slugs: _themes(info, slugs),
            )
        ordering = _ordering(query, search_filter, sort)
        offset = decode_cursor(after, ordering, (int,), "after")[0] if after else 0
        if not isinstance(offset, int) or not 0 <= offset <= MAX_TOTAL_HITS:
            raise UserInputError("`after` is not a valid cursor.", field="after")
        assert page.first is not None
        # Left out of hits, totals and facets alike (after the cursor identity is fixed).
        stale = await info.context.db.run(stale_ids)
        request = SearchRequest(
            query=query,
            filter=dataclasses.replace(search_filter, excluded_ids=stale),
            facets=tuple(dict.fromkeys(facets or ())),
            sort=sort,
            offset=offset,
            limit=page.first,
        )
        try:
            result = await info.context.runtime.search.search(request)
        except SearchEngineError:
            raise SearchUnavailableError(
                "Search is unavailable right now; please retry in a moment."
            ) from None
        return await _result(info, request, result, ordering)


async def _result(
    info: Info, request: SearchRequest, result: SearchResult, ordering: str
) -> PracticeSearchConnection:
    rows = await info.context.loaders.practice.load_many([hit.id for hit in result.hits])
    hits = []
    for position, (hit, row) in enumerate(zip(result.hits, rows, strict=True)):
        if not _shown(row):
            continue  # unpublished since it was indexed; the sync worker is removing it
        hits.append(
            PracticeSearchEdge(
                node=row,  # type: ignore[arg-type]  # ORM rows are the roots of Practice
                score=hit.score,
                highlights=[
                    SearchHighlight(field=h.field, snippet=h.snippet) for h in hit.highlights
                ],
                cursor=encode_cursor(ordering, [request.offset + position + 1]),
            )
        )
    next_offset = request.offset + len(result.hits)
    return PracticeSearchConnection(
        edges=hits,
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


async def _themes(info: Info, slugs: list[str]) -> list[object | None]:
    """Themes by slug from the request's vocabulary, which hit resolvers read anyway."""
    vocabulary = await info.context.loaders.theme_vocabulary.load(None)
    return [vocabulary.get(slug) for slug in slugs]
