"""A city's practices and alliances are Relay connections: paged with first/after, counted."""

from __future__ import annotations

from tests import seedfacts
from tests.conftest import GraphQLClient

PAGE = """query($slug: String!, $first: Int, $after: String) {
  city(slug: $slug) {
    practices(first: $first, after: $after) {
      totalCount
      edges { cursor node { slug } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
}"""


def busiest_city() -> tuple[str, list[str]]:
    """The seeded city with the most practices, and their slugs."""
    files = sorted((seedfacts.SEEDS / "practices").glob("*.toml"))
    counts = {path.stem: [p["slug"] for p in seedfacts.practices_of(path.stem)] for path in files}
    return max(counts.items(), key=lambda item: (len(item[1]), item[0]))


async def test_a_city_s_practices_page_one_by_one(gql: GraphQLClient) -> None:
    slug, practices = busiest_city()
    assert len(practices) >= 2
    seen, after = [], None
    while True:
        page = (await gql.data(PAGE, {"slug": slug, "first": 1, "after": after}))["city"][
            "practices"
        ]
        assert page["totalCount"] == len(practices)
        assert page["pageInfo"]["hasPreviousPage"] == (after is not None)
        seen += [edge["node"]["slug"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
        assert after == page["edges"][-1]["cursor"]
    assert sorted(seen) == sorted(practices)
    assert len(seen) == len(set(seen))


async def test_nested_page_arguments_are_checked(gql: GraphQLClient) -> None:
    slug, _ = busiest_city()
    too_many = await gql(PAGE, {"slug": slug, "first": 101})
    assert too_many["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    foreign = (await gql.data("{ cities(first: 1) { pageInfo { endCursor } } }"))["cities"]
    wrong = await gql(PAGE, {"slug": slug, "after": foreign["pageInfo"]["endCursor"]})
    assert wrong["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "another list or ordering" in wrong["errors"][0]["message"]


async def test_alliances_page_too(gql: GraphQLClient) -> None:
    data = await gql.data(
        """{ cities(first: 100) { edges { node { slug
             alliances(first: 1) { totalCount edges { node { slug } } pageInfo { hasNextPage } }
           } } } }"""
    )
    pages = [edge["node"]["alliances"] for edge in data["cities"]["edges"]]
    assert any(page["totalCount"] > 0 for page in pages)
    for page in pages:
        assert len(page["edges"]) == min(1, page["totalCount"])
        assert page["pageInfo"]["hasNextPage"] == (page["totalCount"] > 1)
