"""What matching reads from the database, in a few set-based statements whatever the size."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.alliances.enums import PARTICIPATING, AllianceStatus
from gnlc_hub.alliances.models import Alliance, AllianceMember
from gnlc_hub.alliances.queries import visible_alliances
from gnlc_hub.cities.models import City, CityProfile
from gnlc_hub.core.viewer import Viewer
from gnlc_hub.core.vocabularies import RegionCode
from gnlc_hub.matching.need import ThemeTerms
from gnlc_hub.matching.scoring import CityFacts, PracticeEvidence
from gnlc_hub.network.models import Cluster, ClusterMembership, Country, Region
from gnlc_hub.practices.enums import PracticeStatus, TagFacet, TargetGroup
from gnlc_hub.practices.models import Practice, PracticeTag, Theme


async def vocabulary(session: AsyncSession) -> list[ThemeTerms]:
    rows = await session.execute(
        select(Theme.slug, Theme.name, Theme.synonyms).order_by(Theme.slug)
    )
    return [ThemeTerms.of(slug, name, synonyms or ()) for slug, name, synonyms in rows]


async def published_hits(
    session: AsyncSession, scores: Mapping[int, Mapping[int, float]], skip_city: int | None
) -> dict[int, list[PracticeEvidence]]:
    """The hits still published (the index may lag a moment), grouped by city, without tags."""
    if not scores:
        return {}
    rows = await session.execute(
        select(Practice.id, Practice.city_id, Practice.title).where(
            Practice.id.in_(list(scores)), Practice.status == PracticeStatus.PUBLISHED
        )
    )
    by_city: dict[int, list[PracticeEvidence]] = defaultdict(list)
    for practice_id, city_id, title in rows:
        if city_id != skip_city:
            by_city[city_id].append(
                PracticeEvidence(
                    practice_id=practice_id,
                    title=title,
                    scores=scores[practice_id],
                    highlights=(),
                    themes=frozenset(),
                    target_groups=frozenset(),
                    sdgs=frozenset(),
                )
            )
    return by_city


async def with_tags(
    session: AsyncSession, practices: Sequence[PracticeEvidence]
) -> list[PracticeEvidence]:
    """The same practices with their themes, target groups and SDGs."""
    if not practices:
        return []
    tags: dict[int, dict[TagFacet, set[str]]] = defaultdict(lambda: defaultdict(set))
    rows = await session.execute(
        select(PracticeTag.practice_id, PracticeTag.facet, PracticeTag.value).where(
            PracticeTag.practice_id.in_([p.practice_id for p in practices]),
            PracticeTag.facet.in_([TagFacet.THEME, TagFacet.TARGET_GROUP, TagFacet.SDG]),
        )
    )
    for practice_id, facet, value in rows:
        tags[practice_id][TagFacet(facet)].add(value)
    return [
        dataclasses.replace(
            practice,
            themes=frozenset(tags[practice.practice_id][TagFacet.THEME]),
            target_groups=frozenset(
                TargetGroup(value) for value in tags[practice.practice_id][TagFacet.TARGET_GROUP]
            ),
            sdgs=frozenset(int(value) for value in tags[practice.practice_id][TagFacet.SDG]),
        )
        for practice in practices
    ]


async def city_facts(session: AsyncSession, city_ids: Sequence[int]) -> dict[int, CityFacts]:
    """Name, region, clusters and profile of each city, in two statements."""
    if not city_ids:
        return {}
    ids = list(city_ids)
    rows = await session.execute(
        select(
            City.id,
            City.slug,
            City.name,
            Region.code,
            Region.name,
            CityProfile.population,
            CityProfile.languages,
        )
        .join(Country, Country.id == City.country_id)
        .join(Region, Region.id == Country.region_id)
        .outerjoin(CityProfile, CityProfile.city_id == City.id)
        .where(City.id.in_(ids))
    )
    clusters: dict[int, dict[int, str]] = defaultdict(dict)
    for city_id, cluster_id, name in await session.execute(
        select(ClusterMembership.city_id, Cluster.id, Cluster.name)
        .join(Cluster, Cluster.id == ClusterMembership.cluster_id)
        .where(ClusterMembership.city_id.in_(ids))
    ):
        clusters[city_id][cluster_id] = name
    return {
        city_id: CityFacts(
            city_id=city_id,
            slug=slug,
            name=name,
            region=RegionCode(region),
            region_name=region_name,
            clusters=clusters.get(city_id, {}),
            population=population,
            languages=tuple(languages or ()),
        )
        for city_id, slug, name, region, region_name, population, languages in rows
    }


async def published_counts(session: AsyncSession, city_ids: Sequence[int]) -> dict[int, int]:
    rows = await session.execute(
        select(Practice.city_id, func.count())
        .where(Practice.city_id.in_(list(city_ids)), Practice.status == PracticeStatus.PUBLISHED)
        .group_by(Practice.city_id)
    )
    return {city_id: int(count) for city_id, count in rows}


@dataclass(frozen=True)
class SharedAlliance:
    alliance_id: int
    status: AllianceStatus
    # Both cities proposed or accepted it (rather than one of them declining or not answering).
    both_take_part: bool


async def shared_alliances(
    session: AsyncSession, viewer: Viewer, city_id: int, others: Sequence[int]
) -> dict[int, list[SharedAlliance]]:
    """Per other city: the alliances it shares with ``city_id`` that the viewer may see."""
    if not others:
        return {}
    ours = (
        select(AllianceMember.alliance_id, AllianceMember.response)
        .where(AllianceMember.city_id == city_id)
        .subquery()
    )
    rows = await session.execute(
        select(AllianceMember.city_id, AllianceMember.response, ours.c.response, Alliance.id)
        .add_columns(Alliance.status)
        .join(ours, ours.c.alliance_id == AllianceMember.alliance_id)
        .join(Alliance, Alliance.id == AllianceMember.alliance_id)
        .where(AllianceMember.city_id.in_(list(others)), visible_alliances(viewer))
    )
    found: dict[int, list[SharedAlliance]] = defaultdict(list)
    for other, theirs, our_response, alliance_id, status in rows:
        both = theirs in PARTICIPATING and our_response in PARTICIPATING
        found[other].append(SharedAlliance(alliance_id, AllianceStatus(status), both))
    return found
