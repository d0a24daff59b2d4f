"""The contract every search engine fulfils, and the values that cross it.

Engines know nothing about the database, GraphQL or viewers: they index ``PracticeDocument``s
(published practices only) and answer ``SearchRequest``s with practice ids, scores,
highlights and facet counts. Callers hydrate the ids from the database.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import AsyncIterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable


class SearchEngineName(enum.StrEnum):
    EMBEDDED = "embedded"
    MEILISEARCH = "meilisearch"


class Facet(enum.StrEnum):
    """A filterable, countable attribute; the value is the document attribute's name."""

    CITY = "city"
    COUNTRY = "country"
    REGION = "region"
    THEME = "themes"
    SDG = "sdgs"
    BUILDING_BLOCK = "building_blocks"
    GUIDELINE_AREA = "guideline_areas"
    TARGET_GROUP = "target_groups"
    YEAR = "year"
    LANGUAGE = "language"


class SearchSort(enum.StrEnum):
    RELEVANCE = "RELEVANCE"
    RECENT = "RECENT"  # most recently published first


class MatchMode(enum.StrEnum):
    """How query words combine: ALL for a search box, ANY for long free-text needs.

    ANY returns documents matching some of the words, those matching every word first. Which
    partial matches are included differs: the embedded engine takes every document matching
    any word (more words rank higher); Meilisearch drops the most frequent words first, so it
    keeps the documents matching the rarest ones.
    """

    ALL = "ALL"
    ANY = "ANY"


class HighlightField(enum.StrEnum):
    TITLE = "title"
    SUMMARY = "summary"
    BODY = "body"


# Meilisearch reads at most ten words of a query; the embedded engine does the same, so that
# both engines answer alike.
MAX_QUERY_WORDS = 10
# Words shorter than this match exactly; from it on one typo, from TWO_TYPOS on two
# (Meilisearch's defaults, mirrored by the embedded engine).
ONE_TYPO_FROM = 5
TWO_TYPOS_FROM = 9
# Deepest hit either engine pages to (Meilisearch's `maxTotalHits` is set to this).
MAX_TOTAL_HITS = 10_000
MAX_FACET_VALUES = 500
# Words around the first match in a body snippet.
SNIPPET_WORDS = 30
HIGHLIGHT_START = "<mark>"
HIGHLIGHT_END = "</mark>"

_WORD = re.compile(r"\w+", re.UNICODE)


def query_words(text: str) -> list[str]:
    """The words of a user's query: syntax characters dropped, at most ``MAX_QUERY_WORDS``.

    Neither engine is ever handed quotes, colons, brackets, wildcards or operators, so no input
    can reach an engine's own query syntax.
    """
    return _WORD.findall(unicodedata.normalize("NFC", text))[:MAX_QUERY_WORDS]


def normalise_query(text: str) -> str:
    return " ".join(query_words(text))


def typo_budget(word: str) -> int:
    """Edits a query word may be away from an indexed word and still match it."""
    if len(word) >= TWO_TYPOS_FROM:
        return 2
    return 1 if len(word) >= ONE_TYPO_FROM else 0


@dataclass(frozen=True)
class PracticeDocument:
    """What the index holds of one published practice; facet values are strings."""

    id: int
    slug: str
    title: str
    summary: str
    body: str
    keywords: tuple[str, ...]
    city: str
    city_name: str
    country: str
    country_name: str
    region: str
    themes: tuple[str, ...]
    theme_names: tuple[str, ...]
    sdgs: tuple[str, ...]
    building_blocks: tuple[str, ...]
    guideline_areas: tuple[str, ...]
    target_groups: tuple[str, ...]
    year: int | None
    language: str
    # Seconds since the epoch; "recent" sorts on it, newest first.
    published_at: int

    def facet_values(self, facet: Facet) -> tuple[str, ...]:
        value = getattr(self, facet.value)
        if value is None:
            return ()
        return tuple(value) if isinstance(value, tuple) else (str(value),)


@dataclass(frozen=True)
class SearchFilter:
    """AND across facets, OR within one facet; ``year_from``/``year_to`` bound ``year``.

    ``excluded`` drops documents having any of the given values (e.g. "other cities only").
    """

    values: Mapping[Facet, Sequence[str]] = field(default_factory=dict)
    year_from: int | None = None
    year_to: int | None = None
    excluded: Mapping[Facet, Sequence[str]] = field(default_factory=dict)

    def active(self) -> dict[Facet, tuple[str, ...]]:
        return {facet: tuple(values) for facet, values in self.values.items() if values}

    def active_exclusions(self) -> dict[Facet, tuple[str, ...]]:
        return {facet: tuple(values) for facet, values in self.excluded.items() if values}

    def matches(self, document: PracticeDocument) -> bool:
        """The reference semantics both engines implement (used by tests and fakes)."""
        for facet, wanted in self.active().items():
            if not set(wanted) & set(document.facet_values(facet)):
                return False
        for facet, unwanted in self.active_exclusions().items():
            if set(unwanted) & set(document.facet_values(facet)):
                return False
        if self.year_from is not None and (document.year is None or document.year < self.year_from):
            return False
        return not (
            self.year_to is not None and (document.year is None or document.year > self.year_to)
        )


@dataclass(frozen=True)
class SearchRequest:
    query: str = ""
    filter: SearchFilter = field(default_factory=SearchFilter)
    facets: Sequence[Facet] = ()
    sort: SearchSort = SearchSort.RELEVANCE
    offset: int = 0
    limit: int = 20
    match: MatchMode = MatchMode.ALL
    highlight: bool = True

    @property
    def words(self) -> list[str]:
        """The query's words; none means browsing (everything that passes, newest first)."""
        return query_words(self.query)

    @property
    def window(self) -> tuple[int, int]:
        """Offset and limit within the first ``MAX_TOTAL_HITS`` hits: no engine pages deeper."""
        offset = min(self.offset, MAX_TOTAL_HITS)
        return offset, max(0, min(self.limit, MAX_TOTAL_HITS - offset))


@dataclass(frozen=True)
class Highlight:
    """A field's text (cropped for the body) with matched words wrapped in ``<mark>``.

    Everything outside the marks is HTML-escaped, so the snippet can be rendered as HTML.
    """

    field: HighlightField
    snippet: str


@dataclass(frozen=True)
class SearchHit:
    id: int
    # Relevance in [0, 1], higher is better; comparable within one result only.
    score: float
    highlights: tuple[Highlight, ...] = ()


@dataclass(frozen=True)
class SearchResult:
    hits: list[SearchHit]
    total_hits: int
    # Facet -> value -> number of matching documents, for the facets the request asked for.
    facet_distribution: dict[Facet, dict[str, int]]
    engine: SearchEngineName


@dataclass(frozen=True)
class IndexSettings:
    """What an index is configured with besides its fixed schema: groups of synonyms."""

    synonym_groups: tuple[frozenset[str], ...] = ()

    def synonyms(self) -> dict[str, list[str]]:
        """Each lower-cased term (word or phrase) and the terms it is interchangeable with."""
        found: dict[str, set[str]] = {}
        for group in self.synonym_groups:
            for term in group:
                found.setdefault(term, set()).update(group - {term})
        return {term: sorted(others) for term, others in sorted(found.items()) if others}


@dataclass(frozen=True)
class EngineHealth:
    ok: bool
    detail: str
    documents: int | None = None


class SearchEngineError(Exception):
    """The engine could not do what was asked (unreachable, failed task…); safe to retry."""


@runtime_checkable
class SearchEngine(Protocol):
    """A practice index. Every method is safe to call from the event loop (none blocks it)."""

    name: SearchEngineName

    async def ensure_index(self, settings: IndexSettings) -> None:
        """Create the index if missing and apply ``settings`` when they differ (idempotent)."""
        ...

    async def upsert(self, documents: Sequence[PracticeDocument]) -> None:
        """Add or replace documents by id; visible to searches when this returns."""
        ...

    async def delete(self, ids: Sequence[int]) -> None:
        """Remove documents by id; ids that are not indexed are ignored."""
        ...

    async def replace_all(self, batches: AsyncIterable[Sequence[PracticeDocument]]) -> int:
        """Rebuild the whole index from ``batches``; searches see the old index until done."""
        ...

    async def search(self, request: SearchRequest) -> SearchResult: ...

    async def document_ids(self) -> set[int]:
        """Every indexed id (consistency checks and tests)."""
        ...

    async def health(self) -> EngineHealth: ...

    async def claim_writer(self) -> bool:
        """Whether this process may write the index (tantivy allows one writer per index)."""
        ...

    async def close(self) -> None: ...
