"""Seeding the framework (Key Features areas, guideline areas) and the example indicators."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gnlc_hub.core.slugs import slugify
from gnlc_hub.monitoring.enums import IndicatorDirection, KeyFeatureTier
from gnlc_hub.monitoring.models import GuidelineAreaEntry, Indicator, KeyFeatureArea
from gnlc_hub.practices.enums import BuildingBlock, GuidelineArea
from gnlc_hub.seeding.files import SeedError, read_csv, read_toml_tables
from gnlc_hub.seeding.upsert import Upserter

if TYPE_CHECKING:
    from gnlc_hub.seeding.loader import SeedLoader


async def seed_monitoring(loader: SeedLoader, *, examples: bool) -> None:
    """Upsert ``seeds/monitoring`` (and the example indicators) through the loader's session."""
    session, directory = loader.session, loader.dir / "monitoring"
    areas = await Upserter(KeyFeatureArea, "number").load(session)
    for position, row in enumerate(read_csv(directory / "key_features.csv"), start=1):
        block = row["building_block"]
        areas.upsert(
            session,
            row["number"],
            slug=slugify(row["name"]),
            tier=KeyFeatureTier(row["tier"]),
            position=position,
            name=row["name"],
            description=row["description"],
            building_block=BuildingBlock(block) if block else None,
            source_url=row["source_url"],
        )
    guideline = await Upserter(GuidelineAreaEntry, "code").load(session)
    for position, row in enumerate(
        read_toml_tables(directory / "guideline_areas.toml", "guideline_area"), start=1
    ):
        guideline.upsert(
            session,
            GuidelineArea(row["code"]),
            position=position,
            name=row["name"],
            description=row["description"],
            source_url=row["source_url"],
        )
    await session.flush()
    loader.report.add("key feature areas", len(areas.rows))
    loader.report.add("guideline areas", len(guideline.rows))
    if not examples:
        return
    indicators = await Upserter(Indicator, "slug").load(session)
    rows = read_toml_tables(loader.dir / "examples" / "indicators.toml", "indicator")
    for row in rows:
        area = areas.rows.get(row["area"])
        if area is None:
            raise SeedError(f"indicator {row['slug']}: unknown Key Features area {row['area']!r}")
        indicators.upsert(
            session,
            row["slug"],
            name=row["name"],
            description=row["description"],
            unit=row["unit"],
            direction=IndicatorDirection(row["direction"]),
            key_feature_area_id=area.id,
            guideline_area=GuidelineArea(row["guideline_area"])
            if "guideline_area" in row
            else None,
            is_example=True,
        )
    loader.report.add("indicators", len(rows))
