"""Snippet rendering and typo-tolerant word matching shared by the engines."""

from __future__ import annotations

import pytest

from gnlc_hub.search.engine import HighlightField, normalise_query, query_words, typo_budget
from gnlc_hub.search.highlight import (
    SpanList,
    best_window,
    crop,
    distance,
    distance_to_prefix,
    from_tagged,
    render,
)
from gnlc_hub.search.query_plan import Term, plan


def test_render_escapes_text_and_marks_spans():
    assert render("a <b> & c", [(0, 1), (8, 9)]) == "<mark>a</mark> &lt;b&gt; &amp; <mark>c</mark>"
    assert render("abc", [(0, 2), (1, 3)]) == "<mark>abc</mark>"


def test_crop_keeps_a_window_around_the_first_match():
    text = " ".join(f"w{n}" for n in range(100))
    spans = []
    position = 0
    for token in text.split(" "):
        spans.append((position, position + len(token)))
        position += len(token) + 1
    snippet = crop(text, SpanList(spans), [50])
    assert snippet.startswith("…w40 ")
    assert "<mark>w50</mark>" in snippet
    assert snippet.endswith("w69…")


def test_the_window_with_the_most_distinct_matches_wins():
    # "refugees" alone at 5; "mentors" and "refugees" together at 70 and 72.
    assert best_window([5, 70, 72], ["refugees", "mentors", "refugees"]) == (70, 72)
    assert best_window([5, 70, 72], None) == (5, 5)  # nothing to tell them apart: the first
    assert best_window([5, 20, 70], ["a", "b", "a"]) == (5, 20)  # ties: the earliest


def test_engine_tags_become_our_marks():
    converted = from_tagged(HighlightField.BODY, "…x <y> \x02ref\x03 z…", "\x02", "\x03")
    assert converted is not None
    assert converted.snippet == "…x &lt;y&gt; <mark>ref</mark> z…"
    assert from_tagged(HighlightField.TITLE, "no match here", "\x02", "\x03") is None


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("refugess", "refugees", 1),
        ("refugees", "refugees", 0),
        ("refguees", "refugees", 1),  # a transposition is one edit
        ("entrepreneurshp", "entrepreneurship", 1),
        ("literacy", "library", 3),
    ],
)
def test_distance_counts_edits_up_to_the_budget(a: str, b: str, expected: int):
    assert distance(a, b, 2) == min(expected, 3)


def test_distance_to_a_prefix():
    assert distance_to_prefix("entrep", "entrepreneurship", 1) == 0
    assert distance_to_prefix("entrap", "entrepreneurship", 1) == 1
    assert distance_to_prefix("xyz", "entrepreneurship", 1) == 2


def test_query_words_drop_syntax_and_stop_at_ten():
    assert query_words('refugees:(*~"x') == ["refugees", "x"]
    assert len(query_words("w " * 50)) == 10
    assert normalise_query("  a   b  ") == "a b"


def test_typo_budget_follows_word_length():
    assert [typo_budget(w) for w in ("arts", "music", "literacy", "longerword")] == [0, 1, 1, 2]


def test_plan_takes_the_longest_synonym_and_prefixes_the_last_word():
    synonyms = {("community", "learning", "centre"): (("clc",),), ("clc",): (("community",),)}
    clauses = plan(["new", "community", "learning", "centre"], synonyms)
    assert [len(c.words) for c in clauses] == [1, 3]
    assert clauses[1].alternatives == (("clc",),)
    assert clauses[1].words[-1] == Term("centre", 1, prefix=True)
    assert clauses[0].words[0].prefix is False
