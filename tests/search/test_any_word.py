"""The ANY-word merge Meilisearch needs (gnlc_hub/search/engines/any_word.py), without a server."""

from gnlc_hub.search.engines.any_word import (
    Ranked,
    clause_queries,
    highlight_queries,
    merge,
    total_hits,
)


def test_more_clauses_matched_outrank_a_better_score_on_fewer():
    ranked = merge([[(1, 1.0), (2, 0.1)], [(2, 0.1), (3, 0.9)]])
    assert [hit.id for hit in ranked] == [2, 1, 3]
    assert ranked[0].score == 1.0
    assert ranked[0].clauses == (0, 1)
    assert 0 < ranked[2].score < ranked[1].score < 1.0


def test_a_document_counts_once_per_clause_and_ties_go_to_the_lower_id():
    ranked = merge([[(5, 0.5), (5, 0.5), (4, 0.5)]])
    assert [(hit.id, hit.clauses) for hit in ranked] == [(4, (0,)), (5, (0,))]
    assert ranked[0].score == ranked[1].score == 1.0


def test_nothing_matched_is_an_empty_ranking():
    assert merge([[], []]) == []


def test_the_total_is_exact_only_when_every_clause_was_read_out():
    assert total_hits(7, [3, 5], depth=10) == 7
    assert total_hits(12, [8, 40], depth=10) == 40  # a lower bound, already above depth
    assert total_hits(0, [0, 0], depth=0) == 0


def test_only_the_last_clause_is_typed_as_a_prefix():
    assert clause_queries(["adult", "education for all", "refu"]) == [
        "adult ",
        "education for all ",
        "refu",
    ]


def test_highlight_queries_start_with_a_clause_every_hit_of_the_group_matched():
    page = [
        Ranked(1, 1.0, (0, 2)),
        Ranked(2, 0.9, (1, 2)),
        Ranked(3, 0.5, (1,)),
        Ranked(4, 0.2, (2,)),
    ]
    assert highlight_queries(page, ["gardens", "libraries", "seni"]) == [
        ("gardens libraries seni", [1]),
        ("libraries gardens seni", [2, 3]),
        ("seni", [4]),  # matched only the prefix: the last clause alone keeps it a prefix
    ]
