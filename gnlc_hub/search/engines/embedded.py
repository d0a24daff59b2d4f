"""The embedded engine: a tantivy index in the data folder, no server needed.

Tantivy allows one writer per index (across processes too), so this object owns it: every
write goes through ``_write``, serialised by one lock, committed, then the reader reloaded.
Blocking tantivy calls run in worker threads, never on the event loop.

A damaged index (corrupt ``meta.json``, missing or emptied segment files, the folder deleted
while running) never stops the process: the engine reports it, and the process that owns the
writer calls ``repair`` to move the folder aside and start an empty index, which the caller
rebuilds from the database (``search.rebuild``). Until then searches answer
``SearchEngineError`` (``SEARCH_UNAVAILABLE``) rather than silently missing documents.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import AsyncIterable, Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, TypeVar

import tantivy

from gnlc_hub.search.engine import (
    MAX_FACET_VALUES,
    MAX_TOTAL_HITS,
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
)
from gnlc_hub.search.highlight import field_highlight
from gnlc_hub.search.query_plan import Clause, SynonymMap, Term, WordMarker, plan, synonym_map

T = TypeVar("T")

log = logging.getLogger("gnlc_hub.search.embedded")
# Damaged folders moved aside are kept for inspection, the newest few only.
KEEP_DAMAGED = 2

# Bump when the schema below changes: a new version starts in a new folder, filled by reindex.
SCHEMA_VERSION = 1
TOKENIZER = "gnlc_words"
# Searchable fields and their weight (title matches count most).
TEXT_FIELDS: dict[str, float] = {
    "title": 3.0,
    "theme_names": 2.0,
    "keywords": 2.0,
    "summary": 1.5,
    "city_name": 1.5,
    "country_name": 1.0,
    "body": 1.0,
}
STORED_TEXT = ("title", "summary", "body")
# Typo and prefix matches score flat (tantivy gives them all 1.0); exact words add BM25 on top,
# so "refugees" ranks exact matches above "refugess"-style near misses.
FUZZY_SCORE = 0.5
MATCHED_WORD_SCORE = 1000.0
KEYWORD_FACETS = [facet for facet in Facet if facet is not Facet.YEAR]
# Recency sorts on one fast field: publication second, ties broken by id (newest id first).
ID_BITS = 24


def recency_key(document: PracticeDocument) -> int:
    return (document.published_at << ID_BITS) | (document.id & ((1 << ID_BITS) - 1))


def _analyzer() -> tantivy.TextAnalyzer:
    """Words split on non-alphanumerics, lower-cased and accent-folded; no stemming, like
    Meilisearch, so both engines match the same words."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(60))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build()
    )


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    for name in TEXT_FIELDS:
        builder.add_text_field(name, stored=name in STORED_TEXT, tokenizer_name=TOKENIZER)
    for facet in KEYWORD_FACETS:
        builder.add_text_field(facet.value, tokenizer_name="raw", fast=True)
    builder.add_integer_field(Facet.YEAR.value, indexed=True, fast=True)
    builder.add_integer_field("recency", fast=True)
    return builder.build()


class EmbeddedEngine:
    """A practice index in ``path`` (``None``: in memory, for benchmarks and fault tests)."""

    name = SearchEngineName.EMBEDDED

    def __init__(self, path: Path | None, *, writer_heap: int = 128_000_000) -> None:
        self.path = path / f"practices-v{SCHEMA_VERSION}" if path is not None else None
        self._schema = _schema()
        self._analyzer = _analyzer()
        self._writer_heap = writer_heap
        self._writer: tantivy.IndexWriter | None = None
        self._writer_lock = threading.Lock()
        self._writes = asyncio.Lock()
        self._synonyms: SynonymMap = {}
        # Held (flock) by the one process that writes and repairs this index.
        self._owner: IO[bytes] | None = None
        # Why the index cannot be used (None when sound), and why the last write failed.
        self._damage: str | None = None
        self._write_failure: str | None = None
        # Set from `repair` until the rebuild's `replace_all` lands: searches would miss documents.
        self._rebuilding: str | None = None
        self._index: tantivy.Index | None = None
        with contextlib.suppress(SearchEngineError):
            self._open()

    def _open(self) -> tantivy.Index:
        """Open (or create) the index; a damaged one is recorded, never raised at start-up."""
        try:
            if self.path is not None:
                self.path.mkdir(parents=True, exist_ok=True)
            index = tantivy.Index(self._schema, path=str(self.path) if self.path else None)
        except (ValueError, OSError) as error:
            self._damage = f"embedded index unreadable: {error}"
            raise SearchEngineError(self._damage) from error
        index.register_tokenizer(TOKENIZER, self._analyzer)
        self._index, self._damage = index, None
        return index

    @property
    def _live(self) -> tantivy.Index:
        """The open index; reopened when damaged (another process may have repaired it)."""
        if self._rebuilding is not None:
            raise SearchEngineError(f"embedded index is being rebuilt ({self._rebuilding})")
        if self._index is None or self._damage is not None:
            return self._open()
        return self._index

    def _missing(self) -> str | None:
        """The folder or its ``meta.json`` vanished under a running process."""
        if self.path is None or self._index is None:
            return None
        if not (self.path / "meta.json").is_file():
            return f"embedded index folder {self.path} is missing or incomplete"
        return None

    def _unwritable(self) -> str | None:
        """Whether a file can be created in the folder now (permissions, read-only volume)."""
        if self.path is None or not self.path.is_dir():
            return None
        try:
            tempfile.TemporaryFile(dir=self.path).close()
        except OSError as error:
            return f"embedded index at {self.path} cannot be written: {error.strerror or error}"
        return None

    async def repair(self) -> str | None:
        """If the index is unreadable or missing, move it aside, start an empty one and say why.

        Only the owner of the writer repairs (two processes moving the same folder would race).
        The caller then rebuilds the index from the database; searches answer unavailable until
        that rebuild's ``replace_all`` has landed.
        """
        if self.path is None or not await self.claim_writer():
            return None
        async with self._writes:
            return await self._run(self._repair)

    def _diagnose(self) -> str | None:
        """Why the index cannot be used, if it cannot. After a failed write the folder is
        opened afresh, which reads ``meta.json`` and every segment (cheap: files are mapped)."""
        reason = self._damage or self._missing()
        if reason is None and self._write_failure is not None and self.path is not None:
            try:
                tantivy.Index(self._schema, path=str(self.path))
            except (ValueError, OSError) as error:
                reason = f"embedded index unreadable: {error}"
        return reason

    def _repair(self) -> str | None:
        reason = self._diagnose()
        if reason is None:
            return None
        assert self.path is not None
        self._drop_writer()
        self._index = None
        if self.path.exists():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
            aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
            with contextlib.suppress(OSError):
                os.replace(self.path, aside)
                log.warning("moved the damaged search index aside to %s", aside)
            self._forget_old_damaged()
        shutil.rmtree(self.path, ignore_errors=True)
        self._rebuilding = reason
        self._open()
        return reason

    def _forget_old_damaged(self) -> None:
        assert self.path is not None
        damaged = sorted(self.path.parent.glob(f"{self.path.name}.damaged-*"))
        for old in damaged[:-KEEP_DAMAGED]:
            shutil.rmtree(old, ignore_errors=True)

    # -- writing ------------------------------------------------------------------------------
    async def ensure_index(self, settings: IndexSettings) -> None:
        self._synonyms = synonym_map(settings, self.analyse)

    async def upsert(self, documents: Sequence[PracticeDocument]) -> None:
        if not documents:
            return

        def work(writer: tantivy.IndexWriter) -> None:
            for document in documents:
                writer.delete_documents_by_term("id", document.id)
                writer.add_document(self._to_tantivy(document))

        await self._write(work)

    async def delete(self, ids: Sequence[int]) -> None:
        if not ids:
            return

        def work(writer: tantivy.IndexWriter) -> None:
            for document_id in ids:
                writer.delete_documents_by_term("id", int(document_id))

        await self._write(work)

    async def replace_all(self, batches: AsyncIterable[Sequence[PracticeDocument]]) -> int:
        """Delete everything and add the batches in one commit: readers never see a gap."""
        async with self._writes:
            writer = await self._run(self._acquire_writer)
            count = 0
            try:
                await self._run(writer.delete_all_documents)
                async for batch in batches:
                    await self._run(
                        lambda b=batch: [writer.add_document(self._to_tantivy(d)) for d in b]
                    )
                    count += len(batch)
                await self._run(self._commit, writer)
            except BaseException:
                with contextlib.suppress(SearchEngineError):
                    await self._run(writer.rollback)
                raise
            self._rebuilding = None
            return count

    async def _write(self, work: Callable[[tantivy.IndexWriter], None]) -> None:
        async with self._writes:

            def run() -> None:
                writer = self._acquire_writer()
                try:
                    work(writer)
                    self._commit(writer)
                except BaseException as error:
                    self._write_failure = f"embedded index write failed: {error}"
                    # A writer whose commit failed may be unusable: the next write opens anew.
                    self._drop_writer()
                    raise
                self._write_failure = None

            await self._run(run)

    def _acquire_writer(self) -> tantivy.IndexWriter:
        with self._writer_lock:
            self._own()
            if self._writer is None:
                index = self._index if self._index is not None else self._open()
                try:
                    self._writer = index.writer(heap_size=self._writer_heap)
                except ValueError as error:
                    raise SearchEngineError(
                        f"the embedded index at {self.path} cannot be written: {error}"
                    ) from error
            return self._writer

    def _own(self) -> None:
        """Become the one process that writes (and repairs) this index, or say who is."""
        if self._owner is not None or self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path.with_name(f"{self.path.name}.owner"), "ab")  # noqa: SIM115
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise SearchEngineError(
                f"another process writes the embedded index at {self.path} (a server's sync "
                "worker, `gnlc-hub worker` or `reindex`); tantivy allows one writer per index"
            ) from None
        self._owner = handle

    def _drop_writer(self) -> None:
        with self._writer_lock:
            writer, self._writer = self._writer, None
        if writer is not None:
            with contextlib.suppress(ValueError, OSError):
                writer.rollback()

    def _commit(self, writer: tantivy.IndexWriter) -> None:
        writer.commit()
        (self._index or self._open()).reload()

    def _to_tantivy(self, document: PracticeDocument) -> tantivy.Document:
        fields: dict[str, Any] = {
            "id": document.id,
            "title": document.title,
            "summary": document.summary,
            "body": document.body,
            "keywords": list(document.keywords),
            "city_name": document.city_name,
            "country_name": document.country_name,
            "theme_names": list(document.theme_names),
            "recency": recency_key(document),
        }
        for facet in KEYWORD_FACETS:
            fields[facet.value] = list(document.facet_values(facet))
        if document.year is not None:
            fields[Facet.YEAR.value] = document.year
        return tantivy.Document(**{k: v for k, v in fields.items() if v != []})

    # -- reading ------------------------------------------------------------------------------
    async def search(self, request: SearchRequest) -> SearchResult:
        return await self._run(self._search, request)

    async def document_ids(self) -> set[int]:
        def ids() -> set[int]:
            searcher = self._live.searcher()
            if searcher.num_docs == 0:
                return set()
            hits = searcher.search(tantivy.Query.all_query(), searcher.num_docs, count=False).hits
            values = searcher.fast_field_values("id", [address for _, address in hits])
            return {int(value) for value in values if value is not None}

        return await self._run(ids)

    async def health(self) -> EngineHealth:
        try:
            documents = await self._run(lambda: self._live.searcher().num_docs)
        except Exception as error:  # reported, never raised: health is a question
            return EngineHealth(False, str(error))
        problem = await self._run(lambda: self._missing() or self._unwritable())
        problem = problem or self._write_failure
        if problem is not None:
            return EngineHealth(False, problem, documents)
        return EngineHealth(True, "ok", documents)

    async def claim_writer(self) -> bool:
        """Own the index (a damaged one too: its owner repairs it); the tantivy writer itself
        is opened at the first write."""
        try:
            await self._run(self._own)
        except SearchEngineError:
            return False
        with contextlib.suppress(SearchEngineError):
            await self._run(self._acquire_writer)
        return True

    async def close(self) -> None:
        async with self._writes:
            await self._run(self._release_writer)

    def _release_writer(self) -> None:
        with self._writer_lock:
            writer, self._writer = self._writer, None
            owner, self._owner = self._owner, None
        if writer is not None:
            with contextlib.suppress(ValueError, OSError):
                writer.wait_merging_threads()
        if owner is not None:
            owner.close()

    def analyse(self, text: str) -> list[str]:
        return self._analyzer.analyze(text)

    def _search(self, request: SearchRequest) -> SearchResult:
        tokens = self.analyse(" ".join(request.words))
        clauses = plan(tokens, self._synonyms)
        text_query = self._text_query(clauses, request.match) if clauses else None
        query = self._filtered(text_query, request)
        searcher = self._live.searcher()
        offset, limit = request.window
        by_recency = request.sort is SearchSort.RECENT or text_query is None
        found = searcher.search(
            query,
            max(limit, 1),
            count=True,
            offset=offset,
            **({"order_by_field": "recency", "order": tantivy.Order.Desc} if by_recency else {}),
        )
        addresses = [address for _, address in found.hits][:limit]
        # Ids from the fast field: stored documents are only read for highlights.
        ids = [int(value) for value in searcher.fast_field_values("id", addresses)]
        scores = self._scores(searcher, query, ids, found.hits, by_recency, text_query)
        marker = WordMarker(clauses) if request.highlight and clauses else None
        hits = [
            SearchHit(
                document_id,
                score,
                self._highlights(searcher.doc(address), marker) if marker else (),
            )
            for address, document_id, score in zip(addresses, ids, scores, strict=True)
        ]
        return SearchResult(
            hits=hits,
            total_hits=min(found.count or 0, MAX_TOTAL_HITS),
            facet_distribution=self._facets(searcher, query, request.facets),
            engine=self.name,
        )

    def _scores(
        self,
        searcher: tantivy.Searcher,
        query: tantivy.Query,
        ids: list[int],
        raw_hits: list[tuple[Any, tantivy.DocAddress]],
        by_recency: bool,
        text_query: tantivy.Query | None,
    ) -> list[float]:
        """Relevance in [0, 1] of the hits ``ids``: BM25 divided by the best hit's BM25."""
        if not ids:
            return []
        if text_query is None:
            return [1.0] * len(ids)
        best = searcher.search(query, 1, count=False).hits
        top = float(best[0][0]) if best else 1.0
        if by_recency:
            scoped = tantivy.Query.boolean_query(
                [
                    (tantivy.Occur.Must, query),
                    (tantivy.Occur.Must, tantivy.Query.term_set_query(self._schema, "id", ids)),
                ]
            )
            rescored = searcher.search(scoped, len(ids), count=False).hits
            by_id = dict(
                zip(
                    searcher.fast_field_values("id", [a for _, a in rescored]),
                    (float(s) for s, _ in rescored),
                    strict=True,
                )
            )
            raw = [by_id.get(document_id, 0.0) for document_id in ids]
        else:
            raw = [float(score) for score, _ in raw_hits[: len(ids)]]
        return [round(min(1.0, score / top), 6) if top > 0 else 0.0 for score in raw]

    def _text_query(self, clauses: list[Clause], match: MatchMode) -> tantivy.Query:
        queries = [self._clause(clause) for clause in clauses]
        if match is MatchMode.ALL:
            return tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in queries])
        # Each matched word adds a constant far above any BM25 score: more words rank first.
        return tantivy.Query.boolean_query(
            [(tantivy.Occur.Should, q) for q in queries]
            + [
                (tantivy.Occur.Should, tantivy.Query.const_score_query(q, MATCHED_WORD_SCORE))
                for q in queries
            ]
        )

    def _clause(self, clause: Clause) -> tantivy.Query:
        typed = [self._term(term) for term in clause.words]
        options = [
            typed[0]
            if len(typed) == 1
            else tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in typed])
        ]
        options.extend(self._phrase(phrase) for phrase in clause.alternatives)
        if len(options) == 1:
            return options[0]
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in options])

    def _term(self, term: Term) -> tantivy.Query:
        parts: list[tuple[tantivy.Occur, tantivy.Query]] = []
        for field, weight in TEXT_FIELDS.items():
            exact = tantivy.Query.term_query(self._schema, field, term.text)
            parts.append((tantivy.Occur.Should, tantivy.Query.boost_query(exact, weight)))
            if term.budget or term.prefix:
                near = tantivy.Query.fuzzy_term_query(
                    self._schema,
                    field,
                    term.text,
                    distance=term.budget,
                    transposition_cost_one=True,
                    prefix=term.prefix,
                )
                parts.append(
                    (
                        tantivy.Occur.Should,
                        tantivy.Query.const_score_query(near, FUZZY_SCORE * weight),
                    )
                )
        return tantivy.Query.boolean_query(parts)

    def _phrase(self, phrase: tuple[str, ...]) -> tantivy.Query:
        parts = []
        for field, weight in TEXT_FIELDS.items():
            if len(phrase) == 1:
                query = tantivy.Query.term_query(self._schema, field, phrase[0])
            else:
                query = tantivy.Query.phrase_query(self._schema, field, list(phrase))
            parts.append((tantivy.Occur.Should, tantivy.Query.boost_query(query, weight)))
        return tantivy.Query.boolean_query(parts)

    def _filtered(self, text_query: tantivy.Query | None, request: SearchRequest) -> tantivy.Query:
        parts = [(tantivy.Occur.Must, text_query or tantivy.Query.all_query())]
        wanted = request.filter.active()
        for facet, values in wanted.items():
            parts.append((tantivy.Occur.Must, self._facet_query(facet, values)))
        for facet, values in request.filter.active_exclusions().items():
            parts.append((tantivy.Occur.MustNot, self._facet_query(facet, values)))
        if request.filter.excluded_ids:
            ids = [int(document_id) for document_id in request.filter.excluded_ids]
            parts.append(
                (tantivy.Occur.MustNot, tantivy.Query.term_set_query(self._schema, "id", ids))
            )
        if request.filter.year_from is not None or request.filter.year_to is not None:
            years = tantivy.Query.range_query(
                self._schema,
                Facet.YEAR.value,
                tantivy.FieldType.Integer,
                request.filter.year_from,
                request.filter.year_to,
            )
            parts.append((tantivy.Occur.Must, years))
        return parts[0][1] if len(parts) == 1 else tantivy.Query.boolean_query(parts)

    def _facet_query(self, facet: Facet, values: Sequence[str]) -> tantivy.Query:
        if facet is Facet.YEAR:
            years = [int(value) for value in values if value.lstrip("-").isdigit()]
            return tantivy.Query.term_set_query(self._schema, facet.value, years)
        return tantivy.Query.term_set_query(self._schema, facet.value, list(values))

    def _facets(
        self, searcher: tantivy.Searcher, query: tantivy.Query, facets: Sequence[Facet]
    ) -> dict[Facet, dict[str, int]]:
        if not facets:
            return {}
        aggregations = {
            facet.value: {"terms": {"field": facet.value, "size": MAX_FACET_VALUES}}
            for facet in facets
        }
        result = searcher.aggregate(query, aggregations)
        return {
            facet: {
                str(bucket["key"]): int(bucket["doc_count"])
                for bucket in result.get(facet.value, {}).get("buckets", [])
            }
            for facet in facets
        }

    def _highlights(self, document: tantivy.Document, marker: WordMarker) -> tuple[Highlight, ...]:
        found = []
        for field in HighlightField:
            text = document.get_first(field.value) or ""
            tokens = self._analyzer.pre_tokenize(text).tokens
            texts = [token.text for token in tokens]
            marked = marker.marked(texts)
            keys = [texts[i].lower() for i in marked]
            highlight = field_highlight(field, text, _TokenSpans(tokens), marked, keys)
            if highlight is not None:
                found.append(highlight)
        return tuple(found)

    async def _run(self, function: Callable[..., T], *args: Any) -> T:
        try:
            return await asyncio.to_thread(function, *args)
        except SearchEngineError:
            raise
        except (ValueError, OSError, RuntimeError) as error:
            raise SearchEngineError(f"embedded index: {error}") from error


class _TokenSpans:
    """Offsets of tantivy tokens, read only for the words a snippet shows."""

    def __init__(self, tokens: Sequence[tantivy.Token]) -> None:
        self._tokens = tokens

    def __len__(self) -> int:
        return len(self._tokens)

    def span(self, index: int) -> tuple[int, int]:
        token = self._tokens[index]
        return token.char_offset_from, token.char_offset_to
