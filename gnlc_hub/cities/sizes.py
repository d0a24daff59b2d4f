"""When two cities count as "of similar size": one rule for peer matching and benchmarks."""

from __future__ import annotations

import math

# Populations within a factor of two of each other.
SIMILAR_SIZE_RATIO = 2.0


def similar_size(a: int | None, b: int | None) -> bool:
    """Both populations known and within ``SIMILAR_SIZE_RATIO`` of each other."""
    if not a or not b:
        return False
    return max(a, b) / min(a, b) <= SIMILAR_SIZE_RATIO


def similar_size_range(population: int) -> tuple[int, int]:
    """The populations of similar size to ``population``, both ends included."""
    return (
        math.ceil(population / SIMILAR_SIZE_RATIO),
        math.floor(population * SIMILAR_SIZE_RATIO),
    )
