"""Seeding is idempotent and loads every seed file; example data stays flagged."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.alliances.models import Alliance
from gnlc_hub.cities.models import City
from gnlc_hub.models import Base
from gnlc_hub.practices.models import Practice
from gnlc_hub.seeding.files import SEEDS_DIR
from gnlc_hub.seeding.loader import SeedError, load_seeds
from tests import seedfacts

SEEDED_TABLES = [
    "regions",
    "countries",
    "cities",
    "city_profiles",
    "awards",
    "themes",
    "practices",
    "practice_tags",
    "events",
    "clusters",
    "cluster_memberships",
    "alliances",
    "alliance_members",
    "programmes",
    "programme_hosts",
    "publications",
    "publication_features",
]


async def table_counts(session: AsyncSession) -> dict[str, int]:
    counts = {}
    for name in SEEDED_TABLES:
        table = Base.metadata.tables[name]
        counts[name] = int(await session.scalar(select(func.count()).select_from(table)))
    return counts


async def test_seeding_twice_changes_no_counts(session: AsyncSession) -> None:
    before = await table_counts(session)
    report = await load_seeds(session)
    await session.flush()
    assert await table_counts(session) == before
    assert report.counts["cities"] == len(seedfacts.cities())
    assert report.counts["practices"] == before["practices"]


async def test_every_seed_row_is_loaded(session: AsyncSession) -> None:
    counts = await table_counts(session)
    assert counts["cities"] == len(seedfacts.cities())
    assert counts["countries"] == len(seedfacts.rows("countries.csv"))
    assert counts["awards"] == len(seedfacts.rows("awards.csv"))
    assert counts["regions"] == 5
    real_practices = await session.scalar(
        select(func.count(Practice.id)).where(Practice.is_example.is_(False))
    )
    assert real_practices == len(seedfacts.all_practices())
    real_alliances = await session.scalar(
        select(func.count(Alliance.id)).where(Alliance.is_example.is_(False))
    )
    assert real_alliances == len(seedfacts.toml_tables("alliances.toml", "alliance"))


async def test_real_rows_cite_their_source(session: AsyncSession) -> None:
    without_source = await session.scalar(
        select(func.count(City.id)).where(City.is_example.is_(False), City.source_url.is_(None))
    )
    assert without_source == 0
    practices_without_source = await session.scalar(
        select(func.count(Practice.id)).where(
            Practice.is_example.is_(False),
            Practice.source_url.is_(None),
            Practice.source_citation.is_(None),
        )
    )
    assert practices_without_source == 0


async def test_seed_changes_are_applied_in_place(session: AsyncSession) -> None:
    okayama = await session.scalar(select(City).where(City.slug == "okayama"))
    assert okayama is not None
    okayama.admitted_year = 1999
    await session.flush()
    await load_seeds(session)
    await session.refresh(okayama)
    expected = next(row for row in seedfacts.cities() if row["slug"] == "okayama")
    assert okayama.admitted_year == int(expected["admitted_year"])


# The first file read, a folder, a domain's own seed file, and an example file.
@pytest.mark.parametrize(
    "missing",
    ["countries.csv", "practices", "monitoring/key_features.csv", "examples/programmes.toml"],
)
async def test_a_missing_seed_file_is_an_error_naming_it(
    session: AsyncSession, tmp_path: Path, missing: str
) -> None:
    seeds = shutil.copytree(SEEDS_DIR, tmp_path / "seeds")
    gone = seeds / missing
    if gone.is_dir():
        shutil.rmtree(gone)
    else:
        gone.unlink()
    with pytest.raises(SeedError, match=re.escape(f"{gone} is missing")):
        await load_seeds(session, seeds_dir=seeds)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("al-wakra,1,Al Wakrah,SAME_PLACE,,test,", "GeoNames 1 is not in cities500.json"),
        # Doha is a real GeoNames place, but in Qatar, not in Kenya.
        ("kilifi-county,290030,Doha,SAME_PLACE,,test,", "is in QA, the member city in KE"),
        ("no-such-city,289915,Al Wakrah,SAME_PLACE,,test,", "unknown member city no-such-city"),
    ],
)
async def test_a_bad_gazetteer_link_fails_the_seed(
    session: AsyncSession, tmp_path: Path, row: str, message: str
) -> None:
    seeds = shutil.copytree(SEEDS_DIR, tmp_path / "seeds")
    links = seeds / "gazetteer_links.csv"
    header, *rows = links.read_text(encoding="utf-8").splitlines()
    kept = [r for r in rows if r.split(",")[0] != row.split(",")[0]]
    links.write_text("\n".join([header, *kept, row]) + "\n", encoding="utf-8")
    with pytest.raises(SeedError, match=re.escape(message)):
        await load_seeds(session, seeds_dir=seeds)
