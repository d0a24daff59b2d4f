"""Measuring matching quality on a labelled set: precision@k and mean reciprocal rank.

precision@k is the share of the top k proposals that truly answer the need, averaged over the
cases (a case with one relevant city can reach at most 1/k; the report gives that ceiling).
The reciprocal rank of a case is 1/rank of its first relevant city (0 when none is proposed).
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub import resources
from gnlc_hub.cities.models import City
from gnlc_hub.core.viewer import ANONYMOUS
from gnlc_hub.matching.queries import peer_matches
from gnlc_hub.matching.validation import MatchRequest
from gnlc_hub.search.engine import SearchEngine, SearchEngineName

EVALUATION_SET = resources.matching_evaluation_set()
RANKED = 10


class EvaluationError(ValueError):
    """The labelled set is malformed or names cities the database does not have."""


@dataclass(frozen=True)
class EvaluationCase:
    need: str
    relevant: tuple[str, ...]
    city: str | None = None
    why: str = ""


@dataclass(frozen=True)
class CaseResult:
    case: EvaluationCase
    ranked: tuple[str, ...]  # slugs of the proposed cities, best first
    k: int

    @property
    def hits_at_k(self) -> int:
        return sum(slug in self.case.relevant for slug in self.ranked[: self.k])

    @property
    def precision(self) -> float:
        return self.hits_at_k / self.k

    @property
    def ceiling(self) -> float:
        """The best precision@k this case allows."""
        return min(self.k, len(self.case.relevant)) / self.k

    @property
    def reciprocal_rank(self) -> float:
        for rank, slug in enumerate(self.ranked, start=1):
            if slug in self.case.relevant:
                return 1 / rank
        return 0.0


@dataclass(frozen=True)
class EvaluationReport:
    results: tuple[CaseResult, ...]
    engine: SearchEngineName
    k: int

    def _mean(self, values: Sequence[float]) -> float:
        return sum(values) / len(values) if values else 0.0

    @property
    def precision(self) -> float:
        return self._mean([r.precision for r in self.results])

    @property
    def ceiling(self) -> float:
        return self._mean([r.ceiling for r in self.results])

    @property
    def mrr(self) -> float:
        return self._mean([r.reciprocal_rank for r in self.results])


def load_cases(path: Path = EVALUATION_SET) -> list[EvaluationCase]:
    try:
        with path.open("rb") as handle:
            rows = tomllib.load(handle).get("case", [])
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise EvaluationError(f"cannot read {path}: {error}") from None
    cases = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row.get("need"), str) or not row.get("relevant"):
            raise EvaluationError(f"{path} case {number}: needs `need` and `relevant`")
        cases.append(
            EvaluationCase(
                need=row["need"],
                relevant=tuple(row["relevant"]),
                city=row.get("city"),
                why=row.get("why", ""),
            )
        )
    return cases


async def evaluate(
    session: AsyncSession, engine: SearchEngine, cases: Sequence[EvaluationCase], *, k: int = 3
) -> EvaluationReport:
    """Ask for each case's matches as an anonymous reader would, and score the ranking."""
    named = {slug for case in cases for slug in (*case.relevant, case.city) if slug}
    ids = dict(
        (await session.execute(select(City.slug, City.id).where(City.slug.in_(named)))).all()
    )
    unknown = sorted(named - set(ids))
    if unknown:
        raise EvaluationError(f"the labelled set names unknown cities: {', '.join(unknown)}")
    rankings = []
    for case in cases:
        request = MatchRequest(
            city_id=ids[case.city] if case.city else None, need=case.need, first=RANKED
        )
        result = await peer_matches(session, engine, viewer=ANONYMOUS, request=request)
        rankings.append([match.city_id for match in result.matches])
    slugs = await _slugs(session, {city_id for ranking in rankings for city_id in ranking})
    results = tuple(
        CaseResult(case, tuple(slugs[city_id] for city_id in ranking), k)
        for case, ranking in zip(cases, rankings, strict=True)
    )
    return EvaluationReport(results, engine.name, k)


async def _slugs(session: AsyncSession, city_ids: set[int]) -> dict[int, str]:
    """The slugs of every proposed city, in one statement for the whole set."""
    rows = await session.execute(select(City.id, City.slug).where(City.id.in_(list(city_ids))))
    return dict(rows.all())
