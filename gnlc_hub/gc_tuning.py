"""Garbage-collector settings for a serving process.

A large GraphQL response makes tens of thousands of short-lived objects (field results, paths,
ORM rows); with CPython's default thresholds the cyclic collector runs every 700 allocations
and re-scans the long-lived objects of start-up (the schema, the ORM mappers) each time it
reaches the older generations. Freezing what start-up built moves it out of the collector's
sight, and a larger first generation lets a request finish between collections.
"""

from __future__ import annotations

import gc

# Measured with bench/portal.py (see the README's benchmark section): 50 000 allocations per
# young collection; the older generations keep their default ratios.
YOUNG_THRESHOLD = 50_000


_tuned = False


def tune_garbage_collector() -> None:
    """Freeze the objects of start-up and collect the young generation less often; once per
    process (a test run starts many apps, and each freeze would keep what is alive forever)."""
    global _tuned
    if _tuned:
        return
    _tuned = True
    gc.collect()
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, older, oldest)
