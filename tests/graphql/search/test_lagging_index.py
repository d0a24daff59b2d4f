"""While the index lags behind the database, `totalHits` and `facetDistribution` agree with the
hits a caller may see: practices archived (or otherwise unpublished) but not yet removed from the
index are counted nowhere. The index is made to lag on purpose: no sync worker runs."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.core.viewer import Role
from gnlc_hub.db import Database
from gnlc_hub.practices.actions import Transition
from gnlc_hub.practices.enums import PracticeStatus
from gnlc_hub.search.engine import SearchEngine
from gnlc_hub.search.indexing.rebuild import reindex
from tests.conftest import GraphQLClient
from tests.graphql import support
from tests.helpers import mutate

BROWSE = """query($query: String!) {
  searchPractices(query: $query, facets: [CITY, REGION], first: 100) {
    totalHits
    hits { practice { slug city { slug } } }
    facetDistribution { facet values { value count } }
  }
}"""


async def counts(lagging_hub: GraphQLClient) -> tuple[int, list[str], Counter[str], Counter[str]]:
    """totalHits, the hits' slugs, the CITY facet counts and the hits counted by city."""
    result = (await lagging_hub.data(BROWSE, {"query": ""}))["searchPractices"]
    facets = {facet["facet"]: facet["values"] for facet in result["facetDistribution"]}
    by_city = Counter({value["value"]: value["count"] for value in facets["CITY"]})
    hits_by_city = Counter(hit["practice"]["city"]["slug"] for hit in result["hits"])
    return (
        result["totalHits"],
        [hit["practice"]["slug"] for hit in result["hits"]],
        by_city,
        hits_by_city,
    )


async def test_counts_leave_out_practices_archived_while_the_index_lags(
    lagging_hub: GraphQLClient,
    session: AsyncSession,
    database: Database,
    own_index: SearchEngine,
    issue_token: Any,
) -> None:
    staff = await issue_token(Role.SECRETARIAT)
    before, _, _, _ = await counts(lagging_hub)
    published = [
        await support.practice_in(session, PracticeStatus.PUBLISHED, city="larissa", title=title)
        for title in ("Harbour night school", "Harbour book boats")
    ]
    await reindex(database, own_index)  # both are in the index now
    total, slugs, by_city, hits_by_city = await counts(lagging_hub)
    assert total == len(slugs) == before + 2  # one page holds every match
    assert by_city == hits_by_city

    for practice in published:  # archived through the API; no worker removes them yet
        fresh = await support.fresh(session, practice)
        step = {"id": support.gid(fresh), "version": fresh.version}
        payload = await mutate(lagging_hub, support.STEPS[Transition.ARCHIVE], step, staff)
        assert payload["userErrors"] == []
    assert published[0].id in await own_index.document_ids()  # the index does lag

    total, slugs, by_city, hits_by_city = await counts(lagging_hub)
    assert total == len(slugs) == before
    assert by_city == hits_by_city
    assert not {practice.slug for practice in published} & set(slugs)
