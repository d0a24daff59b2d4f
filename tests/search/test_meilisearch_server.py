"""The Meilisearch engine against a real server: its index heals whenever it is found missing.

Meilisearch creates a missing index with default settings when documents are added, after
which filters, sorts and deletes by id fail; the engine must notice and configure it again,
at any time, not only at start-up. Runs when GNLC_MEILI_URL is set.
"""

from __future__ import annotations

import uuid

import meilisearch
import pytest

from gnlc_hub.search.engine import Facet, SearchFilter, SearchRequest, SearchSort
from gnlc_hub.search.engines.meilisearch import MeilisearchEngine
from tests.engines import MEILI_KEY, MEILI_URL
from tests.search.factories import FIXED_SYNONYMS, document

pytestmark = pytest.mark.skipif(
    not MEILI_URL, reason="Meilisearch server tests skipped: set GNLC_MEILI_URL to a server"
)


@pytest.fixture
async def engine():
    assert MEILI_URL is not None
    opened = MeilisearchEngine(MEILI_URL, MEILI_KEY, f"gnlc_test_{uuid.uuid4().hex[:12]}")
    yield opened
    await opened.drop()


def raw_client() -> meilisearch.Client:
    """Another client of the same server, doing what an operator or another tool might."""
    return meilisearch.Client(MEILI_URL, MEILI_KEY)


def done(client: meilisearch.Client, task: object) -> None:
    client.wait_for_task(task.task_uid, timeout_in_ms=60_000)  # type: ignore[attr-defined]


def delete_index(uid: str) -> None:
    client = raw_client()
    done(client, client.delete_index(uid))


async def works_fully(engine: MeilisearchEngine) -> None:
    """Filters, recency sort, facets and deletes by id: what a default index refuses."""
    await engine.upsert([document(1, "Reading clubs", city="alpha"), document(2, "Reading")])
    result = await engine.search(
        SearchRequest(filter=SearchFilter({Facet.CITY: ["alpha"]}), facets=[Facet.CITY])
    )
    assert [hit.id for hit in result.hits] == [1]
    assert result.facet_distribution[Facet.CITY] == {"alpha": 1}
    recent = await engine.search(SearchRequest(query="reading", sort=SearchSort.RECENT))
    assert [hit.id for hit in recent.hits] == [2, 1]
    await engine.delete([2])
    remaining = await engine.document_ids()
    assert 1 in remaining
    assert 2 not in remaining


async def test_a_first_write_without_ensure_index_configures_the_index(engine):
    await works_fully(engine)


async def test_an_index_deleted_while_running_heals_on_the_next_write(engine):
    await engine.ensure_index(FIXED_SYNONYMS)
    await engine.upsert([document(9, "CLC volunteers")])
    delete_index(engine.index_uid)
    await works_fully(engine)
    found = await engine.search(SearchRequest(query="community learning centre"))
    assert found.total_hits == 0  # the deleted documents are gone (reindex restores them)
    await engine.upsert([document(9, "CLC volunteers")])
    found = await engine.search(SearchRequest(query="community learning centre"))
    assert [hit.id for hit in found.hits] == [9]  # synonyms came back with the settings


async def test_an_index_recreated_with_defaults_by_someone_else_heals(engine):
    await engine.ensure_index(FIXED_SYNONYMS)
    delete_index(engine.index_uid)
    client = raw_client()
    done(client, client.index(engine.index_uid).add_documents([{"id": 5, "title": "x"}]))
    assert client.index(engine.index_uid).get_filterable_attributes() == []
    await works_fully(engine)


async def test_a_search_on_a_missing_index_is_empty_and_heals_it(engine):
    await engine.ensure_index(FIXED_SYNONYMS)
    delete_index(engine.index_uid)
    result = await engine.search(
        SearchRequest(filter=SearchFilter({Facet.CITY: ["alpha"]}), sort=SearchSort.RECENT)
    )
    assert (result.total_hits, result.hits) == (0, [])
    assert (await engine.health()).ok
    await works_fully(engine)
