"""A fault-injecting wrapper around a real engine, for the "nothing lost" tests.

Searches and reads go straight to the wrapped engine; writes can be made to fail on command:
a full outage, a failure part-way through a batch, or documents that are always refused.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, Sequence

from gnlc_hub.search.engine import (
    EngineHealth,
    IndexSettings,
    PracticeDocument,
    SearchEngine,
    SearchEngineError,
    SearchRequest,
    SearchResult,
)


class FaultInjectingEngine:
    def __init__(self, inner: SearchEngine) -> None:
        self.inner = inner
        self.name = inner.name
        self.down = False
        self.fail_after_documents: int | None = None
        self.refused_ids: set[int] = set()
        self.upserted: list[int] = []
        self.deleted: list[int] = []
        self.write_calls = 0
        # Calls refused because the engine was down (any method).
        self.refused_calls = 0

    async def ensure_index(self, settings: IndexSettings) -> None:
        self._check_up()
        await self.inner.ensure_index(settings)

    async def upsert(self, documents: Sequence[PracticeDocument]) -> None:
        self.write_calls += 1
        self._check_up()
        refused = [d.id for d in documents if d.id in self.refused_ids]
        if refused:
            raise SearchEngineError(f"simulated: documents {refused} refused")
        if self.fail_after_documents is not None and len(documents) > self.fail_after_documents:
            written = list(documents[: self.fail_after_documents])
            self.fail_after_documents = None
            await self.inner.upsert(written)
            self.upserted.extend(d.id for d in written)
            raise SearchEngineError("simulated: connection lost part-way through a batch")
        await self.inner.upsert(documents)
        self.upserted.extend(d.id for d in documents)

    async def delete(self, ids: Sequence[int]) -> None:
        self.write_calls += 1
        self._check_up()
        await self.inner.delete(ids)
        self.deleted.extend(ids)

    async def replace_all(self, batches: AsyncIterable[Sequence[PracticeDocument]]) -> int:
        self._check_up()
        return await self.inner.replace_all(batches)

    async def search(self, request: SearchRequest) -> SearchResult:
        self._check_up()
        return await self.inner.search(request)

    async def document_ids(self) -> set[int]:
        return await self.inner.document_ids()

    async def health(self) -> EngineHealth:
        if self.down:
            self.refused_calls += 1
            return EngineHealth(False, "simulated outage")
        return await self.inner.health()

    async def claim_writer(self) -> bool:
        return await self.inner.claim_writer()

    async def repair(self) -> str | None:
        return await self.inner.repair()

    async def close(self) -> None:
        await self.inner.close()

    def _check_up(self) -> None:
        if self.down:
            self.refused_calls += 1
            raise SearchEngineError("simulated: engine unreachable")
