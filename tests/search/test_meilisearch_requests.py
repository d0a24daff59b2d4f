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
    analyse,
    filter_expression,
    ids_filter,
    index_settings_body,
    meilisearch_query,
    parse_hit,
    search_body,
    settings_differ,
    to_meilisearch,
)
from gnlc_hub.search.query_plan import synonym_map
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
            excluded_ids=[7, 5],
        )
    )
    assert filter_expression(request) == [
        ['city = "larissa"', 'city = "odd\\"name"'],
        ["year = 2019"],
        'country != "GR"',
        "id NOT IN [7, 5]",
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
    assert body["matchingStrategy"] == "last"  # words sent rarest first: commonest dropped first


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


def test_marks_reach_the_end_of_the_word():
    """The server marks a prefix as far as typed and a typo'd word as long as the query word."""
    hit = {
        "id": 1,
        "_formatted": {
            "title": f"{START_TAG}Entrepreneurshi{END_TAG}p for {START_TAG}refu{END_TAG}gee-led",
            "summary": f"{START_TAG}学{END_TAG}习城市 and {START_TAG}ends{END_TAG}",
            "body": f"…a {START_TAG}libr{END_TAG}ary…",
        },
    }
    parsed = parse_hit(hit, SearchRequest(query="refu"))
    assert [h.snippet for h in parsed.highlights] == [
        "<mark>Entrepreneurship</mark> for <mark>refugee</mark>-led",
        "<mark>学</mark>习城市 and <mark>ends</mark>",  # unspaced scripts: marks stay as given
        "…a <mark>library</mark>…",
    ]


def test_long_synonym_phrases_are_sent_as_their_shortest_synonym():
    synonyms = synonym_map(FIXED_SYNONYMS, analyse)

    def sent(query: str) -> str:
        return meilisearch_query(SearchRequest(query=query).words, synonyms)

    assert sent("Education for Sustainable Development in schools") == "esd in schools"
    assert sent("ESD") == "ESD"  # short phrases the server expands itself
    assert sent("community learning centres") == "community learning centres"
    assert sent("Éducation pour tous") == "Éducation pour tous"  # spelling kept
    assert (
        search_body(SearchRequest(query="education for sustainable development"), synonyms)[0]
        == "esd"
    )
