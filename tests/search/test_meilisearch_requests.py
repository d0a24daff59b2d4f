"""What the Meilisearch engine sends and how it reads answers, checked without a server.

The behaviour against a real server is the contract suite's Meilisearch run (GNLC_MEILI_URL).
"""

from __future__ import annotations

from gnlc_hub.search.engine import (
    Facet,
    HighlightField,
    IndexSettings,
    MatchMode,
    SearchFilter,
    SearchRequest,
    SearchSort,
)
from gnlc_hub.search.engines.meilisearch import (
    END_TAG,
    START_TAG,
    filter_expression,
    ids_filter,
    index_settings_body,
    parse_hit,
    search_body,
    settings_differ,
    to_meilisearch,
)
from tests.search.factories import FIXED_SYNONYMS, document


def test_settings_are_only_sent_when_they_differ():
    desired = index_settings_body(FIXED_SYNONYMS)
    current = {
        **desired,
        "filterableAttributes": list(reversed(desired["filterableAttributes"])),
        "typoTolerance": {**desired["typoTolerance"], "disableOnWords": []},
        "synonyms": {k: list(reversed(v)) for k, v in desired["synonyms"].items()},
        "stopWords": [],
    }
    assert settings_differ(current, desired) == []
    changed = {**current, "searchableAttributes": ["title"], "synonyms": {}}
    assert settings_differ(changed, desired) == ["searchableAttributes", "synonyms"]
    assert desired["synonyms"]["esd"] == ["education for sustainable development"]


def test_filters_are_and_of_ors_with_quoted_values():
    request = SearchRequest(
        filter=SearchFilter(
            {Facet.CITY: ["larissa", 'odd"name'], Facet.YEAR: ["2019"]},
            year_from=2010,
            excluded={Facet.COUNTRY: ["GR"]},
        )
    )
    assert filter_expression(request) == [
        ['city = "larissa"', 'city = "odd\\"name"'],
        ["year = 2019"],
        'country != "GR"',
        "year >= 2010",
    ]
    assert ids_filter([3, 1]) == "id IN [3, 1]"


def test_pages_use_exhaustive_page_mode():
    _, body, skip = search_body(SearchRequest(query="refugees", offset=40, limit=20))
    assert (body["page"], body["hitsPerPage"], skip) == (3, 20, 0)
    _, body, skip = search_body(SearchRequest(query="refugees", offset=25, limit=20))
    assert (body["page"], body["hitsPerPage"], skip) == (1, 45, 25)
    _, body, _ = search_body(SearchRequest(limit=0, facets=[Facet.CITY]))
    assert (body["hitsPerPage"], body["facets"]) == (0, ["city"])


def test_browsing_and_recent_sort_by_publication():
    query, body, _ = search_body(SearchRequest(query=' "(*'))
    assert query == ""
    assert body["sort"] == ["published_at:desc", "id:desc"]
    assert "attributesToHighlight" not in body
    _, body, _ = search_body(SearchRequest(query="x", sort=SearchSort.RELEVANCE))
    assert "sort" not in body
    _, body, _ = search_body(SearchRequest(query="x", match=MatchMode.ANY))
    assert body["matchingStrategy"] == "frequency"


def test_hits_become_ids_scores_and_our_highlights():
    hit = {
        "id": 7,
        "_rankingScore": 0.75,
        "_formatted": {"title": f"A {START_TAG}<b>{END_TAG} title", "summary": "no match"},
    }
    parsed = parse_hit(hit, SearchRequest(query="b"))
    assert (parsed.id, parsed.score) == (7, 0.75)
    assert [(h.field, h.snippet) for h in parsed.highlights] == [
        (HighlightField.TITLE, "A <mark>&lt;b&gt;</mark> title")
    ]


def test_documents_are_plain_json_with_the_database_id():
    payload = to_meilisearch(document(12, themes=("literacy",)))
    assert payload["id"] == 12
    assert payload["themes"] == ["literacy"]
    assert IndexSettings().synonyms() == {}
