"""Peer matches for a need: search the practices, gather the facts, score, filter and rank.

Works on any `SearchEngine`: the need becomes a few free-text searches (any word may match) over
published practices; the hits are grouped by city and scored by `matching.scoring`.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.alliances.enums import AllianceStatus
from gnlc_hub.cities.models import CityProfile
from gnlc_hub.core import validation
from gnlc_hub.core.errors import DomainError, ErrorCode
from gnlc_hub.core.viewer import Viewer
from gnlc_hub.matching import facts
from gnlc_hub.matching.facts import SharedAlliance
from gnlc_hub.matching.need import Need, read_need
from gnlc_hub.matching.scoring import (
    CityFacts,
    PracticeEvidence,
    ScoredCity,
    evidence,
    explained,
    score_city,
)
from gnlc_hub.matching.validation import MatchFilter, MatchRequest, need_parts, request_problems
from gnlc_hub.search.engine import (
    Facet,
    Highlight,
    MatchMode,
    SearchEngine,
    SearchEngineName,
    SearchFilter,
    SearchRequest,
)

# Hits read per search, with highlights; when filters leave too few cities, the searches are
# read deeper, without highlights (costly on long lists) except for the evidence shown.
SEARCH_READS = ((100, True), (1000, False))
# Narrow searches for highlights read this many hits per city shown: enough for its evidence,
# which is among its best hits for that search.
HIGHLIGHT_DEPTH_PER_CITY = 5
# Which alliance to show when two cities share several: the one that binds them most.
ALLIANCE_PREFERENCE = {
    AllianceStatus.ACTIVE: 0,
    AllianceStatus.PROPOSED: 1,
    AllianceStatus.CONCLUDED: 2,
    AllianceStatus.DECLINED: 3,
}


@dataclass(frozen=True)
class PeerMatch:
    scored: ScoredCity
    # The alliance between the asking city and this one that the viewer may see, if any.
    alliance_id: int | None = None

    @property
    def city_id(self) -> int:
        return self.scored.city_id


@dataclass(frozen=True)
class MatchResult:
    need: Need
    matches: list[PeerMatch]
    engine: SearchEngineName
    # Cities that had at least one matching practice (before filters and `first`).
    candidates: int


async def _asking_city(session: AsyncSession, city_id: int) -> tuple[CityFacts, CityProfile | None]:
    """The asking city's facts (read once, for its need and for the context part) and profile."""
    asking = (await facts.city_facts(session, [city_id])).get(city_id)
    if asking is None:
        raise DomainError.single("The city does not exist.", ErrorCode.NOT_FOUND, ["cityId"])
    return asking, await session.get(CityProfile, city_id)


# Practice id -> search index (into Need.queries) -> relevance.
Scores = dict[int, dict[int, float]]


@dataclass
class _Hits:
    scores: Scores
    # (practice id, search index) -> where that search's words matched the practice; empty
    # when the read was without highlights.
    highlights: dict[tuple[int, int], tuple[Highlight, ...]]
    # Every search was read to its end: reading deeper cannot find more.
    exhausted: bool


async def _search(engine: SearchEngine, need: Need, depth: int, highlight: bool) -> _Hits:
    """Each hit's relevance per search of the need.

    Filters are applied to the cities afterwards, not given to the engine: relevance is relative
    to the best hit of a search, so a filtered search would make weak matches look strong, and a
    city's score would change with the filter.
    """
    requests = [
        SearchRequest(query=query, limit=depth, match=MatchMode.ANY, highlight=highlight)
        for query in need.queries
    ]
    results = await asyncio.gather(*(engine.search(request) for request in requests))
    hits = _Hits(defaultdict(dict), {}, all(r.total_hits <= depth for r in results))
    for index, result in enumerate(results):
        for hit in result.hits:
            hits.scores[hit.id][index] = hit.score
            if highlight:
                hits.highlights[hit.id, index] = hit.highlights
    return hits


def _passes_filter(city: CityFacts, criteria: MatchFilter, asking: CityFacts | None) -> bool:
    if criteria.regions and city.region not in criteria.regions:
        return False
    if criteria.within_km is not None:
        distance = asking.distance_km(city) if asking is not None else None
        if distance is None or distance > criteria.within_km:
            return False
    if criteria.languages:
        wanted = {code.lower() for code in criteria.languages}
        if not wanted & set(city.languages):
            return False
    if criteria.population_min is not None or criteria.population_max is not None:
        if city.population is None:
            return False
        if criteria.population_min is not None and city.population < criteria.population_min:
            return False
        if criteria.population_max is not None and city.population > criteria.population_max:
            return False
    return True


def _is_ally(alliances: Sequence[SharedAlliance]) -> bool:
    return any(a.status is AllianceStatus.ACTIVE and a.both_take_part for a in alliances)


def _shown_alliance(alliances: Sequence[SharedAlliance]) -> int | None:
    if not alliances:
        return None
    return min(alliances, key=lambda a: (ALLIANCE_PREFERENCE[a.status], -a.alliance_id)).alliance_id


@dataclass
class _Matching:
    """One peer-matching run: its inputs and what it has read so far."""

    session: AsyncSession
    engine: SearchEngine
    viewer: Viewer
    request: MatchRequest
    need: Need
    asking: CityFacts | None
    theme_names: Mapping[str, str]
    facts: dict[int, CityFacts] = field(default_factory=dict)
    alliances: dict[int, list[SharedAlliance]] = field(default_factory=dict)

    async def load_facts(self, city_ids: Sequence[int]) -> None:
        missing = [city_id for city_id in city_ids if city_id not in self.facts]
        self.facts.update(await facts.city_facts(self.session, missing))

    async def load_alliances(self, city_ids: Sequence[int]) -> None:
        if self.asking is None:
            return
        missing = [city_id for city_id in city_ids if city_id not in self.alliances]
        found = await facts.shared_alliances(
            self.session, self.viewer, self.asking.city_id, missing
        )
        self.alliances.update({city_id: found.get(city_id, []) for city_id in missing})

    async def eligible(self, by_city: Mapping[int, list[PracticeEvidence]]) -> list[int]:
        """Cities with practices worth showing that pass the filter."""
        kept = [city_id for city_id, practices in by_city.items() if evidence(practices)]
        await self.load_facts(kept)
        criteria = self.request.filter
        kept = [
            c
            for c in kept
            if c in self.facts and _passes_filter(self.facts[c], criteria, self.asking)
        ]
        if criteria.min_published_practices > 1:
            counts = await facts.published_counts(self.session, kept)
            kept = [c for c in kept if counts.get(c, 0) >= criteria.min_published_practices]
        if criteria.exclude_allies:
            await self.load_alliances(kept)
            kept = [c for c in kept if not _is_ally(self.alliances[c])]
        return kept

    async def tagged(
        self, city_ids: Sequence[int], by_city: Mapping[int, list[PracticeEvidence]]
    ) -> dict[int, list[PracticeEvidence]]:
        """The practices of these cities with their tags, read in one statement for scoring
        and explaining alike."""
        owners = {p.practice_id: c for c in city_ids for p in by_city[c]}
        grouped: dict[int, list[PracticeEvidence]] = {c: [] for c in city_ids}
        for practice in await facts.with_tags(
            self.session, [p for c in city_ids for p in by_city[c]]
        ):
            grouped[owners[practice.practice_id]].append(practice)
        return grouped

    def best(self, tagged: Mapping[int, list[PracticeEvidence]]) -> list[ScoredCity]:
        """Score every eligible city (numbers only) and keep the `first` best.

        Relevance saturates at 1.0 once a city holds a best hit, so equal scores go to the
        city with more practices shown as evidence, then by name."""
        scored = [score_city(self.facts[c], tagged[c], self.need, self.asking) for c in tagged]
        scored.sort(
            key=lambda s: (
                -s.score,
                -s.parts.relevance,
                -len(s.practice_ids),
                self.facts[s.city_id].name,
            )
        )
        return scored[: self.request.first]

    async def explained(
        self,
        best: Sequence[ScoredCity],
        tagged: Mapping[int, list[PracticeEvidence]],
        hits: _Hits,
    ) -> list[ScoredCity]:
        """The best matches with their reasons, each piece of evidence highlighted where its
        best search matched it."""
        city_ids = [scored.city_id for scored in best]
        highlights = dict(hits.highlights)
        highlights.update(await self._missing_highlights(best, tagged, highlights))
        return [
            explained(
                self.facts[city_id],
                [
                    dataclasses.replace(
                        p, highlights=highlights.get((p.practice_id, p.best_search), ())
                    )
                    for p in tagged[city_id]
                ],
                self.need,
                self.asking,
                self.theme_names,
            )
            for city_id in city_ids
        ]

    async def _missing_highlights(
        self,
        best: Sequence[ScoredCity],
        tagged: Mapping[int, list[PracticeEvidence]],
        known: Mapping[tuple[int, int], tuple[Highlight, ...]],
    ) -> dict[tuple[int, int], tuple[Highlight, ...]]:
        """Highlights of evidence found by a deeper read (which skips them): one narrow search
        per search of the need, over the cities concerned only."""
        shown = {pid for scored in best for pid in scored.practice_ids}
        cities_by_search: dict[int, set[int]] = defaultdict(set)
        for scored in best:
            for practice in tagged[scored.city_id]:
                key = (practice.practice_id, practice.best_search)
                if practice.practice_id in shown and key not in known:
                    cities_by_search[practice.best_search].add(scored.city_id)
        searches = list(cities_by_search.items())
        results = await asyncio.gather(
            *(
                self.engine.search(
                    SearchRequest(
                        query=self.need.queries[index],
                        filter=SearchFilter(
                            values={Facet.CITY: [self.facts[c].slug for c in cities]}
                        ),
                        limit=HIGHLIGHT_DEPTH_PER_CITY * len(cities),
                        match=MatchMode.ANY,
                    )
                )
                for index, cities in searches
            )
        )
        return {
            (hit.id, index): hit.highlights
            for (index, _), result in zip(searches, results, strict=True)
            for hit in result.hits
        }


async def peer_matches(
    session: AsyncSession, engine: SearchEngine, *, viewer: Viewer, request: MatchRequest
) -> MatchResult:
    """Cities whose published practices answer the need, best first, each with its reasons."""
    validation.ensure(request_problems(request))
    asking, profile = (None, None)
    if request.city_id is not None:
        asking, profile = await _asking_city(session, request.city_id)
    if asking is not None and request.filter.within_km is not None and asking.point is None:
        raise DomainError.single(
            f"{asking.name} has no location yet, so distances cannot be measured: set one "
            "with updateCityProfile.",
            ErrorCode.REQUIRED,
            ["filter", "withinKm"],
        )
    themes_of_city: list[str] = []
    if asking is not None and not (request.need or "").strip():
        themes_of_city = await facts.practice_themes(session, asking.city_id)
    parts, source = need_parts(request, asking, profile, themes_of_city)
    themes = await facts.vocabulary(session)
    need = read_need(parts, source, themes)
    if not need.queries:
        raise DomainError.single(
            "The need has no words to search for; say what the city wants to learn about.",
            ErrorCode.INVALID,
            ["need"],
        )
    run = _Matching(
        session, engine, viewer, request, need, asking, {t.slug: t.name for t in themes}
    )
    for depth, highlight in SEARCH_READS:
        hits = await _search(engine, need, depth, highlight)
        by_city = await facts.published_hits(
            session, hits.scores, asking.city_id if asking else None
        )
        ordered = await run.eligible(by_city)
        if len(ordered) >= request.first or hits.exhausted or not request.filter.narrows:
            break
    tagged = await run.tagged(ordered, by_city)
    best = await run.explained(run.best(tagged), tagged, hits)
    await run.load_alliances([scored.city_id for scored in best])
    return MatchResult(
        need=need,
        matches=[
            PeerMatch(scored, _shown_alliance(run.alliances.get(scored.city_id, ())))
            for scored in best
        ],
        engine=engine.name,
        candidates=len(by_city),
    )
