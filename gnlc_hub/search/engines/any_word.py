"""ANY-word search on Meilisearch: one query per clause, merged here.

Meilisearch's matching strategies relax a query by dropping words, but never the one they keep
last (`last`: the first word; `frequency`: the rarest), so a document lacking that word is never
returned. Peer matching sends long free-text needs in ANY mode and needs what the embedded engine
answers: every document matching some clause, those matching the most clauses first. So each
clause is searched on its own (one multi-search) and the rankings are merged: a document counts
``MATCHED_CLAUSE`` per clause it matches plus that clause's ranking score, which keeps "more
clauses" strictly above "better score" as the embedded engine's constant-per-word scoring does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

# Above the largest ranking score (1.0) a single clause can add: one more clause matched always
# outranks a better score on fewer clauses.
MATCHED_CLAUSE = 2.0


@dataclass(frozen=True)
class Ranked:
    """A document of the merged ranking: relative score and the clauses it matched."""

    id: int
    score: float
    clauses: tuple[int, ...]


def merge(rankings: Sequence[Sequence[tuple[int, float]]]) -> list[Ranked]:
    """Merge each clause's ``(id, ranking score)`` hits, best first (ties: lower id first)."""
    raw: dict[int, float] = defaultdict(float)
    matched: dict[int, list[int]] = defaultdict(list)
    for clause, hits in enumerate(rankings):
        for document_id, score in hits:
            if clause in matched[document_id]:
                continue
            raw[document_id] += MATCHED_CLAUSE + score
            matched[document_id].append(clause)
    top = max(raw.values(), default=0.0)
    order = sorted(raw, key=lambda document_id: (-raw[document_id], document_id))
    return [
        Ranked(document_id, round(raw[document_id] / top, 6), tuple(matched[document_id]))
        for document_id in order
    ]


def total_hits(merged: int, clause_totals: Sequence[int], depth: int) -> int:
    """How many documents match some clause.

    Exact when every clause was read to its end (each total within ``depth``): the merge saw
    them all. Otherwise the best lower bound, which already exceeds ``depth``, so a caller
    asking "was everything read?" gets the right answer.
    """
    if all(total <= depth for total in clause_totals):
        return merged
    return max(merged, *clause_totals)


def clause_queries(clauses: Sequence[str]) -> list[str]:
    """Each clause as its own query. Meilisearch takes a query's last word as a prefix unless
    a separator follows it; only the query's own last clause is typed as a prefix."""
    return [clause if i == len(clauses) - 1 else f"{clause} " for i, clause in enumerate(clauses)]


def highlight_queries(
    page: Sequence[Ranked], clauses: Sequence[str]
) -> list[tuple[str, list[int]]]:
    """One query per group of hits, to mark every clause a hit matched.

    Meilisearch marks all query words found in a hit but only returns hits holding the word its
    strategy keeps (the first, under `last`), so a group's query starts with a clause all its
    hits matched (their first) and keeps the others in order, the last clause last (a prefix).
    A hit whose first clause is the last matched nothing else: that clause alone marks it.
    """
    groups: dict[int, list[int]] = defaultdict(list)
    for hit in page:
        groups[hit.clauses[0]].append(hit.id)
    last = len(clauses) - 1
    return [
        (
            clauses[last]
            if first == last
            else " ".join([clauses[first], *(c for i, c in enumerate(clauses) if i != first)]),
            ids,
        )
        for first, ids in groups.items()
    ]
