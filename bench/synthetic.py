"""A clearly synthetic GNLC-shaped dataset for benchmarks: N cities, M practices, alliances.

Every row is flagged ``is_example = true`` and named "Synthetic …", and it is only ever written
to a benchmark database, never to the hub's real one. Real regions, countries and themes are
reused so filters and facets behave as in production.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.alliances.enums import AllianceKind, AllianceStatus, MemberResponse
from gnlc_hub.alliances.models import Alliance, AllianceMember
from gnlc_hub.cities.models import City, CityProfile
from gnlc_hub.db import utcnow
from gnlc_hub.network.enums import ClusterRole
from gnlc_hub.network.models import Award, Cluster, ClusterMembership, Country
from gnlc_hub.places.enums import PlaceKind
from gnlc_hub.places.models import LearningPlace
from gnlc_hub.practices.enums import (
    BuildingBlock,
    GuidelineArea,
    PracticeStatus,
    TagFacet,
    TargetGroup,
)
from gnlc_hub.practices.models import Practice, PracticeTag, Theme
from gnlc_hub.seeding.files import SEEDS_DIR, read_csv, read_practice_files

WORDS = [
    "learning",
    "community",
    "centre",
    "library",
    "literacy",
    "refugees",
    "migrants",
    "youth",
    "entrepreneurship",
    "sustainable",
    "development",
    "climate",
    "digital",
    "skills",
    "volunteers",
    "festival",
    "families",
    "neighbourhood",
    "university",
    "partnership",
    "health",
    "wellbeing",
    "heritage",
    "museum",
    "women",
    "inclusion",
    "workplace",
    "training",
    "reading",
    "older",
    "adults",
    "intergenerational",
    "school",
    "dropout",
    "apprenticeship",
    "green",
    "jobs",
    "citizenship",
]

BATCH = 5_000


@dataclass(frozen=True)
class SyntheticSize:
    cities: int
    practices: int
    alliances: int
    # Learning places spread over the synthetic cities (the geo benchmark).
    places: int = 0

    @classmethod
    def up_to(cls, *, cities: int, practices: int, alliances: int) -> SyntheticSize:
        """The synthetic rows that bring the real seeds up to these totals."""
        seeded_cities, seeded_practices = seeded_counts()
        return cls(
            cities=max(0, cities - seeded_cities),
            practices=max(0, practices - seeded_practices),
            alliances=alliances,
        )


def seeded_counts() -> tuple[int, int]:
    """Cities and practices in the real seed files."""
    cities = len(read_csv(SEEDS_DIR / "cities.csv"))
    practices = sum(1 for _ in read_practice_files(SEEDS_DIR / "practices"))
    return cities, practices


# Network sizes the benchmarks run at: the real seeds alone, and 10 000 cities with 100 000
# practices in all.
NETWORK_SIZES: dict[str, SyntheticSize | None] = {
    "real": None,
    "10k": SyntheticSize.up_to(cities=10_000, practices=100_000, alliances=2_000),
}


def _places(rng: random.Random, count: int, city_ids: list[int], now: object) -> list[dict]:
    """Places spread uniformly over the globe (each belongs to a synthetic city)."""
    kinds = [kind.name for kind in PlaceKind]
    return [
        {
            "slug": f"synthetic-place-{index}",
            "city_id": rng.choice(city_ids),
            "kind": rng.choice(kinds),
            "name": f"Synthetic place {index}",
            "latitude": math.degrees(math.asin(rng.uniform(-1, 1))),
            "longitude": rng.uniform(-180, 180),
            "target_groups": [],
            "languages": [],
            "is_example": True,
            "version": 1,
            "created_at": now,
            "updated_at": now,
        }
        for index in range(count)
    ]


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


async def _insert_batches(session: AsyncSession, table: object, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        await session.execute(insert(table), rows[start : start + BATCH])


async def generate(session: AsyncSession, size: SyntheticSize, *, seed: int = 2026) -> None:
    """Add a synthetic network of ``size`` to a database that already holds the real seeds."""
    rng = random.Random(seed)
    countries = list(await session.scalars(select(Country.id)))
    themes = list(await session.scalars(select(Theme.slug)))
    first_city = int(await session.scalar(select(func.coalesce(func.max(City.id), 0)))) + 1
    first_practice = int(await session.scalar(select(func.coalesce(func.max(Practice.id), 0)))) + 1
    now = utcnow()

    city_ids = list(range(first_city, first_city + size.cities))
    await _insert_batches(
        session,
        City,
        [
            {
                "id": city_id,
                "slug": f"synthetic-city-{city_id}",
                "name": f"Synthetic City {city_id}",
                "sort_name": f"synthetic city {city_id:08d}",
                "country_id": rng.choice(countries),
                "admitted_year": rng.choice([None, *range(2015, 2026)]),
                "is_example": True,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
            for city_id in city_ids
        ],
    )
    await _insert_batches(
        session,
        CityProfile,
        [
            {
                "city_id": city_id,
                "population": rng.randint(5_000, 5_000_000),
                "languages": rng.sample(["en", "fr", "es", "ar", "zh", "ru", "ko", "pt"], 2),
                "priorities": rng.sample(themes, 3),
                "challenges": _sentence(rng, 12),
                # Uniform on the sphere: the density a global network of cities could have.
                "latitude": math.degrees(math.asin(rng.uniform(-1, 1))),
                "longitude": rng.uniform(-180, 180),
                "sources": {"LOCATION": "synthetic"},
                "created_at": now,
                "updated_at": now,
            }
            for city_id in city_ids
        ],
    )
    if size.places:
        await _insert_batches(session, LearningPlace, _places(rng, size.places, city_ids, now))
    practices, tags = [], []
    for offset in range(size.practices):
        practice_id = first_practice + offset
        title = _sentence(rng, 6)
        practices.append(
            {
                "id": practice_id,
                "slug": f"synthetic-practice-{practice_id}",
                "city_id": rng.choice(city_ids),
                "title": title,
                "sort_title": title.lower(),
                "summary": _sentence(rng, 25),
                "body": " ".join(_sentence(rng, 15) for _ in range(8)),
                "year_start": rng.randint(2000, 2024),
                "language": "en",
                "keywords": [],
                "status": PracticeStatus.PUBLISHED.name,
                "published_at": now,
                "is_example": True,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
        )
        chosen = (
            [(TagFacet.THEME, t) for t in rng.sample(themes, 2)]
            + [(TagFacet.SDG, str(s)) for s in {4, rng.randint(1, 17)}]
            + [(TagFacet.TARGET_GROUP, rng.choice(list(TargetGroup)).name)]
            + [(TagFacet.BUILDING_BLOCK, rng.choice(list(BuildingBlock)).name)]
            + [(TagFacet.GUIDELINE_AREA, rng.choice(list(GuidelineArea)).name)]
        )
        tags.extend(
            {"practice_id": practice_id, "facet": facet.name, "value": value}
            for facet, value in chosen
        )
    await _insert_batches(session, Practice, practices)
    await _insert_batches(session, PracticeTag, tags)

    awards = [
        {"city_id": city_id, "year": rng.choice([2015, 2017, 2019, 2021, 2024])}
        for city_id in rng.sample(city_ids, max(1, size.cities // 50))
    ]
    await _insert_batches(session, Award, awards)

    cluster_ids = list(await session.scalars(select(Cluster.id)))
    memberships = {
        (rng.choice(cluster_ids), city_id)
        for city_id in rng.sample(city_ids, max(1, size.cities // 10))
    }
    await _insert_batches(
        session,
        ClusterMembership,
        [
            {"cluster_id": cluster, "city_id": city, "role": ClusterRole.MEMBER.name}
            for cluster, city in memberships
        ],
    )

    first_alliance = int(await session.scalar(select(func.coalesce(func.max(Alliance.id), 0)))) + 1
    alliances, members = [], []
    for offset in range(size.alliances):
        alliance_id = first_alliance + offset
        alliances.append(
            {
                "id": alliance_id,
                "slug": f"synthetic-alliance-{alliance_id}",
                "name": f"Synthetic alliance {alliance_id}",
                "kind": rng.choice(list(AllianceKind)).name,
                "status": AllianceStatus.ACTIVE.name,
                "status_confirmed": True,
                "themes": [],
                "is_example": True,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
        )
        members.extend(
            {
                "alliance_id": alliance_id,
                "city_id": city,
                "response": MemberResponse.ACCEPTED.name,
            }
            for city in rng.sample(city_ids, rng.choice([2, 2, 2, 3, 5]))
        )
    await _insert_batches(session, Alliance, alliances)
    await _insert_batches(session, AllianceMember, members)
