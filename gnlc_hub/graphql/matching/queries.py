"""`peerMatches`: which member cities have already answered a need, and why we say so."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from gnlc_hub.graphql.core.errors import arguments_checked
from gnlc_hub.graphql.core.mutations import UserError, pk_of
from gnlc_hub.graphql.network.enums import Region
from gnlc_hub.graphql.network.types import Cluster
from gnlc_hub.graphql.practices.enums import TargetGroup
from gnlc_hub.graphql.practices.types import Practice, Theme
from gnlc_hub.graphql.search.queries import (
    SearchEngineName,
    SearchHighlight,
    SearchUnavailableError,
)
from gnlc_hub.matching import queries, scoring
from gnlc_hub.matching.need import MAX_NEED_LENGTH, Need, NeedSource
from gnlc_hub.matching.validation import MAX_MATCHES, MatchFilter, MatchRequest
from gnlc_hub.search.engine import SearchEngineError

if TYPE_CHECKING:
    from gnlc_hub.graphql.alliances.types import Alliance
    from gnlc_hub.graphql.cities.types import City

CityRef = Annotated["City", strawberry.lazy("gnlc_hub.graphql.cities.types")]
AllianceRef = Annotated["Alliance", strawberry.lazy("gnlc_hub.graphql.alliances.types")]

MatchReasonKind = strawberry.enum(
    scoring.ReasonKind,
    name="MatchReasonKind",
    description="What a reason rests on: a matching practice, tags shared with the need, or "
    "what the two cities have in common.",
)
NeedSourceEnum = strawberry.enum(
    NeedSource,
    name="NeedSource",
    description="GIVEN: the `need` argument; CITY_PROFILE: the asking city's priorities and "
    "challenges.",
)


async def _themes(info: Info, slugs: tuple[str, ...]) -> list[Theme]:
    """Themes by slug from the request's vocabulary, read once and shared with Practice.themes."""
    vocabulary = await info.context.loaders.theme_vocabulary.load(None)
    return [vocabulary[slug] for slug in slugs if slug in vocabulary]


@strawberry.type(description="One reason for proposing a city, in a sentence and as facts.")
class MatchReason:
    reason: strawberry.Private[scoring.Reason]
    kind: MatchReasonKind = strawberry.field(description="What the reason rests on.")
    text: str = strawberry.field(description="The reason in one plain-English sentence.")
    target_groups: list[TargetGroup] = strawberry.field(
        description="Target groups shared with the need (SHARED_TARGET_GROUPS)."
    )
    sdgs: list[int] = strawberry.field(description="SDGs shared with the need (SHARED_SDGS).")
    highlights: list[SearchHighlight] = strawberry.field(
        description="Where the need's words matched the practice (MATCHING_PRACTICE)."
    )

    @strawberry.field(description="The matching practice (MATCHING_PRACTICE).")
    async def practice(self, info: Info) -> Practice | None:
        if self.reason.practice_id is None:
            return None
        return await info.context.loaders.practice.load(self.reason.practice_id)

    @strawberry.field(description="Themes shared with the need (SHARED_THEMES).")
    async def themes(self, info: Info) -> list[Theme]:
        return await _themes(info, self.reason.themes)

    @strawberry.field(description="Thematic clusters both cities take part in (SAME_CLUSTER).")
    async def clusters(self, info: Info) -> list[Cluster]:
        clusters = await info.context.loaders.cluster.load_many(list(self.reason.cluster_ids))
        return [cluster for cluster in clusters if cluster is not None]

    @classmethod
    def of(cls, reason: scoring.Reason) -> MatchReason:
        return cls(
            reason=reason,
            kind=reason.kind,
            text=reason.text,
            target_groups=list(reason.target_groups),
            sdgs=list(reason.sdgs),
            highlights=[
                SearchHighlight(field=h.field, snippet=h.snippet) for h in reason.highlights
            ],
        )


@strawberry.type(description="How a score was made; each part is in [0, 1].")
class PeerMatchScore:
    relevance: float = strawberry.field(
        description="How well the city's practices answer the need's searches (weight 0.60)."
    )
    tag_overlap: float | None = strawberry.field(
        description="Share of the need's themes, target groups and SDGs found on those "
        "practices (weight 0.25); null when the need names none."
    )
    context: float | None = strawberry.field(
        description="What the two cities share: cluster, region, size, language (weight 0.15); "
        "null when no city asks."
    )


@strawberry.type(description="A member city proposed as a peer for a need, with the evidence.")
class PeerMatch:
    match: strawberry.Private[queries.PeerMatch]
    score: float = strawberry.field(
        description="Overall score in [0, 1], higher is better; compare within one result only."
    )
    score_breakdown: PeerMatchScore = strawberry.field(description="The parts of the score.")
    reasons: list[MatchReason] = strawberry.field(
        description="Why this city is proposed: matching practices first, then shared tags, "
        "then what the two cities have in common."
    )

    @strawberry.field(description="The proposed city.")
    async def city(self, info: Info) -> CityRef:
        return await info.context.loaders.city.load(self.match.city_id)

    @strawberry.field(description="Its published practices that answer the need, best first.")
    async def practices(self, info: Info) -> list[Practice]:
        rows = await info.context.loaders.practice.load_many(list(self.match.scored.practice_ids))
        return [row for row in rows if row is not None]

    @strawberry.field(
        description="An alliance between the asking city and this one that you may see "
        "(active first, then proposed, concluded, declined); null when there is none or no "
        "city asks."
    )
    async def alliance(self, info: Info) -> AllianceRef | None:
        if self.match.alliance_id is None:
            return None
        return await info.context.loaders.alliance.load(self.match.alliance_id)

    @classmethod
    def of(cls, match: queries.PeerMatch) -> PeerMatch:
        parts = match.scored.parts
        return cls(
            match=match,
            score=match.scored.score,
            score_breakdown=PeerMatchScore(
                relevance=parts.relevance, tag_overlap=parts.tag_overlap, context=parts.context
            ),
            reasons=[MatchReason.of(reason) for reason in match.scored.reasons],
        )


@strawberry.type(description="How the need was read: what was searched and which tags it names.")
class MatchedNeed:
    need: strawberry.Private[Need]
    text: str = strawberry.field(description="The need's text.")
    source: NeedSourceEnum = strawberry.field(description="Where the text came from.")
    searches: list[str] = strawberry.field(
        description="The searches run over published practices (any word may match)."
    )
    target_groups: list[TargetGroup] = strawberry.field(description="Target groups the need names.")
    sdgs: list[int] = strawberry.field(description="SDGs the need names (e.g. `SDG 4`).")

    @strawberry.field(description="Themes of the vocabulary the need names (or a synonym of).")
    async def themes(self, info: Info) -> list[Theme]:
        return await _themes(info, self.need.themes)


@strawberry.type(description="Peer matches for a need, or why none could be computed.")
class PeerMatchResult:
    matches: list[PeerMatch] = strawberry.field(description="Best matches first.")
    need: MatchedNeed | None = strawberry.field(
        description="How the need was read; null when there are userErrors."
    )
    engine: SearchEngineName | None = strawberry.field(
        description="The search engine that answered; null when there are userErrors."
    )
    candidate_count: int = strawberry.field(
        description="Cities with at least one matching practice, before filters and `first`."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Always empty: problems with the arguments are BAD_USER_INPUT errors, as "
        "for every query (kept for compatibility; see CHANGELOG)."
    )

    @classmethod
    def of(cls, result: queries.MatchResult) -> PeerMatchResult:
        need = result.need
        return cls(
            matches=[PeerMatch.of(match) for match in result.matches],
            need=MatchedNeed(
                need=need,
                text=need.text,
                source=need.source,
                searches=list(need.queries),
                target_groups=list(need.target_groups),
                sdgs=list(need.sdgs),
            ),
            engine=result.engine,
            candidate_count=result.candidates,
            user_errors=[],
        )


@strawberry.input(description="Which cities may be proposed: AND across fields, OR within a list.")
class PeerMatchFilter:
    regions: list[Region] | None = strawberry.field(default=None, description="UNESCO regions.")
    languages: list[str] | None = strawberry.field(
        default=None,
        description="Working languages from city profiles (ISO 639-1); cities whose profile "
        "lists none of them are left out.",
    )
    population_min: int | None = strawberry.field(
        default=None,
        description="Smallest population (city profiles); cities without one are left out.",
    )
    population_max: int | None = strawberry.field(
        default=None,
        description="Largest population (city profiles); cities without one are left out.",
    )
    exclude_allies: bool = strawberry.field(
        default=False,
        description="Leave out cities already in an ACTIVE alliance with the asking city.",
    )
    min_published_practices: int = strawberry.field(
        default=0, description="Only cities with at least this many published practices."
    )

    def to_filter(self) -> MatchFilter:
        return MatchFilter(
            regions=self.regions or (),
            languages=self.languages or (),
            population_min=self.population_min,
            population_max=self.population_max,
            exclude_allies=self.exclude_allies,
            min_published_practices=self.min_published_practices,
        )


@strawberry.type(description="Peer-learning matching.")
class MatchingQuery:
    @strawberry.field(
        description="Member cities whose published practices answer a need, best first, with "
        "readable reasons and the practices as evidence. Give `need` (free text), or `cityId` "
        "alone to use that city's profile priorities and challenges; with `cityId` the city "
        "itself is never proposed and shared context counts. Problems with the arguments are "
        "BAD_USER_INPUT errors (with `field` and `reason`), as for `searchPractices`; an "
        "unavailable search engine is a SEARCH_UNAVAILABLE error."
    )
    async def peer_matches(
        self,
        info: Info,
        city_id: Annotated[
            relay.GlobalID | None,
            strawberry.argument(description="The city looking for peers."),
        ] = None,
        need: Annotated[
            str | None,
            strawberry.argument(
                description=f"What the city wants to learn about, in plain English (at most "
                f"{MAX_NEED_LENGTH} characters); omit to use the city's profile."
            ),
        ] = None,
        filter: Annotated[
            PeerMatchFilter | None, strawberry.argument(description="Which cities may be proposed.")
        ] = None,
        first: Annotated[
            int, strawberry.argument(description=f"Number of matches (1–{MAX_MATCHES}).")
        ] = 10,
    ) -> PeerMatchResult:
        try:
            with arguments_checked():
                request = MatchRequest(
                    city_id=None
                    if city_id is None
                    else pk_of(city_id, "City", "cityId", within=()),
                    need=need,
                    filter=filter.to_filter() if filter else MatchFilter(),
                    first=first,
                )
                engine = info.context.runtime.search
                result = await info.context.db.run(
                    lambda session: queries.peer_matches(
                        session, engine, viewer=info.context.viewer, request=request
                    )
                )
        except SearchEngineError:
            raise SearchUnavailableError(
                "Matching needs the search engine, which is unavailable; please retry.",
                field="need",
            ) from None
        return PeerMatchResult.of(result)
