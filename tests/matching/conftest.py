"""Matching runs on every engine: the search suite's engine fixtures, shared here."""

from tests.search.conftest import engine_kind, seeded, seeded_indexes

__all__ = ["engine_kind", "seeded", "seeded_indexes"]
