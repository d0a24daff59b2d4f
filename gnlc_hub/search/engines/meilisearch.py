"""The Meilisearch engine: the official client, its blocking calls run off the event loop.

Every write is a Meilisearch task: we wait for it and raise when it failed, so "upsert
returned" means "searchable", and a failure reaches the outbox (and is retried) instead of
vanishing. Index settings are compared first and only sent when they differ: changing them
makes Meilisearch reindex everything.

Meilisearch creates a missing index with default settings when documents are added to it,
after which filters, sorts and deletes by id fail. So the engine re-applies its settings
whenever it finds its index missing or replaced (checked before every write, and on the
errors a default index gives), not only at start-up: an index deleted under a running hub
heals.
"""

from __future__ import annotations

import asyncio
import dataclasses
import threading
import unicodedata
from collections.abc import AsyncIterable, Callable, Mapping, Sequence
from typing import Any, TypeVar

import meilisearch
from meilisearch.errors import MeilisearchError

from gnlc_hub.search.engine import (
    MAX_FACET_VALUES,
    MAX_TOTAL_HITS,
    ONE_TYPO_FROM,
    SNIPPET_WORDS,
    TWO_TYPOS_FROM,
    EngineHealth,
    Facet,
    Highlight,
    HighlightField,
    IndexSettings,
    MatchMode,
    PracticeDocument,
    SearchEngineError,
    SearchEngineName,
    SearchHit,
    SearchRequest,
    SearchResult,
    SearchSort,
    query_words,
)
from gnlc_hub.search.engines import any_word
from gnlc_hub.search.highlight import ELLIPSIS, from_tagged
from gnlc_hub.search.query_plan import SynonymMap, plan, synonym_map

T = TypeVar("T")

PRIMARY_KEY = "id"
# Characters that never occur in practice text, so tags can be told from content.
START_TAG = "\x02"
END_TAG = "\x03"
SEARCHABLE = [
    "title",
    "theme_names",
    "keywords",
    "summary",
    "city_name",
    "country_name",
    "body",
]
RETRIEVED = ["id", *(field.value for field in HighlightField)]
# "sort" first: when a request sorts (by recency) that order wins; otherwise relevance.
RANKING_RULES = ["sort", "words", "typo", "proximity", "attribute", "exactness"]
RECENT_FIRST = ["published_at:desc", "id:desc"]
# `ANY` of several clauses is a merge of one search per clause (`any_word`): Meilisearch's
# strategies never return a document lacking the word they keep ("frequency" keeps every word
# tied for rarest, and two such words matching different documents gave no result at all on
# 1.50). "last" serves one clause, and the highlight queries, which start with a matched clause.
MATCHING = {MatchMode.ALL: "all", MatchMode.ANY: "last"}
TASK_TIMEOUT_MS = 120_000
SET_VALUED = {"filterableAttributes", "sortableAttributes"}
# Meilisearch looks synonyms up only for query phrases of one to three words (milli builds
# n-grams of at most three words); a longer phrase is sent as its shortest synonym.
MAX_SYNONYM_PHRASE_WORDS = 3
# Errors meaning the index lacks our settings (missing, or created with defaults).
UNCONFIGURED = {
    "index_not_found",
    "invalid_search_filter",
    "invalid_search_sort",
    "invalid_search_facets",
    "invalid_document_filter",
}


def index_settings_body(settings: IndexSettings) -> dict[str, Any]:
    """The complete settings of the practice index."""
    return {
        "searchableAttributes": SEARCHABLE,
        "filterableAttributes": [PRIMARY_KEY, *(facet.value for facet in Facet)],
        "sortableAttributes": ["published_at", "id"],
        "rankingRules": RANKING_RULES,
        "typoTolerance": {
            "enabled": True,
            "minWordSizeForTypos": {"oneTypo": ONE_TYPO_FROM, "twoTypos": TWO_TYPOS_FROM},
        },
        "synonyms": settings.synonyms(),
        "faceting": {"maxValuesPerFacet": MAX_FACET_VALUES},
        "pagination": {"maxTotalHits": MAX_TOTAL_HITS},
    }


def settings_differ(current: Mapping[str, Any], desired: Mapping[str, Any]) -> list[str]:
    """Names of the desired settings the index does not have yet (extra keys are ignored)."""
    return [key for key, value in desired.items() if not _same(key, current.get(key), value)]


def _same(key: str, current: Any, desired: Any) -> bool:
    if isinstance(desired, Mapping):
        if not isinstance(current, Mapping):
            return False
        if key == "synonyms":
            return {k: sorted(v) for k, v in current.items()} == {
                k: sorted(v) for k, v in desired.items()
            }
        return all(_same(k, current.get(k), v) for k, v in desired.items())
    if key in SET_VALUED and isinstance(current, list):
        return sorted(map(str, current)) == sorted(desired)
    return current == desired


def to_meilisearch(document: PracticeDocument) -> dict[str, Any]:
    return {
        key: list(value) if isinstance(value, tuple) else value
        for key, value in dataclasses.asdict(document).items()
    }


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _condition(facet: Facet, value: str, operator: str = "=") -> str:
    if facet is Facet.YEAR:
        return f"{facet.value} {operator} {int(value)}"
    return f"{facet.value} {operator} {_quoted(value)}"


def ids_filter(ids: Sequence[int], *, operator: str = "IN") -> str:
    return f"{PRIMARY_KEY} {operator} [{', '.join(str(int(i)) for i in ids)}]"


def filter_expression(request: SearchRequest) -> list[Any]:
    """Meilisearch's array form: the outer list is AND, an inner list OR."""
    expression: list[Any] = []
    for facet, values in request.filter.active().items():
        expression.append([_condition(facet, value) for value in values])
    for facet, values in request.filter.active_exclusions().items():
        expression.extend(_condition(facet, value, "!=") for value in values)
    if request.filter.excluded_ids:
        expression.append(ids_filter(request.filter.excluded_ids, operator="NOT IN"))
    if request.filter.year_from is not None:
        expression.append(f"{Facet.YEAR.value} >= {int(request.filter.year_from)}")
    if request.filter.year_to is not None:
        expression.append(f"{Facet.YEAR.value} <= {int(request.filter.year_to)}")
    return expression


def fold(word: str) -> str:
    """A word as synonyms are compared: lower-cased, accents removed (as Meilisearch does for
    Latin scripts). Only used to find synonyms: the words sent keep their own spelling."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)) or word.lower()


def analyse(text: str) -> list[str]:
    return [fold(word) for word in query_words(text)]


def clause_texts(words: Sequence[str], synonyms: SynonymMap) -> list[str]:
    """The words to send, one text per clause: a synonym phrase longer than Meilisearch looks
    up becomes its shortest synonym of at most three words (which the server expands back)."""
    sent: list[str] = []
    position = 0
    for clause in plan([fold(word) for word in words], synonyms):
        size = len(clause.words)
        short = sorted(
            (phrase for phrase in clause.alternatives if len(phrase) <= MAX_SYNONYM_PHRASE_WORDS),
            key=lambda phrase: (len(phrase), phrase),
        )
        if size > MAX_SYNONYM_PHRASE_WORDS and short:
            sent.append(" ".join(short[0]))
        else:
            sent.append(" ".join(words[position : position + size]))
        position += size
    return sent


def meilisearch_query(words: Sequence[str], synonyms: SynonymMap) -> str:
    return " ".join(clause_texts(words, synonyms))


def search_body(
    request: SearchRequest, synonyms: SynonymMap | None = None
) -> tuple[str, dict[str, Any], int]:
    """The query, its parameters, and how many leading hits of the page to skip.

    Page mode gives exhaustive `totalHits`; when the offset is not a multiple of the page size
    (a client changed `first` between pages) the page starts at the beginning and is sliced.
    """
    query = meilisearch_query(request.words, synonyms or {})
    offset, limit = request.window
    if limit and offset % limit == 0:
        page, per_page, skip = offset // limit + 1, limit, 0
    elif limit:
        page, per_page, skip = 1, offset + limit, offset
    else:
        page, per_page, skip = 1, 0, 0
    body: dict[str, Any] = {
        "page": page,
        "hitsPerPage": per_page,
        "filter": filter_expression(request),
        "facets": [facet.value for facet in request.facets],
        "attributesToRetrieve": RETRIEVED,
        "showRankingScore": True,
        "matchingStrategy": MATCHING[request.match],
    }
    if request.sort is SearchSort.RECENT or not query:
        body["sort"] = RECENT_FIRST
    if request.highlight and query:
        body.update(
            attributesToHighlight=[field.value for field in HighlightField],
            attributesToCrop=[HighlightField.BODY.value],
            cropLength=SNIPPET_WORDS,
            cropMarker=ELLIPSIS,
            highlightPreTag=START_TAG,
            highlightPostTag=END_TAG,
        )
    return query, body, skip


def parse_hit(hit: Mapping[str, Any], request: SearchRequest) -> SearchHit:
    formatted = hit.get("_formatted") or {}
    highlights = tuple(
        highlight
        for field in HighlightField
        if request.highlight
        and isinstance(formatted.get(field.value), str)
        and (highlight := from_tagged(field, formatted[field.value], START_TAG, END_TAG))
    )
    return SearchHit(int(hit[PRIMARY_KEY]), float(hit.get("_rankingScore", 1.0)), highlights)


class TaskFailed(SearchEngineError):
    """A Meilisearch task that did not succeed; ``code`` is Meilisearch's error code."""

    def __init__(self, message: str, code: str | None) -> None:
        super().__init__(message)
        self.code = code


class MeilisearchEngine:
    """The practice index ``index_uid`` on the Meilisearch server at ``url``."""

    name = SearchEngineName.MEILISEARCH

    def __init__(
        self, url: str, api_key: str | None, index_uid: str, *, timeout_seconds: int = 10
    ) -> None:
        self.url = url
        self.index_uid = index_uid
        self._client = meilisearch.Client(url, api_key, timeout=timeout_seconds)
        self._settings = IndexSettings()
        self._synonyms: SynonymMap = {}
        # `createdAt` of the index as last configured: another value means it was replaced
        # (deleted, then created again with defaults by a document addition).
        self._configured: str | None = None
        self._configuring = threading.Lock()

    # -- settings and writes ------------------------------------------------------------------
    async def ensure_index(self, settings: IndexSettings) -> None:
        self._settings = settings
        self._synonyms = synonym_map(settings, analyse)
        await self._call(self._configure)

    def _configure(self) -> None:
        with self._configuring:  # one thread creates a missing index; the others find it
            self._configured = self._ensure_index(self.index_uid)

    def _ensure_index(self, uid: str) -> str:
        """Create ``uid`` if missing and apply the settings it lacks; its ``createdAt``."""
        try:
            index = self._client.get_index(uid)
        except meilisearch.errors.MeilisearchApiError as error:
            if error.code != "index_not_found":
                raise
            try:
                self._wait(self._client.create_index(uid, {"primaryKey": PRIMARY_KEY}).task_uid)
            except TaskFailed as failed:  # a document addition created it meanwhile
                if failed.code != "index_already_exists":
                    raise
            index = self._client.get_index(uid)
        if index.primary_key not in (None, PRIMARY_KEY):
            raise SearchEngineError(
                f"Meilisearch index {uid!r} has primary key {index.primary_key!r}, expected "
                f"{PRIMARY_KEY!r}; delete it or set GNLC_MEILI_INDEX to another name"
            )
        desired = index_settings_body(self._settings)
        changed = settings_differ(index.get_settings(), desired)
        if changed:
            self._wait(index.update_settings({key: desired[key] for key in changed}).task_uid)
        return str(index.created_at)

    def _configured_index(self) -> meilisearch.index.Index:
        """The index with our settings: configured again when missing or replaced."""
        try:
            created = str(self._client.get_index(self.index_uid).created_at)
        except meilisearch.errors.MeilisearchApiError as error:
            if error.code != "index_not_found":
                raise
            created = None
        if created is None or created != self._configured:
            self._configure()
        return self._index()

    def _write(self, send: Callable[[meilisearch.index.Index], Any]) -> None:
        """Send a write and wait for it; if the index vanished meanwhile, heal and resend."""
        try:
            self._wait(send(self._configured_index()).task_uid)
        except TaskFailed as failed:
            if failed.code not in UNCONFIGURED:
                raise
            self._configure()
            self._wait(send(self._index()).task_uid)

    def _read(self, function: Callable[[], T]) -> T:
        """Run a read; on an error meaning "index missing or unconfigured", heal and retry."""
        try:
            return function()
        except meilisearch.errors.MeilisearchApiError as error:
            if error.code not in UNCONFIGURED:
                raise
        self._configure()
        return function()

    async def upsert(self, documents: Sequence[PracticeDocument]) -> None:
        if documents:
            payload = [to_meilisearch(document) for document in documents]
            await self._call(
                self._write, lambda index: index.add_documents(payload, primary_key=PRIMARY_KEY)
            )

    async def delete(self, ids: Sequence[int]) -> None:
        if ids:
            await self._call(
                self._write, lambda index: index.delete_documents(filter=ids_filter(ids))
            )

    async def replace_all(self, batches: AsyncIterable[Sequence[PracticeDocument]]) -> int:
        """Fill a fresh index, then swap it in atomically: searches never see a partial one."""
        building = f"{self.index_uid}_rebuild"
        await self.ensure_index(self._settings)
        await self._call(self._drop, building)
        await self._call(self._ensure_index, building)
        index = self._client.index(building)
        count = 0
        async for batch in batches:
            payload = [to_meilisearch(document) for document in batch]
            await self._call(
                lambda p=payload: self._wait(
                    index.add_documents(p, primary_key=PRIMARY_KEY).task_uid
                )
            )
            count += len(batch)
        await self._call(
            lambda: self._wait(
                self._client.swap_indexes([{"indexes": [self.index_uid, building]}]).task_uid
            )
        )
        await self._call(self._drop, building)
        await self._call(self._configure)  # the swapped-in index has another createdAt
        return count

    async def drop(self) -> None:
        """Delete the whole index (throw-away test indexes, decommissioning)."""
        await self._call(self._drop, self.index_uid)

    def _drop(self, uid: str) -> None:
        try:
            self._wait(self._client.delete_index(uid).task_uid)
        except (TaskFailed, meilisearch.errors.MeilisearchApiError) as error:
            if error.code != "index_not_found":
                raise

    def _wait(self, task_uid: int) -> None:
        task = self._client.wait_for_task(task_uid, timeout_in_ms=TASK_TIMEOUT_MS)
        if task.status != "succeeded":
            error = task.error or {}
            raise TaskFailed(
                f"Meilisearch task {task_uid} ({task.type}) {task.status}: "
                f"{error.get('message', 'no reason given')}",
                error.get("code"),
            )

    def _index(self) -> meilisearch.index.Index:
        return self._client.index(self.index_uid)

    # -- reading ------------------------------------------------------------------------------
    async def search(self, request: SearchRequest) -> SearchResult:
        query, body, skip = search_body(request, self._synonyms)
        if request.match is MatchMode.ANY:
            clauses = clause_texts(request.words, self._synonyms)
            if len(clauses) > 1:
                return await self._call(
                    self._read, lambda: self._search_any(request, clauses, body)
                )
        response = await self._call(self._read, lambda: self._index().search(query, body))
        page = response.get("hits", [])[skip:]
        distribution = response.get("facetDistribution") or {}
        return SearchResult(
            hits=[parse_hit(hit, request) for hit in page[: request.limit]],
            total_hits=int(response.get("totalHits", len(page))),
            facet_distribution={
                facet: {str(k): int(v) for k, v in distribution.get(facet.value, {}).items()}
                for facet in request.facets
            },
            engine=self.name,
        )

    def _search_any(
        self, request: SearchRequest, clauses: list[str], body: Mapping[str, Any]
    ) -> SearchResult:
        """ANY: every clause searched alone in one multi-search, the rankings merged
        (`any_word`); then the page's highlights and the facets, when asked for."""
        offset, limit = request.window
        depth = offset + limit
        probes = [
            {
                "indexUid": self.index_uid,
                "q": text,
                "filter": body["filter"],
                "page": 1,
                "hitsPerPage": depth,
                "attributesToRetrieve": [PRIMARY_KEY],
                "showRankingScore": True,
                "matchingStrategy": "all",
            }
            for text in any_word.clause_queries(clauses)
        ]
        results = self._client.multi_search(probes)["results"]
        ranked = any_word.merge(
            [
                [(int(hit[PRIMARY_KEY]), float(hit.get("_rankingScore", 1.0))) for hit in r["hits"]]
                for r in results
            ]
        )
        page = ranked[offset:depth]
        highlights = self._any_highlights(page, clauses, body) if request.highlight else {}
        return SearchResult(
            hits=[SearchHit(hit.id, hit.score, highlights.get(hit.id, ())) for hit in page],
            total_hits=any_word.total_hits(
                len(ranked), [int(r.get("totalHits", 0)) for r in results], depth
            ),
            facet_distribution=self._any_facets(request, [hit.id for hit in ranked], body),
            engine=self.name,
        )

    def _any_highlights(
        self, page: Sequence[any_word.Ranked], clauses: list[str], body: Mapping[str, Any]
    ) -> dict[int, tuple[Highlight, ...]]:
        if not page:
            return {}
        queries = [
            {
                **{key: value for key, value in body.items() if key not in ("sort", "facets")},
                "indexUid": self.index_uid,
                "q": text,
                "filter": [*body["filter"], ids_filter(ids)],
                "page": 1,
                "hitsPerPage": len(ids),
                "matchingStrategy": MATCHING[MatchMode.ANY],
            }
            for text, ids in any_word.highlight_queries(page, clauses)
        ]
        request = SearchRequest(query=" ".join(clauses))
        return {
            int(hit[PRIMARY_KEY]): parse_hit(hit, request).highlights
            for result in self._client.multi_search(queries)["results"]
            for hit in result["hits"]
        }

    def _any_facets(
        self, request: SearchRequest, ids: list[int], body: Mapping[str, Any]
    ) -> dict[Facet, dict[str, int]]:
        """Facet counts over the merged hits (all of them when every clause was read out)."""
        if not request.facets:
            return {}
        distribution: Mapping[str, Any] = {}
        if ids:
            response = self._index().search(
                "",
                {
                    "filter": [*body["filter"], ids_filter(ids)],
                    "facets": [facet.value for facet in request.facets],
                    "page": 1,
                    "hitsPerPage": 0,
                },
            )
            distribution = response.get("facetDistribution") or {}
        return {
            facet: {str(k): int(v) for k, v in distribution.get(facet.value, {}).items()}
            for facet in request.facets
        }

    async def document_ids(self) -> set[int]:
        def ids() -> set[int]:
            found: set[int] = set()
            offset = 0
            while True:
                page = self._index().get_documents(
                    {"fields": [PRIMARY_KEY], "limit": 1000, "offset": offset}
                )
                found.update(int(getattr(doc, PRIMARY_KEY)) for doc in page.results)
                offset += len(page.results)
                if not page.results or offset >= page.total:
                    return found

        return await self._call(self._read, ids)

    async def health(self) -> EngineHealth:
        try:
            stats = await self._call(self._read, self._index().get_stats)
        except SearchEngineError as error:
            return EngineHealth(False, str(error))
        return EngineHealth(True, "ok", int(stats.number_of_documents))

    async def claim_writer(self) -> bool:
        """Meilisearch takes writes from any number of clients."""
        return True

    async def repair(self) -> str | None:
        """The server keeps its own data safe; a missing index is recreated by ensure_index."""
        return None

    async def close(self) -> None:
        """Nothing to release: the client opens one HTTP connection per call."""

    async def _call(self, function: Callable[..., T], *args: Any) -> T:
        try:
            return await asyncio.to_thread(function, *args)
        except SearchEngineError:
            raise
        except (MeilisearchError, OSError) as error:
            raise SearchEngineError(f"Meilisearch at {self.url}: {error}") from error
