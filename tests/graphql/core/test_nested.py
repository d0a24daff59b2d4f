"""Nested connections: one statement pages every parent's items, whatever the parent count."""

from __future__ import annotations

import asyncio
from collections import Counter

from sqlalchemy import select

from gnlc_hub.db import Database
from gnlc_hub.graphql.core.context import RequestDb
from gnlc_hub.graphql.core.nested import connections_by
from gnlc_hub.graphql.core.pagination import PageRequest, SortKey
from gnlc_hub.practices.models import Practice

SORT = SortKey("practices:TITLE:ASC", (Practice.sort_title, Practice.id))


def practices_of(city_ids: list[int]):
    return select(Practice.city_id, Practice).where(Practice.city_id.in_(city_ids))


async def test_one_statement_pages_every_parent(database: Database, count_statements) -> None:
    db = RequestDb(database)
    rows = await db.rows(select(Practice.city_id, Practice.sort_title, Practice.id))
    per_city = Counter(city for city, _, _ in rows)
    busy = [city for city, n in per_city.most_common() if n >= 3][:3]
    quiet = [city for city, n in per_city.items() if n == 1][:2]
    assert len(busy) >= 2
    assert quiet
    parents = [*busy, *quiet, 10**6]

    loader = connections_by(db, practices_of, SORT, PageRequest(first=2))
    with count_statements() as counter:
        pages = await loader.load_many(parents)
    assert counter.count == 1
    for city, page in zip(parents, pages, strict=True):
        expected = sorted((title, pk) for c, title, pk in rows if c == city)
        assert [edge.node.id for edge in page.edges] == [pk for _, pk in expected[:2]]
        assert page.page_info.has_next_page == (len(expected) > 2)
        assert not page.page_info.has_previous_page

    with count_statements() as counter:
        totals = await asyncio.gather(*(page.total_count() for page in pages))
    assert list(totals) == [per_city.get(city, 0) for city in parents]
    assert counter.count == 1

    # The end cursor of a busy city's first page continues that city's list.
    first_page = pages[0]
    rest = connections_by(
        db, practices_of, SORT, PageRequest(first=100, after=first_page.page_info.end_cursor)
    )
    following = await rest.load(busy[0])
    expected = sorted((title, pk) for c, title, pk in rows if c == busy[0])
    assert [edge.node.id for edge in following.edges] == [pk for _, pk in expected[2:]]
    assert following.page_info.has_previous_page
    assert not following.page_info.has_next_page
    await db.close()
