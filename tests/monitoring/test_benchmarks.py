"""Medians and quartiles, from values and from rating histograms, and the small-group rule."""

from __future__ import annotations

import statistics
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from gnlc_hub.monitoring.benchmarks import (
    MIN_GROUP,
    summarise_histogram,
    summarise_values,
)
from gnlc_hub.monitoring.enums import BenchmarkGroup

NETWORK = BenchmarkGroup.NETWORK


@given(st.lists(st.floats(-1e6, 1e6), min_size=MIN_GROUP, max_size=60))
def test_values_match_the_standard_library(values: list[float]) -> None:
    summary = summarise_values(NETWORK, values)
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    assert summary.count == len(values)
    assert summary.median is not None
    assert abs(summary.median - median) <= 1e-6 * max(1.0, abs(median))
    assert abs(summary.lower_quartile - q1) <= 1e-6 * max(1.0, abs(q1))
    assert abs(summary.upper_quartile - q3) <= 1e-6 * max(1.0, abs(q3))


@given(st.lists(st.integers(1, 5), min_size=MIN_GROUP, max_size=200))
def test_histograms_summarise_like_the_ratings_they_count(ratings: list[int]) -> None:
    from_counts = summarise_histogram(NETWORK, dict(Counter(ratings)))
    from_values = summarise_values(NETWORK, [float(r) for r in ratings])
    assert from_counts == from_values


@given(st.lists(st.integers(1, 5), max_size=MIN_GROUP - 1))
def test_small_groups_are_withheld_with_a_statement(ratings: list[int]) -> None:
    summary = summarise_histogram(NETWORK, dict(Counter(ratings)))
    assert summary.withheld
    assert (summary.median, summary.lower_quartile, summary.upper_quartile) == (None, None, None)
    assert summary.count == len(ratings)
    assert f"fewer than {MIN_GROUP}" in summary.statement


def test_five_cities_are_enough() -> None:
    summary = summarise_histogram(NETWORK, {1: 1, 2: 1, 3: 1, 4: 1, 5: 1})
    assert (summary.lower_quartile, summary.median, summary.upper_quartile) == (2.0, 3.0, 4.0)
    assert not summary.withheld
